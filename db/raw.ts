import type { SQL } from "drizzle-orm";
import type { Db } from "./index";

/** Rows of a hand-written SELECT, for the few queries the query builder cannot express. */
export async function rawRows<T>(db: Pick<Db, "all">, query: SQL): Promise<T[]> {
  return Promise.resolve(db.all<T>(query));
}
