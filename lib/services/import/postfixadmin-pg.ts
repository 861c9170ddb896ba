import pg from "pg";
import { machineTime } from "@/lib/i18n/format-time";
import { type PostfixAdminData, readPostfixAdmin } from "./postfixadmin";

const TABLES = ["domain", "mailbox", "alias", "vacation"] as const;

/**
 * A value as the SQLite file and the MySQL dump give it: PostfixAdmin's pgsql schema has boolean
 * `active`/`backupmx` (1/0 elsewhere) and timestamps with time zone (`activefrom`, text elsewhere).
 */
function plain(v: unknown): unknown {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return machineTime(v).replace("T", " ").slice(0, 19);
  return v;
}

/**
 * Reads a PostfixAdmin PostgreSQL database (`postgres://user:pass@host/postfix`), its four tables in
 * one read-only transaction so the rows fit together; a table that is missing reads as empty.
 */
export async function readPostfixAdminPostgres(url: string): Promise<PostfixAdminData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const data: PostfixAdminData = { domain: [], mailbox: [], alias: [], vacation: [] };
    for (const table of TABLES) {
      const exists = await client.query<{ t: string | null }>("SELECT to_regclass($1) AS t", [table]);
      if (!exists.rows[0]?.t) continue;
      const rows = await client.query<Record<string, unknown>>(`SELECT * FROM "${table}"`);
      data[table] = rows.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    }
    await client.query("COMMIT");
    return data;
  } finally {
    await client.end();
  }
}

/** A PostfixAdmin database by what the command line names: a `postgres://` URL, or a SQLite file or MySQL dump. */
export async function loadPostfixAdmin(source: string): Promise<PostfixAdminData> {
  return /^postgres(ql)?:\/\//.test(source) ? await readPostfixAdminPostgres(source) : readPostfixAdmin(source);
}
