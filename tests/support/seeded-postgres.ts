import pg from "pg";
import type { Db } from "@/db";
import { migratePostgres } from "@/db/migrate-pg";
import { openPostgres } from "@/db/postgres";
import { seedDemo } from "@/db/seed";
import { config } from "@/lib/config";

/** The demo-seeded template in the run's cluster, built once per run, and the name it is built under. */
const TEMPLATE = "kontor_seeded";
const BUILDING = "kontor_seeded_building";
/** Serialises the template's construction across the test processes (integration and e2e run at once). */
const TEMPLATE_LOCK = 230_023;

let cloned = 0;

function urlOf(database: string): string {
  const url = new URL(config().database.url ?? "");
  url.pathname = `/${database}`;
  return url.href;
}

/** One short connection as Kontor's role (allowed to create databases in the test cluster). */
async function asKontor<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: config().database.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const endPool = (db: Db) => (db as unknown as { $client: { end(): Promise<void> } }).$client.end();

/** Builds the seeded template unless another test process did already; seeding costs seconds, a clone much less. */
async function ensureTemplate() {
  await asKontor(async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK]);
    try {
      const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [TEMPLATE]);
      if (found.rowCount) return;
      // Built under another name and renamed when complete: a crash halfway leaves no half-seeded template.
      await client.query(`DROP DATABASE IF EXISTS ${BUILDING}`);
      await client.query(`CREATE DATABASE ${BUILDING}`);
      await migratePostgres(urlOf(BUILDING));
      const db = openPostgres(urlOf(BUILDING), 2);
      try {
        await seedDemo(db);
      } finally {
        await endPool(db);
      }
      await client.query(`ALTER DATABASE ${BUILDING} RENAME TO ${TEMPLATE}`);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK]);
    }
  });
}

/**
 * A fresh database in the PostgreSQL of scripts/test-all.sh's PostgreSQL pass (KONTOR_DATABASE_URL;
 * tests/support/run-postgres.ts lets Kontor's role create databases), migrated and, with `seeded`, with
 * the demo data: the twin of a fresh SQLite file. Tests that start their own Dovecot or Postfix give it `url`.
 */
export async function freshRunPostgres(
  seeded: boolean,
): Promise<{ url: string; db: Db; close: () => Promise<void>; drop: () => Promise<void> }> {
  const name = `test_${process.pid}_${++cloned}`;
  if (seeded) {
    await ensureTemplate();
    await asKontor((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  } else {
    await asKontor((client) => client.query(`CREATE DATABASE ${name}`));
    await migratePostgres(urlOf(name));
  }
  const url = urlOf(name);
  const db = openPostgres(url, 4);
  let open = true;
  const close = async () => {
    if (open) await endPool(db);
    open = false;
  };
  const drop = async () => {
    await close();
    // FORCE: a Dovecot that did not stop in time must not keep the database (and the run's disk) alive.
    await asKontor((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  return { url, db, close, drop };
}
