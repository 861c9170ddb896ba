/**
 * The portable forms of better-sqlite3's synchronous `.get()`: every query is awaited, so the same
 * service code runs on SQLite and on PostgreSQL.
 */

/** The first row of a query, or undefined when it found none. */
export async function firstRow<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

/** The row an INSERT or UPDATE ... RETURNING must produce; its absence is a bug, not a user error. */
export async function onlyRow<T>(rows: PromiseLike<T[]>): Promise<T> {
  const [row] = await rows;
  if (row === undefined) throw new Error("The statement returned no row.");
  return row;
}
