import type { Db } from "./index";

/**
 * A query built once per database (and key) and then only run: for the lookups every page view
 * makes. Building a drizzle query walks its whole selection on each call, ~30–60 µs against ~4 µs
 * for running the prepared one (scripts/bench, the Plesk address list made eleven such queries).
 * The values go in as `sql.placeholder(...)`; the key tells variants apart (a role's tenant scope,
 * an optional cursor). Keyed per database object, so tests with their own in-memory databases and
 * transactions get their own.
 */
export function preparedQuery<Q, K extends string = "">(build: (db: Db, key: K) => Q): (db: Db, key?: K) => Q {
  const byDb = new WeakMap<Db, Map<K, Q>>();
  return (db, key = "" as K) => {
    let byKey = byDb.get(db);
    if (!byKey) byDb.set(db, (byKey = new Map<K, Q>()));
    let query = byKey.get(key);
    if (!query) byKey.set(key, (query = build(db, key)));
    return query;
  };
}
