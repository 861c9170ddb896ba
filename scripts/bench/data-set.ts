/** Makes sure the large data set exists and finds the ids the scenarios need. */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "@/db/migrate";
import { DEMO_PASSWORD } from "@/db/seed";
import { BENCH } from "./shape";

/**
 * A copy of the data set in a temporary directory, for one run: the scenarios write (API keys, quotas,
 * created mailboxes, new password hashes), and measuring on the data set itself would let every run
 * grow it and change what the next one measures. Generates the data set first if it is missing.
 */
export function workingCopy(source: string) {
  generateUnlessPresent(source);
  // Committed pages still in the write-ahead log belong in the copy: fold them into the file first.
  const db = new Database(source);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-bench-"));
  const file = path.join(dir, path.basename(source));
  console.log(`Copying ${source} to ${file} …`);
  fs.copyFileSync(source, file);
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function generateUnlessPresent(file: string) {
  if (!fs.existsSync(file)) {
    console.log(`Generating ${file} (1,000,000 mailboxes) …`);
    execFileSync(process.execPath, ["--import", "tsx", "scripts/bench/generate.ts", file], { stdio: "inherit" });
  }
}

/** `migrationsFolder`: another checkout's migrations, for a copy that one build runs on (pages-compare.ts). */
export function prepareDataSet(file: string, migrationsFolder?: string) {
  generateUnlessPresent(file);
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  // A data set generated before the latest migrations gets them, as the panel's own database would.
  applyMigrations(db, migrationsFolder);
  // Staff would be sent to second-factor enrolment first; the benchmark measures the pages themselves.
  db.prepare("INSERT INTO settings (key, value) VALUES ('mfa_policy', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
    JSON.stringify({ enforceStaff: false }),
  );
  const one = (sql: string, ...params: unknown[]) => db.prepare(sql).get(...params);
  const userOf = (customerId: number) => (one("SELECT id FROM users WHERE customer_id = ?", customerId) as { id: number }).id;
  const big = one("SELECT subscription_id, customer_id FROM domains WHERE id = ?", BENCH.bigDomainId) as {
    subscription_id: number;
    customer_id: number;
  };
  const deep = one("SELECT address FROM mailboxes WHERE domain_id = ? ORDER BY address LIMIT 1 OFFSET 150000", BENCH.bigDomainId) as {
    address: string;
  };
  // Ten addresses of the big domain whose passwords the password-change scenario sets.
  const changeMailboxIds = (
    db.prepare("SELECT id FROM mailboxes WHERE domain_id = ? ORDER BY id LIMIT 10 OFFSET 1000").all(BENCH.bigDomainId) as { id: number }[]
  ).map((r) => r.id);
  const record = one("SELECT id FROM mailboxes WHERE domain_id = ? ORDER BY id LIMIT 1 OFFSET 4242", BENCH.bigDomainId) as { id: number };
  const data = {
    file,
    password: DEMO_PASSWORD,
    bigSubscriptionId: big.subscription_id,
    bigDomainOwnerUserId: userOf(big.customer_id),
    bigCustomerUserId: userOf(BENCH.bigCustomerId),
    supportUserId: (one("SELECT id FROM users WHERE role = 'support'") as { id: number }).id,
    resellerUserId: (one("SELECT id FROM users WHERE email = 'reseller@kontor.example'") as { id: number }).id,
    deepCursor: deep.address,
    recordMailboxId: record.id,
    changeMailboxIds,
    prefix: "karla.schulz3",
  };
  db.close();
  return data;
}
