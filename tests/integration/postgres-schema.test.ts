/**
 * Issue 23: a real PostgreSQL started by the project's module (scripts/lib/postgres-process.ts), the
 * committed PostgreSQL migrations applied to an empty database, and the views and triggers the mail
 * servers rely on behaving exactly as SQLite's: the same rows are written to both databases, the same
 * SQL statements change them, and every view answers the same rows. Each test that writes rows does so
 * on a pair of fresh databases of its own (one SQLite, one PostgreSQL database in the test's cluster),
 * so the tests pass in any order (vitest --sequence.shuffle).
 */
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as liteSchema from "@/db/schema/sqlite";
import * as pgSchema from "@/db/schema-pg";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migratePostgres, PG_MIGRATIONS_FOLDER } from "@/db/migrate-pg";
import { allowCreateDatabase, ensureDatabase, runningServer, startPostgres, stopPostgres } from "@/scripts/lib/postgres-process";
import { type OwnPostgres, startOwnPostgres } from "../support/own-postgres";
import { MAIL_VIEWS, orderedViewQuery } from "../support/mail-views";
import { createTestDb } from "../support/test-db";

const VIEWS = MAIL_VIEWS;

let server: OwnPostgres;
let pool: pg.Pool;
let lite: Awaited<ReturnType<typeof createTestDb>>;
/** The pools of the tests' own databases, ended with the cluster. */
const pools: pg.Pool[] = [];

/**
 * A small pool on `url`. The restart test stops the cluster while pools hold idle connections (its own
 * and the tests' databases, in whatever order the tests ran): their "terminating connection" must not
 * end the run as an unhandled pool error.
 */
function poolOn(url: string): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max: 2 });
  p.on("error", () => undefined);
  return p;
}

beforeAll(async () => {
  server = await startOwnPostgres();
  pool = poolOn(server.url);
  lite = await createTestDb();
});

afterAll(async () => {
  for (const p of pools) await p.end();
  await pool?.end();
  await server?.stop();
});

/** A SQLite and a PostgreSQL database side by side, both migrated. */
type Pair = { lite: Awaited<ReturnType<typeof createTestDb>>; pool: pg.Pool };

/** The same statement on both databases (plain SQL both dialects read alike). */
async function both(pair: Pair, statement: string) {
  pair.lite.sqlite.prepare(statement).run();
  await pair.pool.query(statement);
}

async function rowsOf(pair: Pair, query: string) {
  return { sqlite: pair.lite.sqlite.prepare(query).all(), postgres: (await pair.pool.query(query)).rows as unknown[] };
}

const allOf = (pair: Pair, view: string) => orderedViewQuery(pair.lite.sqlite, view);

async function expectSameRows(pair: Pair, query: string) {
  const { sqlite, postgres } = await rowsOf(pair, query);
  expect(postgres).toEqual(sqlite);
  return postgres;
}

/**
 * One small installation: two domains, mailboxes on and off, accounts with routed addresses, an alias, a
 * catch-all. Written by hand with fixed ids (the same rows in both databases), under names of its own.
 */
