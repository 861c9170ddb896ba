import { defineConfig } from "drizzle-kit";
import { parseSettings } from "./lib/config/settings.mjs";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/sqlite.ts",
  out: "./db/migrations",
  dbCredentials: { url: parseSettings(process.env).paths.db },
});
