import type Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { PgDatabase, type PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "./index";
import * as schema from "./schema";

export type TransactionBehavior = "deferred" | "immediate" | "exclusive";

/**
 * The one way to run statements atomically, with an async body so that services read the same on
 * every database. better-sqlite3's own transactions refuse async functions, so on SQLite this adapter
 * opens the transaction itself on the one shared connection.
 *
 * That is only sound while no other request's statements can slip in between, i.e. while the body
 * never waits for real I/O: drizzle's SQLite queries run synchronously and resolve at once, so a body
 * that awaits nothing but queries finishes within one turn of the event loop. A body that yields to
 * the event loop (a hash, a network call, a timer) is rolled back with an error instead of committing
 * what another request may have written into it; do such work before or after the transaction.
 *
 * On PostgreSQL a transaction is SERIALIZABLE, the level at which concurrent writers keep the same
 * invariants as SQLite's one writer at a time (package limits, counters, the `.001` account); a
 * transaction that PostgreSQL aborts for a conflict is run again, a few times at most.
 */
export async function transaction<T>(db: Db, body: (tx: Db) => Promise<T>, options: { behavior?: TransactionBehavior } = {}): Promise<T> {
  const handle: unknown = db;
  if (is(handle, PgTransaction)) return handle.transaction((tx) => body(tx as unknown as Db));
  if (is(handle, PgDatabase)) return serializable(handle, body);
  const client = clientOf(db);
  if (inTransaction.has(db)) return savepoint(client, db, body);
  return serialized(client, async () => {
    const tx = transactionHandle(client);
    client.exec(`BEGIN ${(options.behavior ?? "deferred").toUpperCase()}`);
    const turn = { yielded: false };
    const watch = setImmediate(() => (turn.yielded = true));
    try {
      const result = await body(tx);
      if (turn.yielded) throw new Error("A transaction body waited for I/O; it was rolled back (see db/transaction.ts).");
      client.exec("COMMIT");
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw error;
    } finally {
      clearImmediate(watch);
    }
  });
}

/** A nested transaction: a savepoint that undoes only its own statements when its body throws. */
async function savepoint<T>(client: Database.Database, tx: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  const name = `kontor_${++savepoints}`;
  client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await body(tx);
    client.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    client.exec(`ROLLBACK TO ${name}`);
    client.exec(`RELEASE ${name}`);
    throw error;
  }
}
let savepoints = 0;

function clientOf(db: Db): Database.Database {
  return (db as Db & { $client: Database.Database }).$client;
}

/** Handles that are inside a transaction, so that a nested call takes a savepoint. */
const inTransaction = new WeakSet<Db>();
/** One transaction handle per connection: top-level transactions on a connection never overlap. */
const handles = new WeakMap<Database.Database, Db>();

function transactionHandle(client: Database.Database): Db {
  let tx = handles.get(client);
  if (!tx) {
    tx = drizzle(client, { schema });
    handles.set(client, tx);
    inTransaction.add(tx);
  }
  return tx;
}

/** Top-level transactions on one connection run one after another. */
const queues = new WeakMap<Database.Database, Promise<unknown>>();

function serialized<T>(client: Database.Database, run: () => Promise<T>): Promise<T> {
  const before = queues.get(client) ?? Promise.resolve();
  const result = before.then(run, run);
  queues.set(
    client,
    result.catch(() => undefined),
  );
  return result;
}

/**
 * Conflicting writers of one row (a package's mailboxes, created by a script in parallel) each lose
 * a round until one commits, so n of them need up to n attempts; a random wait that grows per attempt
 * spreads them out instead of letting them collide again at once.
 */
const ATTEMPTS = 12;

/** Runs the body in a SERIALIZABLE transaction, again when PostgreSQL aborted it for a conflict. */
async function serializable<T>(db: PgDatabase<PgQueryResultHKT, Record<string, unknown>>, body: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => body(tx as unknown as Db), { isolationLevel: "serializable" });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));
    }
  }
}

/** serialization_failure or deadlock_detected, possibly wrapped by drizzle as the cause. */
function isConflict(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as Error & { code?: unknown }).code;
    if (code === "40001" || code === "40P01") return true;
  }
  return false;
}
