/**
 * Generates the hoster-scale data set for the benchmark into its own SQLite file:
 *   npx tsx scripts/bench/generate.ts [bench/large/kontor-large.db]
 * 50 resellers, 20,000 customers, 100,000 domains, 1,000,000 mailboxes; one domain with 200,000
 * mailboxes and one customer with 1,000 domains. A handful of argon2 hashes are computed once and
 * reused; the bulk insert runs without fsync (a throwaway file), and the result is switched to WAL.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { applyMigrations } from "@/db/migrate";
import { DEMO_PASSWORD } from "@/db/seed";
import { hashPassword } from "@/lib/auth/password-hash";
import { BENCH, benchNames } from "./shape";

const file = path.resolve(process.argv[2] ?? "bench/large/kontor-large.db");
fs.mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

const started = Date.now();
const sqlite = new Database(file);
sqlite.pragma("foreign_keys = ON");
applyMigrations(sqlite);
sqlite.pragma("journal_mode = OFF");
sqlite.pragma("synchronous = OFF");

const hashes = await Promise.all(Array.from({ length: 4 }, () => hashPassword(DEMO_PASSWORD)));
const hash = (i: number) => hashes[i % hashes.length];
const names = benchNames();

const ins = {
  reseller: sqlite.prepare("INSERT INTO resellers (id, name, customer_number_base) VALUES (?, ?, ?)"),
  user: sqlite.prepare("INSERT INTO users (email, role, reseller_id, customer_id, display_name, password_hash) VALUES (?, ?, ?, ?, ?, ?)"),
  pkg: sqlite.prepare(
    "INSERT INTO packages (id, reseller_id, name, panel, max_domains, max_mailboxes, mailbox_quota_mb, max_forwards) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  ),
  customer: sqlite.prepare(
    "INSERT INTO customers (id, reseller_id, customer_number, company, contact_name, contact_email, city) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ),
  sub: sqlite.prepare("INSERT INTO subscriptions (id, reseller_id, customer_id, package_id) VALUES (?, ?, ?, ?)"),
  domain: sqlite.prepare(
    "INSERT INTO domains (id, reseller_id, customer_id, subscription_id, name, mailbox_count) VALUES (?, ?, ?, ?, ?, ?)",
  ),
  mailbox: sqlite.prepare(
    "INSERT INTO mailboxes (reseller_id, customer_id, domain_id, local_part, address, password_hash, quota_mb) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ),
  spam: sqlite.prepare("INSERT INTO spam_settings (mailbox_id, reseller_id, customer_id) VALUES (?, ?, ?)"),
};
const PANELS = ["plesk8", "plesk9", "plesk10", "none"] as const;

// Domains per customer: customer 1 holds 1,000, the rest share the remainder evenly.
const domainOwner: number[] = [];
for (let d = 0; d < 1000; d++) domainOwner.push(1);
for (let d = 1000; d < BENCH.domains; d++) domainOwner.push(2 + ((d - 1000) % (BENCH.customers - 1)));
// Mailboxes per domain: the big domain (id 1001, the first not of customer 1) holds 200,000.
const restPerDomain = (BENCH.mailboxes - BENCH.bigDomainMailboxes) / (BENCH.domains - 1);

sqlite.transaction(() => {
  ins.user.run("admin@kontor.example", "admin", null, null, "Administration", hash(0));
  ins.user.run("support@kontor.example", "support", null, null, "Support", hash(1));
  for (let r = 1; r <= BENCH.resellers; r++) {
    ins.reseller.run(r, `Reseller ${r}`, r * 100000);
    ins.user.run(r === 1 ? "reseller@kontor.example" : `reseller${r}@bench.example`, "reseller", r, null, `Reseller ${r}`, hash(r));
    PANELS.forEach((panel, i) => ins.pkg.run((r - 1) * 4 + i + 1, r, `Tarif ${panel}`, panel, null, null, 2048, null));
  }
  for (let c = 1; c <= BENCH.customers; c++) {
    const r = c === 1 ? 1 : 1 + (c % BENCH.resellers);
    const number = `K${r * 100000 + c}`;
    const email = c === 1 ? "kunde@kontor.example" : `kunde${c}@bench.example`;
    ins.customer.run(c, r, number, names.company(c), names.person(c), email, names.city(c));
    ins.user.run(email, "customer", r, c, names.company(c), hash(c));
    // Customer 1 and the big domain's owner get Plesk packages so the panel pages can be measured.
    const panelIndex = c === 1 ? 2 : c === 2 ? 1 : c % 4;
    ins.sub.run(c, r, c, (r - 1) * 4 + panelIndex + 1);
  }
  let mailboxId = 0;
  for (let d = 1; d <= BENCH.domains; d++) {
    const c = domainOwner[d - 1];
    const r = c === 1 ? 1 : 1 + (c % BENCH.resellers);
    const isBig = d === BENCH.bigDomainId;
    const count = isBig ? BENCH.bigDomainMailboxes : Math.floor(restPerDomain * d) - Math.floor(restPerDomain * (d - 1));
    const domainName = names.domain(d);
    ins.domain.run(d, r, c, c, domainName, count);
    for (let m = 0; m < count; m++) {
      const local = names.local(mailboxId + m);
      const info = ins.mailbox.run(r, c, d, local, `${local}@${domainName}`, hash(m), 1024);
      ins.spam.run(info.lastInsertRowid, r, c);
    }
    mailboxId += count;
  }
})();

sqlite.pragma("journal_mode = WAL");
sqlite.exec("ANALYZE");
const counts = sqlite
  .prepare(
    "SELECT (SELECT count(*) FROM resellers) r, (SELECT count(*) FROM customers) c, (SELECT count(*) FROM domains) d, (SELECT count(*) FROM mailboxes) m",
  )
  .get();
sqlite.close();
console.log(`Generated ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s:`, counts);
