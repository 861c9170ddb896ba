import { spawnSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startOwnPostgres } from "./own-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Kontor's migrated database in the unit-pg project's own PostgreSQL. */
    pgUrl: string;
    /** The migrated database each test's fresh database is cloned from. */
    pgTemplate: string;
  }
}

const TEMPLATE = "kontor_template";

/**
 * The unit-pg project: one PostgreSQL for the run, its `kontor` database migrated, and a migrated
 * template from which tests/support/test-db.ts clones a fresh database per createTestDb() (a clone is
 * much faster than migrating). Kontor's role may create databases only here.
 */
export default async function setup(project: TestProject) {
  const server = await startOwnPostgres("kontor-unit-pg-");
  await server.freshDatabase(TEMPLATE);
  // The cluster's superuser logs in over its socket only: as `postgres` when we are root (the server
  // runs as that user then), else as ourselves (scripts/lib/postgres-process.ts).
  const psql = [
    "psql",
    "-X",
    "-q",
    "-h",
    path.join(server.dir, "run"),
    "-p",
    String(server.port),
    "-d",
    "postgres",
    "-c",
    "ALTER ROLE kontor CREATEDB",
  ];
  const asRoot = process.getuid?.() === 0;
  const granted = spawnSync(asRoot ? "runuser" : "psql", asRoot ? ["-u", "postgres", "--", ...psql, "-U", "postgres"] : psql.slice(1), {
    encoding: "utf8",
    timeout: 30_000,
  });
  if (granted.status !== 0) throw new Error(`unit-pg: could not let the test role create databases: ${granted.stderr}`);
  project.provide("pgUrl", server.url);
  project.provide("pgTemplate", TEMPLATE);
  return () => server.stop();
}
