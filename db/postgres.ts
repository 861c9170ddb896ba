import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { config } from "@/lib/config";
import * as postgresSchema from "./schema-pg";
import type { Db } from "./index";

/**
 * A pool of connections to the PostgreSQL of KONTOR_DATABASE_URL, as the services' Db. The cast is
 * the one place where the PostgreSQL database stands in for the SQLite type the services are written
 * against (see db/index.ts); the PostgreSQL test project checks that they behave alike.
 */
export function openPostgres(url = config().database.url, max = config().database.pool): Db {
  if (!url) throw new Error("KONTOR_DATABASE_URL is not set.");
  const pool = new pg.Pool({
    connectionString: withGenericPlans(url),
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // TCP keepalive on idle connections, first probe after 10 s: a peer that vanished (failover to
    // another machine) is noticed and the connection dropped before a request picks it.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle connection that the server drops (restart, failover) must not take the process down.
  pool.on("error", () => undefined);
  return drizzle(pool, { schema: postgresSchema }) as unknown as Db;
}

/**
 * How long a new connection may take. Without a limit, a database machine that is gone without a word
 * (powered off, its address moved in a failover) leaves each request waiting for the kernel's TCP
 * timeout, minutes; a connection on a working network takes milliseconds, under load a few hundred.
 */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The page queries are named statements (db/prepared.ts), and PostgreSQL's default choice kept planning
 * several of them anew at every run: for a prefix range or a LIMIT parameter its custom plan always
 * looks cheaper than the generic one, so it never switched, and planning cost 0.2-2 ms per view against
 * 0.01 ms for the cached plan, which ran about as fast (docs/scaling.md, "Session 15").
 * The setting travels as a startup option in the URL (after any the URL already names), so it holds
 * from a connection's first statement without a round trip of its own.
 */
export function withGenericPlans(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // node-postgres also takes URLs the WHATWG parser refuses (a socket folder in `?host=` after an
    // empty host); there the option goes on at the end, where it is the URL's last word.
    return `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(GENERIC_PLANS)}`;
  }
  const own = parsed.searchParams.get("options");
  parsed.searchParams.set("options", [own, GENERIC_PLANS].filter(Boolean).join(" "));
  return parsed.toString();
}

const GENERIC_PLANS = "-c plan_cache_mode=force_generic_plan";
