import { drizzle } from "drizzle-orm/better-sqlite3";
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { databasePath } from "@/lib/config";

const file = process.argv[2] ?? databasePath();
const sqlite = openSqlite(file);
applyMigrations(sqlite);
const seeded = await seedDemo(drizzle(sqlite, { schema }));
sqlite.close();
console.log(seeded ? `Demo data written to ${file}` : `Demo data already present in ${file}`);
