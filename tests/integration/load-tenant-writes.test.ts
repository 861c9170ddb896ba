/**
 * LD-03 as a bounded test: 24 new customers of two resellers, set up and then all writing at once
 * through the services (password and quota, spam filter, new and deleted mailboxes, and a try at
 * the neighbour's mailbox) on an on-disk SQLite in WAL. Half of them run in a second process on its
 * own connection, so the writers really contend for SQLite's lock. Afterwards every acknowledged write
 * is there, nothing failed with SQLITE_BUSY, the counters match the rows, no tenant touched another,
 * and integrity_check is ok. No timing is asserted. The resellers, their packages and the customers
 * already there beside the new ones (bystanders) are the test's own (factories).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password-hash";
import { createDiskDb, type DiskDb } from "../support/disk-db";
import { aCustomer, aCustomerWithPackage, aDomainWithMailboxes, aPackage, aReseller, type TestReseller } from "../support/factories";
import { type Ack, runTenantWorkload, type WorkloadResult } from "../support/tenant-workload";

const PER_RESELLER = 12;

let handle: DiskDb;
let here: WorkloadResult;
let there: WorkloadResult;
let bystandersBefore: unknown[];
/** The two resellers with the name of the package their new customers order. */
const writers: { reseller: TestReseller; packageName: string }[] = [];
/** Customer numbers of the customers there before the workload. */
const bystanders: string[] = [];
const previousSieveDir = process.env.KONTOR_SIEVE_DIR;
const all = () => ({ tenants: [...here.tenants, ...there.tenants], acks: [...here.acks, ...there.acks] });

/** Mailboxes of the bystanders: the workload's domains are t<tag>-<i>.example. */
const BYSTANDER_MAILBOXES =
  "SELECT id, address, password_hash, quota_mb, enabled, session_version FROM mailboxes WHERE address NOT LIKE '%@tr%' ORDER BY id";

/** Starts tenant-writer.ts and resolves once it has opened the database and waits for "go". */
async function startSecondWriter(env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "tests/support/tenant-writer.ts",
      handle.file,
      writers[1].reseller.email,
      writers[1].packageName,
      String(PER_RESELLER),
      "r2",
    ],
    {
      stdio: ["pipe", "pipe", "inherit"],
      env,
    },
  );
  const lines = readline.createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.value !== "ready") throw new Error(`tenant-writer did not start: ${String(first.value)}`);
  return {
    go: () => child.stdin.write("go\n"),
    async result(): Promise<WorkloadResult> {
      const line = await iterator.next();
      const [code] = (await once(child, "exit")) as [number | null];
      if (code !== 0 || line.done) throw new Error(`tenant-writer exited with ${String(code)}`);
      return JSON.parse(line.value) as WorkloadResult;
    },
  };
}

/** Two resellers, each with a package for the workload and customers that were there before (two and one). */
async function buildResellers() {
  for (const [tag, before] of [
    ["r1", 2],
    ["r2", 1],
  ] as const) {
    const reseller = await aReseller(handle.db);
    const packageName = `Paket ${tag}`;
    await aPackage(handle.db, reseller, { name: packageName, maxMailboxes: 200 });
    for (let i = 0; i < before; i++) {
      const customer = await aCustomer(handle.db, reseller);
      await aDomainWithMailboxes(handle.db, 2, { sub: await aCustomerWithPackage(handle.db, { reseller, customer }) });
      bystanders.push(customer.customerNumber);
    }
    writers.push({ reseller, packageName });
  }
}

beforeAll(async () => {
  handle = await createDiskDb("kontor-tenant-writes-", { seeded: false });
  await buildResellers();
  const env = { ...process.env, KONTOR_SIEVE_DIR: path.join(handle.dir, "sieve") };
  process.env.KONTOR_SIEVE_DIR = env.KONTOR_SIEVE_DIR;
  bystandersBefore = handle.sqlite.prepare(BYSTANDER_MAILBOXES).all();
  const second = await startSecondWriter(env);
  second.go();
  [here, there] = await Promise.all([
    runTenantWorkload(handle.db, writers[0].reseller.email, writers[0].packageName, PER_RESELLER, "r1"),
    second.result(),
  ]);
}, 60_000);

afterAll(async () => {
  if (previousSieveDir === undefined) delete process.env.KONTOR_SIEVE_DIR;
  else process.env.KONTOR_SIEVE_DIR = previousSieveDir;
  await handle?.remove();
});

const acksOf = <K extends Ack["kind"]>(kind: K) => all().acks.filter((a): a is Extract<Ack, { kind: K }> => a.kind === kind);
const row = (sql: string, ...args: unknown[]) => handle.sqlite.prepare(sql).get(...args) as Record<string, unknown> | undefined;

