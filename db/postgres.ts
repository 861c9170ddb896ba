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
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection that the server drops (restart, failover) must not take the process down.
  pool.on("error", () => undefined);
  return drizzle(pool, { schema: postgresSchema }) as unknown as Db;
}
