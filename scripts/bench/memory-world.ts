import type Database from "better-sqlite3";

/**
 * What the memory benches (export-memory.ts, import-memory.ts) build on, written straight into their
 * fresh SQLite file: the admin (user 1), one reseller, a package without limits, and one customer's
 * subscription (id 1) of it.
 */
export function insertBenchSubscription(sqlite: Database.Database, adminHash: string) {
  sqlite
    .prepare("INSERT INTO users (id, email, role, display_name, password_hash) VALUES (1, 'admin@bench.example', 'admin', 'Admin', ?)")
    .run(adminHash);
  sqlite.prepare("INSERT INTO resellers (id, name, customer_number_base) VALUES (1, 'Reseller', 100000)").run();
  sqlite.prepare("INSERT INTO packages (id, reseller_id, name, panel) VALUES (1, 1, 'Gross', 'plesk9')").run();
  sqlite
    .prepare(
      "INSERT INTO customers (id, reseller_id, customer_number, company, contact_name, contact_email) VALUES (1, 1, 'K100001', 'Gross GmbH', 'Chef', 'chef@bench.example')",
    )
    .run();
  sqlite.prepare("INSERT INTO subscriptions (id, reseller_id, customer_id, package_id) VALUES (1, 1, 1, 1)").run();
}