describe("LD-03 concurrent tenant writes from two processes", () => {
  it("reached no user with an error (no SQLITE_BUSY) and acknowledged every write", () => {
    expect([...here.failures, ...there.failures]).toEqual([]);
    expect(all().tenants).toHaveLength(2 * PER_RESELLER);
    for (const kind of ["password", "spamOff", "create", "delete", "foreignRefused"] as const)
      expect(acksOf(kind)).toHaveLength(2 * PER_RESELLER);
  });

  it("really wrote from both processes at once (their audit entries interleave)", () => {
    const span = (resellerEmail: string) =>
      row(
        `SELECT min(a.id) AS first, max(a.id) AS last FROM audit_log a JOIN customers c ON c.id = a.customer_id JOIN users u ON u.reseller_id = c.reseller_id AND u.role = 'reseller' WHERE u.email = ? AND c.customer_number NOT IN (${bystanders.map(() => "?").join(", ")})`,
        resellerEmail,
        ...bystanders,
      ) as { first: number; last: number };
    const one = span(writers[0].reseller.email);
    const two = span(writers[1].reseller.email);
    expect(one.first).toBeLessThan(two.last);
    expect(two.first).toBeLessThan(one.last);
  });

  it("gave each reseller's new customers distinct consecutive numbers", () => {
    // After the bystanders' numbers: two of the first reseller's, one of the second's.
    const numbers = (base: number) => Array.from({ length: PER_RESELLER }, (_, i) => `K${base + i}`).sort();
    expect(here.tenants.map((t) => t.customerNumber).sort()).toEqual(numbers(writers[0].reseller.customerNumberBase + 3));
    expect(there.tenants.map((t) => t.customerNumber).sort()).toEqual(numbers(writers[1].reseller.customerNumberBase + 2));
  });

  it("kept every acknowledged password and quota change", async () => {
    for (const ack of acksOf("password")) {
      const mailbox = row(
        "SELECT password_hash AS hash, quota_mb AS quota, customer_id AS customerId FROM mailboxes WHERE id = ?",
        ack.mailboxId,
      );
      expect(mailbox).toMatchObject({ quota: ack.quotaMb, customerId: ack.customerId });
      expect(await verifyPassword(String(mailbox?.hash), ack.password)).toBe(true);
      expect(
        row(
          "SELECT id FROM audit_log WHERE action = 'mailbox.password.set' AND target_id = ? AND customer_id = ?",
          ack.mailboxId,
          ack.customerId,
        ),
      ).toBeDefined();
    }
  });

  it("kept every spam switch, new mailbox and deletion", async () => {
    for (const ack of acksOf("spamOff"))
      expect(row("SELECT enabled FROM spam_settings WHERE mailbox_id = ?", ack.mailboxId)).toEqual({ enabled: 0 });
    for (const ack of acksOf("create")) {
      const mailbox = row("SELECT address, password_hash AS hash, customer_id AS customerId FROM mailboxes WHERE id = ?", ack.mailboxId);
      expect(mailbox).toMatchObject({ address: ack.address, customerId: ack.customerId });
      expect(await verifyPassword(String(mailbox?.hash), ack.password)).toBe(true);
    }
    for (const ack of acksOf("delete")) {
      expect(row("SELECT id FROM mailboxes WHERE id = ?", ack.mailboxId)).toBeUndefined();
      expect(row("SELECT mailbox_id FROM spam_settings WHERE mailbox_id = ?", ack.mailboxId)).toBeUndefined();
    }
  });

  it("refused every change of a neighbour's mailbox and left it as its owner set it", async () => {
    for (const ack of acksOf("foreignRefused")) {
      expect(ack.error).toBe("NotFoundError");
      const mailbox = row("SELECT password_hash AS hash, quota_mb AS quota FROM mailboxes WHERE id = ?", ack.mailboxId);
      expect(mailbox?.quota).not.toBe(1);
      expect(await verifyPassword(String(mailbox?.hash), ack.password)).toBe(false);
    }
  });

  it("left the bystanders' mailboxes untouched", () => {
    expect(bystandersBefore.length).toBeGreaterThan(0);
    expect(handle.sqlite.prepare(BYSTANDER_MAILBOXES).all()).toEqual(bystandersBefore);
  });

  it("keeps the invariants: counters equal rows, owners match their domain, unique addresses", () => {
    const q = (sql: string) => handle.sqlite.prepare(sql).all();
    expect(q("SELECT d.id FROM domains d WHERE d.mailbox_count <> (SELECT count(*) FROM mailboxes m WHERE m.domain_id = d.id)")).toEqual(
      [],
    );
    expect(
      q(
        "SELECT m.id FROM mailboxes m JOIN domains d ON d.id = m.domain_id WHERE m.customer_id <> d.customer_id OR m.reseller_id <> d.reseller_id",
      ),
    ).toEqual([]);
    expect(q("SELECT address FROM mailboxes GROUP BY address HAVING count(*) > 1")).toEqual([]);
    expect(q("SELECT m.id FROM mailboxes m LEFT JOIN spam_settings s ON s.mailbox_id = m.id WHERE s.mailbox_id IS NULL")).toEqual([]);
    // Each tenant ends with its a, b and the new mailbox.
    expect(q("SELECT customer_id FROM mailboxes WHERE address LIKE '%@tr%' GROUP BY customer_id HAVING count(*) <> 3")).toEqual([]);
  });

  it("leaves a consistent database", () => {
    expect(handle.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(handle.sqlite.pragma("foreign_key_check")).toEqual([]);
    expect(handle.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
  });
});
