import { is, type SQL } from "drizzle-orm";
import { PgDatabase } from "drizzle-orm/pg-core";
import type { Db } from "./index";

/** Rows of a hand-written SELECT, for the few queries the query builder cannot express. */
export async function rawRows<T>(db: Pick<Db, "all">, query: SQL): Promise<T[]> {
  const handle: unknown = db;
  if (is(handle, PgDatabase)) {
    const result = (await handle.execute(query)) as { rows: T[] };
    return result.rows;
  }
  return db.all<T>(query);
}
