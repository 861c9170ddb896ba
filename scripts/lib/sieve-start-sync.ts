import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqlite } from "@/db/open";
import { openPostgres } from "@/db/postgres";
import * as schema from "@/db/schema/sqlite";
import { databaseKind } from "@/lib/config";
import type { MailDatabase } from "@/lib/mail/mail-database";
import { syncAllSieve } from "@/lib/mail/sieve/sync";
import { removePendingMailHomes } from "@/lib/mail/mail-home-removals";

/**
 * The full Sieve re-sync at every Dovecot start (scripts/lib/dovecot-process.ts), from Kontor's SQLite file
 * or its PostgreSQL. Loaded only when Dovecot starts: the tables of db/schema follow KONTOR_DATABASE_URL
 * when first loaded, so a process must know its database before it gets here. With `mailRoot` it also
 * removes the homes of deleted mailboxes the panel could not remove (lib/mail/mail-home-removals.ts).
 */
export async function syncSieveAtStart(database: MailDatabase, sieveDir: string, mailRoot?: string): Promise<void> {
  if (databaseKind() !== database.kind) {
    throw new Error(
      `Dovecot is to read ${database.kind === "postgresql" ? "PostgreSQL" : "SQLite"}, but this process runs on ${databaseKind()}: ` +
        "set KONTOR_DATABASE_URL to the same database before starting it",
    );
  }
  if (database.kind === "postgresql") {
    const db = openPostgres(database.url, 1);
    try {
      await syncAllSieve(db, sieveDir);
      if (mailRoot) await removePendingMailHomes(db, mailRoot);
    } finally {
      await (db as unknown as { $client: { end(): Promise<void> } }).$client.end();
    }
    return;
  }
  const sqlite = openSqlite(database.path);
  try {
    const db = drizzle(sqlite, { schema });
    await syncAllSieve(db, sieveDir);
    if (mailRoot) await removePendingMailHomes(db, mailRoot);
  } finally {
    sqlite.close();
  }
}