const world = {
  resellers: [{ id: 1, name: "Reseller", customerNumberBase: 70000 }],
  customers: [{ id: 1, resellerId: 1, customerNumber: "K70001", contactName: "Kundin", contactEmail: "kundin@kunde.example" }],
  packages: [{ id: 1, resellerId: 1, name: "Mail", panel: "none" as const }],
  subscriptions: [
    { id: 1, resellerId: 1, customerId: 1, packageId: 1 },
    { id: 2, resellerId: 1, customerId: 1, packageId: 1 },
  ],
  domains: [
    { id: 1, resellerId: 1, customerId: 1, subscriptionId: 1, name: "eins.example", mailboxCount: 2 },
    { id: 2, resellerId: 1, customerId: 1, subscriptionId: 1, name: "zwei.example", mailboxCount: 1 },
  ],
  mailboxes: [
    {
      id: 1,
      resellerId: 1,
      customerId: 1,
      domainId: 1,
      localPart: "info",
      address: "info@eins.example",
      passwordHash: "{ARGON2ID}h1",
      quotaMb: 100,
    },
    {
      id: 2,
      resellerId: 1,
      customerId: 1,
      domainId: 1,
      localPart: "aus",
      address: "aus@eins.example",
      passwordHash: "{ARGON2ID}h2",
      enabled: false,
    },
    { id: 3, resellerId: 1, customerId: 1, domainId: 2, localPart: "post", address: "post@zwei.example", passwordHash: "{ARGON2ID}h3" },
  ],
  mailAccounts: [
    { id: 1, resellerId: 1, customerId: 1, number: 1, login: "k70001.001", passwordHash: "{ARGON2ID}a1", quotaMb: 500 },
    { id: 2, resellerId: 1, customerId: 1, number: 2, login: "k70001.002", passwordHash: "{ARGON2ID}a2", enabled: false },
  ],
  mailAccountAddresses: [
    { id: 1, resellerId: 1, customerId: 1, mailAccountId: 1, domainId: 2, localPart: "kontakt", address: "kontakt@zwei.example" },
    { id: 2, resellerId: 1, customerId: 1, mailAccountId: 2, domainId: 2, localPart: "alt", address: "alt@zwei.example" },
  ],
  mailAliases: [{ id: 1, resellerId: 1, customerId: 1, domainId: 1, localPart: "team", address: "team@eins.example" }],
  mailAliasTargets: [
    { id: 1, aliasId: 1, resellerId: 1, customerId: 1, target: "info@eins.example" },
    { id: 2, aliasId: 1, resellerId: 1, customerId: 1, target: "extern@anderswo.example" },
  ],
};

let worlds = 0;

/** The installation above, with domain 1's catch-all on info@, in a fresh pair of databases of the test's own. */
async function aWorld(): Promise<Pair> {
  const url = await server.freshDatabase(`world_${++worlds}`);
  const pair = { lite: await createTestDb(), pool: poolOn(url) };
  pools.push(pair.pool);
  const pgDb = drizzle(pair.pool, { schema: pgSchema });
  for (const [name, rows] of Object.entries(world)) {
    const key = name as keyof typeof world;
    await pair.lite.db.insert(liteSchema[key]).values(rows);
    await pgDb.insert(pgSchema[key]).values(rows);
  }
  await both(pair, "UPDATE domains SET catch_all_mailbox_id = 1 WHERE id = 1");
  return pair;
}

