import { createHash } from "node:crypto";
import type { Db } from "./index";

/** A query builder of either database: drizzle's select (and friends) with its public prepare and toSQL. */
type Preparable = { prepare(): unknown; toSQL(): { sql: string } };

/**
 * A query built once per database (and key) and then only run: for the lookups every page view
 * makes. Building a drizzle query walks its whole selection on each call, ~30–60 µs against ~4 µs
 * for running the prepared one (scripts/bench, the Plesk address list made eleven such queries).
 * The values go in as `sql.placeholder(...)`; the key tells variants apart (a role's tenant scope,
 * an optional cursor). Keyed per database object, so tests with their own in-memory databases and
 * transactions get their own.
 *
 * On PostgreSQL the statement is also named (drizzle's `prepare(name)`), so each pooled connection
 * parses it once and PostgreSQL may keep its plan; an unnamed statement is parsed and planned anew on
 * every run, which was most of the database's CPU per page view (README, issue 23). The name is a hash
 * of the SQL: Next may load this module more than once in a process, and all copies share one pool,
 * where one name must always mean one text. better-sqlite3 has no names; its prepare ignores it.
 */
export function preparedQuery<B extends Preparable, K extends string = "">(
  build: (db: Db, key: K) => B,
): (db: Db, key?: K) => ReturnType<B["prepare"]> {
  type Prepared = ReturnType<B["prepare"]>;
  const byDb = new WeakMap<Db, Map<K, Prepared>>();
  return (db, key = "" as K) => {
    let byKey = byDb.get(db);
    if (!byKey) byDb.set(db, (byKey = new Map<K, Prepared>()));
    let query = byKey.get(key);
    if (!query) byKey.set(key, (query = prepareNamed(build(db, key))));
    return query;
  };
}

/** For a statement prepared outside preparedQuery (one per import plan): named the same way. */
export function prepareNamed<B extends Preparable>(builder: B): ReturnType<B["prepare"]> {
  const name = `kontor_${createHash("sha256").update(builder.toSQL().sql).digest("base64url").slice(0, 32)}`;
  // PostgreSQL's builders take the statement's name; SQLite's take no argument and ignore it.
  return (builder.prepare as (name: string) => ReturnType<B["prepare"]>).call(builder, name);
}
