import "server-only";
import { sql } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { getDb } from "@/db";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { PG_MIGRATIONS_FOLDER } from "@/db/migrate-pg";
import { rawRows } from "@/db/raw";
import { databaseKind, databasePath } from "@/lib/config";

export type DatabaseKind = "sqlite" | "postgresql";

/**
 * `behind`: a committed migration is not applied (run `npm run migrate`); `ahead`: the database has a
 * migration this build does not know (an older build on a newer database); `unknown`: unreachable.
 */
export type MigrationState = "current" | "behind" | "ahead" | "unknown";

/**
 * `writable`: whether this instance can write there. False on a PostgreSQL standby (in recovery) or a
 * database set read-only, as an instance still pointed at the old primary after a failover finds it,
 * and for a SQLite file (or its folder, which holds the WAL) this process may not write, as after a
 * restore by another user: every login and change would fail there, so the instance must leave the pool.
 */
export type DatabaseHealth = { kind: DatabaseKind; reachable: boolean; migrations: MigrationState; writable: boolean };

/** What the health check needs of one kind of database; PostgreSQL adds its own beside SQLite's. */
type DatabaseProbe = {
  kind: DatabaseKind;
  /** The committed migrations drizzle applies to this kind (their meta/_journal.json). */
  migrationsFolder: string;
  /**
   * `created_at` of every applied migration: drizzle's migrator stores the journal entry's `when`
   * there. An empty list when no migration was ever applied (the table does not exist yet).
   */
  appliedMigrations: () => number[] | Promise<number[]>;
  /** Whether writes can succeed (DatabaseHealth's `writable`); asked only of a reachable database. */
  writable: () => Promise<boolean>;
};

const sqliteProbe: DatabaseProbe = {
  kind: "sqlite",
  migrationsFolder: MIGRATIONS_FOLDER,
  appliedMigrations: () => {
    try {
      return getDb()
        .all<{ createdAt: number | string }>(sql`SELECT created_at AS createdAt FROM __drizzle_migrations`)
        .map((row) => Number(row.createdAt));
    } catch (error) {
      if (error instanceof Error && error.message.includes("no such table: __drizzle_migrations")) return [];
      throw error;
    }
  },
  // SQLite opens a file it may not write read-only without a word; the WAL and its index live beside it.
  writable: async () => {
    const file = path.resolve(databasePath());
    try {
      await Promise.all([file, path.dirname(file)].map((p) => fs.promises.access(p, fs.constants.W_OK)));
      return true;
    } catch {
      return false;
    }
  },
};

/** drizzle's pg migrator keeps its table in the `drizzle` schema. */
const postgresProbe: DatabaseProbe = {
  kind: "postgresql",
  migrationsFolder: PG_MIGRATIONS_FOLDER,
  appliedMigrations: async () => {
    try {
      const rows = await rawRows<{ createdAt: number | string }>(
        getDb(),
        sql`SELECT created_at AS "createdAt" FROM drizzle.__drizzle_migrations`,
      );
      return rows.map((row) => Number(row.createdAt));
    } catch (error) {
      if (error instanceof Error && /__drizzle_migrations" does not exist/.test(messageOf(error))) return [];
      throw error;
    }
  },
  // A standby accepts connections and reads (hot standby) but refuses every write until it is promoted.
  writable: async () => {
    const rows = await rawRows<{ writable: boolean }>(
      getDb(),
      sql`SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS writable`,
    );
    return rows.length === 1 && rows[0].writable;
  },
};

/** The probe of the configured database (KONTOR_DATABASE_URL). */
function configuredProbe(): DatabaseProbe {
  return databaseKind() === "postgresql" ? postgresProbe : sqliteProbe;
}

const journals = new Map<string, number[]>();

/** The `when` of every committed migration, read once per process (the build does not change). */
function journalMigrations(folder: string): number[] {
  let whens = journals.get(folder);
  if (!whens) {
    const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries?: { when?: unknown }[] };
    whens = (journal.entries ?? []).map((entry) => Number(entry.when));
    if (whens.length === 0 || whens.some((when) => !Number.isFinite(when)))
      throw new Error(`${folder}: the migration journal is unreadable`);
    journals.set(folder, whens);
  }
  return whens;
}

/** Compares what the database applied with what this build commits (both as the journal's `when`). */
export function migrationState(applied: readonly number[], committed: readonly number[]): MigrationState {
  const known = new Set(committed);
  if (applied.some((when) => !known.has(when))) return "ahead";
  const done = new Set(applied);
  return committed.every((when) => done.has(when)) ? "current" : "behind";
}

/**
 * One trivial query: the applied migrations. A database that cannot be opened or queried is
 * unreachable; `problem` says why, for the server's log only (it may name paths).
 */
export async function checkDatabase(): Promise<DatabaseHealth & { problem?: string }> {
  const probe = configuredProbe();
  let applied: number[];
  try {
    applied = await withinProbeTime(probe.appliedMigrations());
  } catch (error) {
    return { kind: probe.kind, reachable: false, migrations: "unknown", writable: false, problem: messageOf(error) };
  }
  const writable = await withinProbeTime(probe.writable()).catch(() => false);
  try {
    return { kind: probe.kind, reachable: true, migrations: migrationState(applied, journalMigrations(probe.migrationsFolder)), writable };
  } catch (error) {
    return { kind: probe.kind, reachable: true, migrations: "unknown", writable, problem: messageOf(error) };
  }
}

/**
 * A database that does not answer (its machine gone without a word, a connection whose peer vanished)
 * counts as unreachable after this long, so the load balancer gets its 503 at once instead of a hung
 * poll. The query itself goes on in the background until the connection gives up.
 */
export const PROBE_TIMEOUT_MS = 2000;

function withinProbeTime<T>(answer: T | Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([Promise.resolve(answer), late]).finally(() => clearTimeout(timer));
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
