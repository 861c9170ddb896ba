import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";

/**
 * A seeded demo database in a file of its own (WAL, synchronous=FULL, as in production), in a fresh
 * temp folder that uid 5000 can pass through, so an own Dovecot can read it too. `remove()` deletes it all.
 */
export async function createSeededDiskDb(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755); // mkdtemp gives 0700; Dovecot's mail processes (uid 5000) must pass through
  const file = path.join(dir, "kontor.db");
  const sqlite = openSqlite(file);
  applyMigrations(sqlite);
  const db = drizzle(sqlite, { schema });
  await seedDemo(db);
  return {
    dir,
    file,
    sqlite,
    db,
    remove() {
      if (sqlite.open) sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type DiskDb = Awaited<ReturnType<typeof createSeededDiskDb>>;
