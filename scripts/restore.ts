// npx tsx scripts/restore.ts <backup-file>   (target: KONTOR_DB or data/kontor.db)
// Stop the panel and Dovecot first: a restore replaces the database file under them.
import { restoreDatabase } from "@/db/backup";
import { databasePath } from "@/lib/config";

const backup = process.argv[2];
if (!backup) {
  console.error("Usage: npx tsx scripts/restore.ts <backup-file>");
  process.exit(2);
}
try {
  const report = await restoreDatabase(backup, databasePath());
  console.log(`Restored ${backup} into ${report.file} (integrity ${report.integrity}, ${report.migrations} migrations)`);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
