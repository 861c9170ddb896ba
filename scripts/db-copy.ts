/**
 * npm run db:copy -- --from <sqlite file | postgres://…> --to <sqlite file | postgres://…> [--sample <rows>]
 * Copies a whole installation between SQLite and PostgreSQL (scripts/lib/db-copy.ts): the target is
 * migrated and must be empty; counts and a random sample of rows per table are checked before the
 * target commits. The source may be live: it is read from one snapshot.
 */
import { copyDatabase } from "./lib/db-copy";

function parseArgs(argv: string[]) {
  let from: string | undefined;
  let to: string | undefined;
  let sample: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--from" && argv[i + 1]) from = argv[++i];
    else if (arg === "--to" && argv[i + 1]) to = argv[++i];
    else if (arg === "--sample" && /^\d+$/.test(argv[i + 1] ?? "")) sample = Number(argv[++i]);
    else throw new Error(`Unknown argument: ${arg}`);
  }
  if (!from || !to)
    throw new Error("Usage: npm run db:copy -- --from <sqlite file | postgres://…> --to <sqlite file | postgres://…> [--sample <rows>]");
  return { from, to, sample };
}

const hidePassword = (location: string) => location.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@/]+@/, "$1:***@");

async function main() {
  const { from, to, sample } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  console.log(`Copying ${hidePassword(from)} -> ${hidePassword(to)}`);
  const report = await copyDatabase(from, to, { sample, log: (line) => console.log(`  ${line}`) });
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  const sampled = report.tables.reduce((n, t) => n + t.sampled, 0);
  console.log(`Checked: ${report.tables.length} tables, ${rows} rows counted on both sides, ${sampled} sampled rows equal.`);
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((e: unknown) => {
  console.error(`Copy failed, nothing was copied: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