describe("PostgreSQL started by the project's scripts", () => {
  it("listens on loopback with Kontor's role, and a second start reuses the cluster and the password", async () => {
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    // The process that runs now: the restart test may have replaced the first one.
    const running = runningServer(`${server.baseDir}/pg`);
    const again = await startPostgres({ dir: `${server.baseDir}/pg`, port: server.port, ephemeral: true });
    expect(again.url).toBe(server.url);
    expect(running).not.toBeNull();
    expect(again.pid).toBe(running?.pid);
    const who = await pool.query<{ u: string; d: string }>("SELECT current_user AS u, current_database() AS d");
    expect(who.rows[0]).toEqual({ u: "kontor", d: "kontor" });
    const wrong = new pg.Client({ connectionString: server.url.replace(/:[^:@/]+@/, ":wrong@") });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
  });

  it("has every view and trigger of the SQLite migrations, with the same result columns", async () => {
    const liteNames = (type: string) =>
      (lite.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = ? ORDER BY name").all(type) as { name: string }[]).map(
        (r) => r.name,
      );
    const views = await pool.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.views WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(views.rows.map((r) => r.name)).toEqual(liteNames("view"));
    expect(liteNames("view")).toEqual(VIEWS);
    const triggers = await pool.query<{ name: string }>("SELECT DISTINCT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1");
    // PostgreSQL's TRUNCATE skips row triggers, so the audit log has one guard more there.
    expect(triggers.rows.map((r) => r.name)).toEqual([...liteNames("trigger"), "audit_log_no_truncate"].sort());
    for (const view of VIEWS) {
      const liteColumns = (lite.sqlite.prepare(`PRAGMA table_info(${view})`).all() as { name: string }[]).map((c) => c.name);
      const pgColumns = await pool.query<{ name: string }>(
        "SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position",
        [view],
      );
      expect(
        pgColumns.rows.map((c) => c.name),
        view,
      ).toEqual(liteColumns);
    }
  });

  it("answers the same rows in every view for the same installation", async () => {
    const w = await aWorld();
    const pgDb = drizzle(w.pool, { schema: pgSchema });

    for (const view of VIEWS) expect((await expectSameRows(w, allOf(w, view))).length, view).toBeGreaterThan(0);
    const passdb = await expectSameRows(w, `SELECT "user", password, version FROM dovecot_passdb WHERE "user" = 'info@eins.example'`);
    expect(passdb).toEqual([{ user: "info@eins.example", password: "{ARGON2ID}h1", version: 1 }]);
    const routed = await expectSameRows(
      w,
      `SELECT "user", login, home, quota_mb FROM dovecot_userdb WHERE "user" = 'kontakt@zwei.example'`,
    );
    // A new row's home carries its id (migration 0017 / 0005: a re-created login gets a fresh home).
    expect(routed).toEqual([{ user: "kontakt@zwei.example", login: "k70001.001", home: "k70001.001=1", quota_mb: 500 }]);
    const mailboxHome = await expectSameRows(w, `SELECT home FROM dovecot_userdb WHERE "user" = 'info@eins.example'`);
    expect(mailboxHome).toEqual([{ home: "eins.example/info=1" }]);
    expect(await expectSameRows(w, `SELECT "user" FROM dovecot_passdb WHERE "user" IN ('aus@eins.example', 'alt@zwei.example')`)).toEqual(
      [],
    );
    expect(await expectSameRows(w, "SELECT target FROM postfix_catchall WHERE domain = 'eins.example'")).toEqual([
      { target: "info@eins.example" },
    ]);

    // Timestamps left to the database are epoch milliseconds, read back as Dates, as in SQLite.
    const [box] = await pgDb.select().from(pgSchema.mailboxes).where(eq(pgSchema.mailboxes.id, 1));
    expect(box.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(box.createdAt.getTime() - Date.now())).toBeLessThan(86_400_000);
    expect(box.enabled).toBe(true);
  });

  it("moves the password version on every hash write and on/off switch, and on nothing else", async () => {
    const w = await aWorld();
    const versions = `SELECT id, password_version FROM mailboxes ORDER BY id`;
    const accountVersions = `SELECT id, password_version FROM mail_accounts ORDER BY id`;
    const steps = [
      "UPDATE mailboxes SET password_hash = password_hash WHERE id = 1",
      "UPDATE mailboxes SET password_hash = '{ARGON2ID}neu' WHERE id = 1",
      "UPDATE mailboxes SET enabled = false WHERE id = 1",
      "UPDATE mailboxes SET enabled = true WHERE id = 1",
      "UPDATE mailboxes SET enabled = true, quota_mb = 77 WHERE id = 1",
      "UPDATE mailboxes SET password_hash = '{ARGON2ID}beides', enabled = true WHERE id = 2",
      "UPDATE mail_accounts SET password_hash = '{ARGON2ID}konto' WHERE id = 1",
      "UPDATE mail_accounts SET enabled = true WHERE id = 2",
    ];
    for (const step of steps) {
      await both(w, step);
      await expectSameRows(w, versions);
      await expectSameRows(w, accountVersions);
      await expectSameRows(w, allOf(w, "dovecot_passdb"));
    }
    const { postgres } = await rowsOf(w, versions);
    expect(postgres).toEqual([
      { id: 1, password_version: 5 },
      { id: 2, password_version: 3 },
      { id: 3, password_version: 1 },
    ]);
    const passdb = await expectSameRows(w, `SELECT password, version FROM dovecot_passdb WHERE "user" = 'kontakt@zwei.example'`);
    expect(passdb).toEqual([{ password: "{ARGON2ID}konto", version: 2 }]);
  });

  it("keeps subscriptions' mailbox counts by trigger, as SQLite does", async () => {
    const w = await aWorld();
    const counts = "SELECT id, mailbox_count FROM subscriptions ORDER BY id";
    expect(await expectSameRows(w, counts)).toEqual([
      { id: 1, mailbox_count: 3 },
      { id: 2, mailbox_count: 0 },
    ]);
    await both(w, "UPDATE domains SET mailbox_count = 5 WHERE id = 2");
    await both(w, "UPDATE domains SET subscription_id = 2 WHERE id = 1");
    expect(await expectSameRows(w, counts)).toEqual([
      { id: 1, mailbox_count: 5 },
      { id: 2, mailbox_count: 2 },
    ]);
  });

  it("cascades and nulls on delete as SQLite does", async () => {
    const w = await aWorld();
    await both(w, "DELETE FROM mailboxes WHERE id = 1");
    expect(await expectSameRows(w, "SELECT id, catch_all_mailbox_id FROM domains ORDER BY id")).toEqual([
      { id: 1, catch_all_mailbox_id: null },
      { id: 2, catch_all_mailbox_id: null },
    ]);
    await both(w, "DELETE FROM domains WHERE id = 2");
    await expectSameRows(w, "SELECT id FROM mailboxes ORDER BY id");
    await expectSameRows(w, "SELECT id FROM mail_account_addresses ORDER BY id");
    for (const view of VIEWS) await expectSameRows(w, allOf(w, view));
    await expectSameRows(w, "SELECT id, mailbox_count FROM subscriptions ORDER BY id");
  });

  it("keeps the audit log append-only, TRUNCATE included", async () => {
    const w = await aWorld();
    await both(w, "INSERT INTO audit_log (actor_kind, actor_label, action) VALUES ('user', 'test', 'test.entry')");
    await expect(w.pool.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(w.pool.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(w.pool.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    expect(() => w.lite.sqlite.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    await expectSameRows(w, "SELECT actor_kind, actor_label, action FROM audit_log");
  });
  it("lets several instances migrate one database at once: one applies, the others find nothing left", async () => {
    const url = ensureDatabase(`${server.baseDir}/pg`, "concurrent");
    await Promise.all([migratePostgres(url), migratePostgres(url), migratePostgres(url)]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const applied = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
      const journal = JSON.parse(fs.readFileSync("db/migrations-pg/meta/_journal.json", "utf8")) as { entries: unknown[] };
      expect(applied.rows[0].n).toBe(journal.entries.length);
    } finally {
      await client.end();
    }
  });

  it("refuses a database that sorts by language before writing anything, and names the statement that makes a right one", async () => {
    allowCreateDatabase(`${server.baseDir}/pg`);
    // A retry of this test finds the databases of its first attempt.
    for (const name of ["sorted_by_language", "sorted_bytewise"]) await pool.query(`DROP DATABASE IF EXISTS ${name}`);
    await pool.query(
      "CREATE DATABASE sorted_by_language TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'",
    );
    const url = new URL(server.url);
    url.pathname = "/sorted_by_language";
    await expect(migratePostgres(url.toString())).rejects.toThrow(/sorted_by_language: it sorts text with an ICU collation.*LOCALE 'C'/);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      // What Kontor's comparisons in code would get wrong there: "a_b" before "a0b", "Zed" after "anna".
      const sorted = await client.query<{ x: string }>("SELECT x FROM (VALUES ('a0b'), ('a_b'), ('anna'), ('Zed')) v(x) ORDER BY x");
      expect(sorted.rows.map((r) => r.x)).toEqual(["a_b", "a0b", "anna", "Zed"]);
      const tables = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'drizzle')",
      );
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
    // The statement the refusal names makes a database that migrates.
    await pool.query("CREATE DATABASE sorted_bytewise OWNER kontor TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LOCALE 'C'");
    url.pathname = "/sorted_bytewise";
    await expect(migratePostgres(url.toString())).resolves.toBeUndefined();
  });

  it("keeps the home of mailboxes and accounts made before migration 0005 and gives later rows their own (as SQLite 0017)", async () => {
    // The committed migrations up to 0004 in a folder of their own, rows written then, then all of them.
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-pg-mig-"));
    fs.cpSync(PG_MIGRATIONS_FOLDER, before, { recursive: true });
    const journalFile = path.join(before, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx <= 4);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const url = ensureDatabase(`${server.baseDir}/pg`, "homes");
    await migratePostgres(url, before);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const homes = async () =>
        (await client.query<{ user: string; home: string }>('SELECT "user", home FROM dovecot_userdb ORDER BY "user"')).rows;
      // The parents the rows need (tables 0005 leaves as they were), from the world above.
      const parents = drizzle(client, { schema: pgSchema });
      for (const key of ["resellers", "customers", "packages", "subscriptions", "domains"] as const) {
        await parents.insert(pgSchema[key]).values(world[key]);
      }
      await client.query(
        "INSERT INTO mailboxes (id, reseller_id, customer_id, domain_id, local_part, address, password_hash) VALUES (7, 1, 1, 1, 'info', 'info@alt.example', 'h')",
      );
      await client.query(
        "INSERT INTO mail_accounts (id, reseller_id, customer_id, number, login, password_hash) VALUES (3, 1, 1, 2, 'k70001.002', 'h')",
      );
      await migratePostgres(url);
      expect(await homes()).toEqual([
        { user: "info@alt.example", home: "alt.example/info" },
        { user: "k70001.002", home: "k70001.002" },
      ]);
      await client.query("DELETE FROM mailboxes");
      await client.query("DELETE FROM mail_accounts");
      await client.query(
        "INSERT INTO mailboxes (reseller_id, customer_id, domain_id, local_part, address, password_hash) VALUES (1, 1, 1, 'info', 'info@alt.example', 'h') RETURNING id",
      );
      await client.query(
        "INSERT INTO mail_accounts (reseller_id, customer_id, number, login, password_hash) VALUES (1, 1, 2, 'k70001.002', 'h')",
      );
      const ids = (
        await client.query<{ m: number; a: number }>("SELECT (SELECT id FROM mailboxes) AS m, (SELECT id FROM mail_accounts) AS a")
      ).rows[0];
      // A fresh home per row: the identity's next value, never the deleted row's folder.
      expect(await homes()).toEqual([
        { user: "info@alt.example", home: `alt.example/info=${ids.m}` },
        { user: "k70001.002", home: `k70001.002=${ids.a}` },
      ]);
      expect(ids.m).not.toBe(7);
    } finally {
      await client.end();
    }
  });

  it("stops cleanly, and the next start finds the data and the password again", async () => {
    await pool.query("INSERT INTO audit_log (actor_kind, actor_label, action) VALUES ('user', 'test', 'test.before-stop')");
    const count = "SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.before-stop'";
    expect((await pool.query<{ n: number }>(count)).rows[0].n).toBe(1);
    await pool.end();
    const dir = `${server.baseDir}/pg`;
    expect(await stopPostgres(dir)).toBe(true);
    expect(runningServer(dir)).toBeNull();
    expect(fs.existsSync(`${dir}/data/postmaster.pid`)).toBe(false);
    expect(await stopPostgres(dir)).toBe(false);
    const again = await startPostgres({ dir, port: server.port, ephemeral: true });
    expect(again.url).toBe(server.url);
    pool = poolOn(again.url);
    expect((await pool.query<{ n: number }>(count)).rows[0].n).toBe(1);
  });
});
