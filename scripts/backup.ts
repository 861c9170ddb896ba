// npx tsx scripts/backup.ts [target-file]   (source: KONTOR_DB or data/kontor.db)
import path from "node:path";
import { backupDatabase } from "@/db/backup";
import { databasePath } from "@/lib/config";

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = path.resolve(process.argv[2] ?? path.join("data", "backups", `kontor-${stamp}.db`));
try {
  const report = await backupDatabase(databasePath(), target);
  console.log(`Backup written: ${report.file} (${report.pages} pages, ${report.migrations} migrations, integrity ${report.integrity})`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
