/**
 * Measures mail_usage with Dovecot for mailboxes it has reported nothing for, in bounded batches (see
 * lib/mail/usage-recalc.ts). Run it after moving mail in: an import or PostfixAdmin migration with
 * copied Maildirs, a restore, or a new database (db:copy). Dovecot must be running or at least
 * configured in --dir (default data/dovecot, as scripts/dovecot.ts).
 *
 *   npm run mail:usage -- --recalc [--missing] [--domain example.org] [--batch 500] [--limit 100000] [--dir data/dovecot]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { getDb } from "@/db";
import { recalcMailUsage } from "@/lib/mail/usage-recalc";

const { values } = parseArgs({
  options: {
    recalc: { type: "boolean", default: false },
    missing: { type: "boolean", default: false },
    domain: { type: "string" },
    batch: { type: "string", default: "500" },
    limit: { type: "string" },
    dir: { type: "string", default: path.join(process.cwd(), "data", "dovecot") },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (!values.recalc) fail("Usage: npm run mail:usage -- --recalc [--missing] [--domain d] [--batch 500] [--limit n] [--dir data/dovecot]");
const batchSize = Number(values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5_000) fail("--batch must be a whole number from 1 to 5000");
const limit = values.limit === undefined ? undefined : Number(values.limit);
if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) fail("--limit must be a whole number from 1");
const domain = values.domain?.trim().toLowerCase();

const started = Date.now();
try {
  const result = await recalcMailUsage(getDb(), {
    dovecotDir: values.dir,
    domain,
    missingOnly: values.missing,
    batchSize,
    limit,
    onBatch: (done) => process.stdout.write(`\r${done} users asked`),
  });
  process.stdout.write("\n");
  console.log(`${result.measured} of ${result.asked} users measured in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (e) {
  // Batches stored before the failure stay: a later run with --missing continues from there.
  fail(e instanceof Error ? e.message : String(e));
}
