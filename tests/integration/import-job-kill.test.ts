/**
 * An import killed midway (SIGKILL to the CLI's process group, as a crash or `kill -9` would end it)
 * leaves the data at a batch boundary: exactly the committed batches, nothing of the batch it was in.
 * `--resume` then finishes it from there; `--cancel` on another killed import undoes its batches, so
 * nothing of it stays. Real processes on a database file, as in production.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import { firstRow } from "@/db/rows";
import * as schema from "@/db/schema";
import { aCustomerWithPackage, type TestSubscription } from "../support/factories";

const SHA512 = "{SHA512-CRYPT}$6$wj1Y9CiyxdBcJnE2$QQMcKbX46.fttIWGLdhqeIptbgXdDWg7bvelJ7SDy7OhS3eP77.8.Xzm8NIimBxpCR2tCaabCieVpValtWdO..";
const MAILBOXES = 10_000;

let dir: string;
let file: string;
let db: Db;
let sub: TestSubscription;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-import-kill-"));
  file = path.join(dir, "kontor.db");
  const sqlite = openSqlite(file);
  applyMigrations(sqlite);
  db = drizzle(sqlite, { schema });
  sub = await aCustomerWithPackage(db, { package: { maxMailboxes: null, maxDomains: null } });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number | null; out: string; killedAt: number | null };

/** The import CLI on the test's database file; with `killAt`, SIGKILL once it reports that many lines applied. */
function cli(args: string[], killAt?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/import.ts", "--as", sub.customer.email, ...args], {
      env: { ...process.env, KONTOR_DB: file, KONTOR_DATABASE_URL: "" },
      detached: true, // its own process group: the kill reaches tsx's node child too
    });
    let out = "";
    let killedAt: number | null = null;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const applied = [...out.matchAll(/^job \d+: (\d+)\//gm)].map((m) => Number(m[1]));
      if (killAt !== undefined && killedAt === null && applied.some((n) => n >= killAt) && child.pid) {
        killedAt = Math.max(...applied);
        process.kill(-child.pid, "SIGKILL");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, killedAt }));
  });
}

function csvFor(domain: string) {
  const f = path.join(dir, `${domain}.csv`);
  const lines = ["type,address,password", `domain,${domain},`];
  for (let i = 0; i < MAILBOXES; i++) lines.push(`mailbox,m${String(i)}@${domain},${SHA512}`);
  fs.writeFileSync(f, lines.join("\n"));
  return f;
}

async function countIn(domain: string) {
  const rows = await db
    .select({ n: count() })
    .from(schema.mailboxes)
    .innerJoin(schema.domains, eq(schema.mailboxes.domainId, schema.domains.id))
    .where(eq(schema.domains.name, domain));
  return rows[0]?.n ?? 0;
}

async function lastJob() {
  const jobs = await db.select().from(schema.importJobs).orderBy(schema.importJobs.id);
  return jobs[jobs.length - 1];
}

/** A dead process's lease runs out after a minute; the test moves that minute on instead of waiting. */
async function expireLease(jobId: number) {
  await db
    .update(schema.importJobs)
    .set({ leaseUntil: new Date(Date.now() - 1) })
    .where(eq(schema.importJobs.id, jobId));
}

describe("an import killed midway", () => {
  it("stops at a batch boundary and --resume finishes it", async () => {
    const domain = `kill${String(sub.subscriptionId)}.example`;
    const run = await cli(["--subscription", String(sub.subscriptionId), "--csv", csvFor(domain), "--apply"], 1000);
    expect(run.killedAt, run.out).not.toBeNull();
    const job = await lastJob();
    expect(job.state).toBe("running");
    expect(job.total).toBe(MAILBOXES + 1);
    expect(job.applied % 1000).toBe(0);
    expect(job.applied).toBeGreaterThanOrEqual(1000);
    expect(job.applied).toBeLessThan(job.total);
    // Exactly the committed batches: the domain line and applied - 1 mailboxes, none of the batch it died in.
    expect(await countIn(domain)).toBe(job.applied - 1);

    await expireLease(job.id);
    const resumed = await cli(["--resume", String(job.id)]);
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toContain(`job ${String(job.id)}: done`);
    expect(await countIn(domain)).toBe(MAILBOXES);
    const finished = await lastJob();
    expect([finished.state, finished.applied]).toEqual(["done", MAILBOXES + 1]);
    const steps = await firstRow(db.select({ n: count() }).from(schema.importJobSteps).where(eq(schema.importJobSteps.jobId, job.id)));
    expect(steps?.n).toBe(0);
  }, 180_000);

  it("undoes a killed import's batches on --cancel: nothing of it stays", async () => {
    const domain = `cancel${String(sub.subscriptionId)}.example`;
    const run = await cli(["--subscription", String(sub.subscriptionId), "--csv", csvFor(domain), "--apply"], 2000);
    expect(run.killedAt, run.out).not.toBeNull();
    const job = await lastJob();
    expect(job.applied).toBeGreaterThanOrEqual(2000);
    expect(await countIn(domain)).toBe(job.applied - 1);

    await expireLease(job.id);
    const cancelled = await cli(["--cancel", String(job.id)]);
    expect(cancelled.code, cancelled.out).toBe(0);
    expect(cancelled.out).toContain(`job ${String(job.id)}: cancelled`);
    expect(await countIn(domain)).toBe(0);
    expect(await firstRow(db.select().from(schema.domains).where(eq(schema.domains.name, domain)))).toBeUndefined();
    expect((await lastJob()).state).toBe("cancelled");
  }, 180_000);
});
