import type { TestProject } from "vitest/node";
import { allowCreateDatabase } from "@/scripts/lib/postgres-process";
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
  allowCreateDatabase(server.dir);
  project.provide("pgUrl", server.url);
  project.provide("pgTemplate", TEMPLATE);
  return () => server.stop();
}
