import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import type { MailDatabase } from "@/lib/mail/mail-database";
import { ensureSieveDir, syncAllSieve } from "./sync";

/**
 * The full Sieve re-sync at every Dovecot start (lib/mail/dovecot-process.ts), from Kontor's SQLite file
 * or its PostgreSQL. Loaded only when Dovecot starts: the tables of db/schema follow KONTOR_DATABASE_URL
 * when first loaded, so a process must know its database before it gets here.
 */
export async function syncSieveAtStart(database: MailDatabase, sieveDir: string): Promise<void> {
  if (database.kind === "postgresql") {
    // TEMPORARY until the runtime switch lands (db/postgres.ts): only the default script.
    ensureSieveDir(sieveDir);
    return;
  }
  const sqlite = openSqlite(database.path);
  try {
    await syncAllSieve(drizzle(sqlite, { schema }), sieveDir);
  } finally {
    sqlite.close();
  }
}
