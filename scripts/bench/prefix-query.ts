/**
 * Times the support search's address-prefix query on the large data set: a range on the lower-cased
 * address (`address >= 'p' AND address < 'p\uffff'`) that the unique address index answers.
 */
import Database from "better-sqlite3";

const PREFIXES = ["anna", "karla.schulz3", "zoe.braun", "felix.m", "mia.wolf12", "paul.koch7", "x", "uwe.richter", "olga", "simon.kl"];

export function measurePrefixQuery(file: string) {
  const db = new Database(file, { readonly: true });
  const sql = "SELECT id, address FROM mailboxes WHERE address >= ? AND address < ? ORDER BY address LIMIT 51";
  const stmt = db.prepare(sql);
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all("a", "b") as { detail: string }[]).map((p) => p.detail).join("; ");
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const p = PREFIXES[i % PREFIXES.length];
    const t0 = process.hrtime.bigint();
    stmt.all(p, p + "\uffff");
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  db.close();
  times.sort((a, b) => a - b);
  return {
    medianMs: times[times.length >> 1],
    p99Ms: times[Math.floor(times.length * 0.99)],
    usesIndex: /USING (COVERING )?INDEX mailboxes_address_uq/.test(plan),
    plan,
  };
}
