import { defineConfig } from "drizzle-kit";

/**
 * PostgreSQL migrations (issue 23): `npx drizzle-kit generate --config drizzle.pg.config.ts` writes them
 * from db/schema-pg into db/migrations-pg; db/migrate-pg.ts applies them. Views, triggers and the
 * audit-log guard are hand-written migrations there (`--custom`), as in db/migrations.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg/index.ts",
  out: "./db/migrations-pg",
});
