import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
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
 */
export async function transaction<T>(db: Db, body: (tx: Db) => Promise<T>, options: { behavior?: TransactionBehavior } = {}): Promise<T> {
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
