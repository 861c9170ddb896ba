import pg from "pg";
import { type PostfixAdminData, readPostfixAdmin } from "./postfixadmin";
import { plainValue } from "./postfixadmin-pgdump";

const TABLES = ["domain", "mailbox", "alias", "vacation"] as const;

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
      data[table] = rows.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plainValue(v)])));
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
