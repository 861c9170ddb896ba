/**
 * API v1 over HTTP on the 1,000,000-mailbox data set (issue 21): a page of 100 of the 200,000-mailbox
 * domain (first and deep, by cursor), one mailbox read, a quota change (PATCH with If-Match) that
 * writes every time, and mailbox creation (POST with a given password: one argon2id hash per create,
 * the honest price, to be read next to the login's argon2id verify of the same run). Run by run.ts in the same window as its empty-page anchor, with an API key of the
 * big domain's owner made by the key service (so the server's AUTH_SECRET accepts it).
 */
import type autocannon from "autocannon";
import Database from "better-sqlite3";
import { newApiKey } from "@/lib/services/api-keys/key-secret";
import type { LoadResult, LoadSpec } from "./load";
import { runLoad } from "./load";
import { BENCH } from "./shape";

/** Mailboxes whose quota the PATCH scenario toggles, one per connection: not those of the password scenario. */
const PATCH_OFFSET = 2000;
const CONNECTIONS = 10;
/** Creates hash on the server's argon2 workers: a few connections already keep both cores busy. */
const CREATE_CONNECTIONS = 4;
/** The password every created mailbox gets: passes the policy, contains no generated local part. */
const CREATE_PASSWORD = "Wacholder-Kiesel-Bucht-58";

/** An API key of the big domain's owner, made by the key service's secret format (so the server's AUTH_SECRET accepts it). */
export function benchApiKey(dbFile: string) {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 5000");
  const domain = db
    .prepare("SELECT name, customer_id AS customerId, reseller_id AS resellerId FROM domains WHERE id = ?")
    .get(BENCH.bigDomainId) as {
    name: string;
    customerId: number;
    resellerId: number;
  };
  const owner = db.prepare("SELECT id FROM users WHERE customer_id = ? ORDER BY id LIMIT 1").get(domain.customerId) as { id: number };
  const key = newApiKey();
  db.prepare(
    "INSERT INTO api_keys (user_id, reseller_id, customer_id, name, public_id, secret_hash, scopes) VALUES (?, ?, ?, 'Bench', ?, ?, ?)",
  ).run(owner.id, domain.resellerId, domain.customerId, key.publicId, key.secretHash, JSON.stringify(["mailboxes:write"]));
  db.close();
  return { token: key.token, domain: domain.name };
}

export async function measureApi(base: string, dbFile: string, serverPid: number, seconds: number): Promise<LoadResult[]> {
  const { token, domain } = benchApiKey(dbFile);
  const db = new Database(dbFile, { readonly: true });
  const ids = (
    db
      .prepare("SELECT id FROM mailboxes WHERE domain_id = ? ORDER BY id LIMIT ? OFFSET ?")
      .all(BENCH.bigDomainId, CONNECTIONS + 1, PATCH_OFFSET) as {
      id: number;
    }[]
  ).map((r) => r.id);
  db.close();

  const auth = { authorization: `Bearer ${token}`, accept: "application/json" };
  const list = `${base}/api/v1/mailboxes?domain=${encodeURIComponent(domain)}&limit=100`;
  const first = await fetch(list, { headers: auth });
  // A refused key would measure 401 answers: stop rather than report them.
  if (first.status !== 200) throw new Error(`API list: HTTP ${first.status} before the run`);
  // The cursor of the page after position 150,000, as a script paging through would hold it.
  const cursor = Buffer.from(deepLocalPart(dbFile)).toString("base64url");
  const patch = (id: number, quotaMb: number) => ({
    method: "PATCH" as const,
    path: `/api/v1/mailboxes/${id}`,
    body: JSON.stringify({ quotaMb }),
    // "*": each request is a real change without a read before it; the read is measured on its own.
    headers: { ...auth, "content-type": "application/json", "if-match": "*" },
  });
  // A fresh address per request: bench-<run>-<connection>-<n>@ the big domain.
  const run = Date.now().toString(36);
  const create = (connection: number) => {
    let n = 0;
    return {
      method: "POST" as const,
      path: "/api/v1/mailboxes",
      headers: { ...auth, "content-type": "application/json" },
      setupRequest: (req: autocannon.Request) => ({
        ...req,
        body: JSON.stringify({ address: `bench-${run}-${connection}-${n++}@${domain}`, quotaMb: 1024, password: CREATE_PASSWORD }),
      }),
    };
  };
  const specs: LoadSpec[] = [
    { name: "API: list 200k domain, page of 100", url: list, headers: auth },
    { name: "API: list 200k domain, deep page of 100", url: `${list}&cursor=${cursor}`, headers: auth },
    { name: "API: read one mailbox", url: `${base}/api/v1/mailboxes/${ids[CONNECTIONS]}`, headers: auth },
    {
      name: "API: PATCH quota (If-Match)",
      url: `${base}/api/v1/mailboxes/${ids[0]}`,
      connections: CONNECTIONS,
      // Each connection alternates two quotas of its own mailbox, so every request writes.
      perConnection: ids.slice(0, CONNECTIONS).map((id) => [patch(id, 900), patch(id, 1000)]),
    },
    {
      name: "API: create mailbox (argon2id hash)",
      url: `${base}/api/v1/mailboxes`,
      perConnection: Array.from({ length: CREATE_CONNECTIONS }, (_, i) => [create(i)]),
    },
  ];
  const results: LoadResult[] = [];
  for (const spec of specs) {
    await runLoad({ ...spec, seconds: Math.min(5, seconds) }, serverPid);
    results.push(await runLoad({ ...spec, seconds }, serverPid));
    console.log(`  ${spec.name}: ${results.at(-1)?.rps.toFixed(0) ?? "?"} req/s`);
  }
  // Every create answered 201 must be a row: count them, so a silent failure cannot pass as a rate.
  const check = new Database(dbFile, { readonly: true });
  const made = (check.prepare("SELECT count(*) AS n FROM mailboxes WHERE address LIKE ?").get(`bench-${run}-%`) as { n: number }).n;
  check.close();
  console.log(`  created mailboxes: ${made}`);
  return results;
}

/** The local part at position 150,000 of the big domain (API cursors are local parts): the deep page starts after it. */
function deepLocalPart(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true });
  const row = db
    .prepare("SELECT local_part AS l FROM mailboxes WHERE domain_id = ? ORDER BY local_part LIMIT 1 OFFSET 150000")
    .get(BENCH.bigDomainId) as { l: string };
  db.close();
  return row.l;
}
