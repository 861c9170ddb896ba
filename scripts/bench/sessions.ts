/** Logs a principal in over HTTP the way the login form's grant does, and returns the cookie header. */
import Database from "better-sqlite3";
import crypto from "node:crypto";
import pg from "pg";

type Kind = "user" | "mail_account" | "mailbox";

const INSERT_GRANT = "INSERT INTO login_grants (token_hash, principal_kind, principal_id, expires_at) VALUES";

/** A one-minute login grant in the panel's database: a SQLite file or a postgres:// URL. */
export async function insertGrant(database: string, kind: Kind, id: number): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const values = [crypto.createHash("sha256").update(token).digest("hex"), kind, id, Date.now() + 60_000] as const;
  if (database.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    await client.query(`${INSERT_GRANT} ($1, $2, $3, $4)`, [...values]);
    await client.end();
    return token;
  }
  const db = new Database(database);
  db.pragma("busy_timeout = 5000");
  db.prepare(`${INSERT_GRANT} (?, ?, ?, ?)`).run(...values);
  db.close();
  return token;
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]);

export async function sessionCookie(baseUrl: string, database: string, kind: Kind, id: number): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, grant: await insertGrant(database, kind, id) });
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    body,
    headers: { cookie: cookiesOf(csrfRes).join("; "), "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  const session = cookiesOf(res).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`no session for ${kind}:${id} (status ${res.status}, location ${String(res.headers.get("location"))})`);
  return session;
}
