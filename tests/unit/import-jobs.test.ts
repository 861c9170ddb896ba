/**
 * Imports applied in batches (issue 24): each batch is its own transaction; a job stopped midway (as
 * by a crash) resumes from its last committed batch; a cancelled job, or one whose line has become
 * wrong meanwhile, undoes the batches it applied, so the data is exactly as before. Other tenants
 * neither see nor cancel a job.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, count, eq } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { importJobItems } from "@/components/import/import-job-items";
import { loadMessages } from "@/lib/i18n/load-messages";
import { firstRow } from "@/db/rows";
import {
  auditLog,
  domains,
  forwards,
  importJobs,
  importJobSteps,
  mailAliases,
  mailAliasTargets,
  mailboxes,
  mailHomeRemovals,
} from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { runImportJob, stageImportJob } from "@/lib/services/import/import-job";
import { cancelImportJob, listImportJobs, resumeImportJobs } from "@/lib/services/import/job-control";
import { planImport } from "@/lib/services/import/plan-import";
import { readImportCsv } from "@/lib/services/import/read-csv";
import { aCustomerWithPackage, aDomainWithMailboxes, emptyDb, type TestDb, type TestSubscription } from "../support/factories";
import { oneChunk, SHA512_HASH } from "../support/import-files";

const MD5 = "{MD5-CRYPT}$1$aZjufBrO$AW4WoPoEOobKew4n/wo09/";

/** A domain of its own, 10 mailboxes, an alias, a changed existing mailbox and a forward: 14 lines. */
async function setUp() {
  const { db } = await emptyDb();
  const sub = await aDomainWithMailboxes(db, 1, { package: { maxMailboxes: 20, maxDomains: 5, maxForwards: 10 } });
  const d = `neu${sub.subscriptionId}.example`;
  const existing = sub.mailboxes[0].address;
  const lines = [
    "type,address,password,quota_mb,enabled,targets",
    `domain,${d},,,,`,
    ...Array.from({ length: 10 }, (_, i) => `mailbox,m${i}@${d},${SHA512_HASH},50,yes,`),
    `alias,team@${d},,,,m0@${d} m1@${d}`,
    `mailbox,${existing},${MD5},200,no,`,
    `forward,${existing},,,,extern@example.net`,
  ];
  const csv = await readImportCsv(oneChunk(lines.join("\n")));
  expect(csv.problems).toEqual([]);
  const stage = async (s: TestSubscription = sub) => {
    const plan = await planImport(db, s.customer.actor, s.subscriptionId, csv.rows);
    expect(plan.problems).toEqual([]);
    return (await stageImportJob(db, plan, s.customer.actor, { source: "test", sha256: csv.sha256, ip: null, vacations: [] }, 3)).jobId;
  };
  return { db, sub, d, existing, stage };
}

/** Everything of the customer an import may write, without the columns a password write always moves on. */
async function snapshot(db: TestDb, customerId: number) {
  return {
    domains: await db
      .select({ name: domains.name, n: domains.mailboxCount })
      .from(domains)
      .where(eq(domains.customerId, customerId))
      .orderBy(asc(domains.name)),
    mailboxes: await db
      .select({ address: mailboxes.address, hash: mailboxes.passwordHash, quota: mailboxes.quotaMb, enabled: mailboxes.enabled })
      .from(mailboxes)
      .where(eq(mailboxes.customerId, customerId))
      .orderBy(asc(mailboxes.address)),
    aliases: await db.select({ a: mailAliases.address }).from(mailAliases).where(eq(mailAliases.customerId, customerId)),
    targets: await db.select({ t: mailAliasTargets.target }).from(mailAliasTargets).where(eq(mailAliasTargets.customerId, customerId)),
    forwards: await db.select({ t: forwards.target }).from(forwards).where(eq(forwards.customerId, customerId)),
  };
}

const translatorFor = (locale: "de" | "en" | "it") =>
  createTranslator({ locale, messages: loadMessages(locale) }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;

const jobOf = async (db: TestDb, id: number) => (await firstRow(db.select().from(importJobs).where(eq(importJobs.id, id))))!;
const stepsOf = async (db: TestDb, id: number) =>
  (await firstRow(db.select({ n: count() }).from(importJobSteps).where(eq(importJobSteps.jobId, id))))?.n;

describe("import jobs in batches", () => {
  it("applies batch by batch, and a job stopped midway resumes from its last batch to the same end", async () => {
    const { db, sub, d, existing, stage } = await setUp();
    const jobId = await stage();
    const seen: number[] = [];
    // Stop after the second batch, as a crash would: the position is what the last commit wrote.
    expect(await runImportJob(jobId, db, { batch: 3, afterBatch: (n) => (seen.push(n), n >= 6 ? "stop" : undefined) })).toBe("running");
    expect(seen).toEqual([3, 6]);
    expect((await jobOf(db, jobId)).applied).toBe(6);
    const boxes = await db.select({ a: mailboxes.address }).from(mailboxes).where(eq(mailboxes.customerId, sub.customer.id));
    expect(boxes).toHaveLength(1 + 5); // the domain line and five mailboxes of the first two batches
    // Someone else holds the lease until it runs out: a second runner does nothing.
    expect(await runImportJob(jobId, db, { batch: 3 })).toBe("running");
    expect((await jobOf(db, jobId)).applied).toBe(6);
    await db
      .update(importJobs)
      .set({ leaseUntil: new Date(Date.now() - 1) })
      .where(eq(importJobs.id, jobId));
    expect(await runImportJob(jobId, db, { batch: 3, afterBatch: (n) => void seen.push(n) })).toBe("done");
    expect(seen).toEqual([3, 6, 9, 12, 14]);
    const after = await snapshot(db, sub.customer.id);
    expect(after.mailboxes).toHaveLength(11);
    expect(after.mailboxes.find((m) => m.address === existing)).toMatchObject({ hash: MD5, quota: 200, enabled: false });
    expect(after.mailboxes.find((m) => m.address === `m9@${d}`)).toMatchObject({ hash: SHA512_HASH, quota: 50 });
    expect(after.domains.find((x) => x.name === d)?.n).toBe(10);
    expect(after.forwards).toEqual([{ t: "extern@example.net" }]);
    const job = await jobOf(db, jobId);
    expect([job.state, job.applied, job.total]).toEqual(["done", 14, 14]);
    expect(await stepsOf(db, jobId)).toBe(0); // the staged hashes do not outlive the job
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "import.apply"))).toHaveLength(1);
  });

  it("cancelled midway, undoes the applied batches: the data is as before, nothing half-written", async () => {
    const { db, sub, stage } = await setUp();
    const before = await snapshot(db, sub.customer.id);
    const jobId = await stage();
    let cancelledAt = -1;
    const state = await runImportJob(jobId, db, {
      batch: 3,
      afterBatch: async (n) => {
        if (cancelledAt < 0 && n >= 9) {
          cancelledAt = n;
          await cancelImportJob(sub.customer.actor, jobId, db);
        }
      },
    });
    expect(cancelledAt).toBe(9);
    expect(state).toBe("cancelled");
    expect(await snapshot(db, sub.customer.id)).toEqual(before);
    const job = await jobOf(db, jobId);
    expect([job.state, job.applied, job.error]).toEqual(["cancelled", 0, null]);
    expect(await stepsOf(db, jobId)).toBe(0);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "import.cancelled"))).toHaveLength(1);
  });

  it("fails on a line that became wrong after the dry run and undoes the batches before it", async () => {
    const { db, sub, d, stage } = await setUp();
    const before = await snapshot(db, sub.customer.id);
    const jobId = await stage();
    // m7@ is taken between the dry run and its batch, e.g. created in the panel meanwhile.
    let taken = false;
    const state = await runImportJob(jobId, db, {
      batch: 3,
      afterBatch: async (n) => {
        if (taken || n < 3) return;
        taken = true;
        const domainId = (await firstRow(db.select({ id: domains.id }).from(domains).where(eq(domains.name, d))))!.id;
        await db
          .insert(mailAliases)
          .values({ resellerId: sub.reseller.id, customerId: sub.customer.id, domainId, localPart: "m7", address: `m7@${d}` });
      },
    });
    expect(state).toBe("failed");
    const job = await jobOf(db, jobId);
    // The record says what the undo had to leave, and why (lib/services/import/report-text.ts keptText).
    expect(JSON.parse(job.error ?? "null")).toEqual({ code: "import.problems.addressTaken", line: 10, kept: [d] });
    // Only what the import made goes back: the domain it created stays for the alias made in it meanwhile.
    const after = await snapshot(db, sub.customer.id);
    expect(after.aliases).toEqual([{ a: `m7@${d}` }]);
    expect(after.domains).toEqual([...before.domains, { name: d, n: 0 }].sort((x, y) => x.name.localeCompare(y.name)));
    expect({ ...after, aliases: [], domains: [] }).toEqual({ ...before, aliases: [], domains: [] });
    expect(await stepsOf(db, jobId)).toBe(0);
  });

  it("undoes a domain it created only when nothing else lives there: a mailbox made in the panel meanwhile stays", async () => {
    const { db, sub, d, stage } = await setUp();
    const before = await snapshot(db, sub.customer.id);
    const jobId = await stage();
    let made: string | undefined;
    const state = await runImportJob(jobId, db, {
      batch: 3,
      afterBatch: async (n) => {
        if (made || n < 3) return;
        const domainId = (await firstRow(db.select({ id: domains.id }).from(domains).where(eq(domains.name, d))))!.id;
        const password = "Ein-langes-Passwort-42";
        const input = { subscriptionId: sub.subscriptionId, domainId, localPart: "panel", quotaMb: null };
        made = (await createMailbox(sub.customer.actor, { ...input, newPassword: password, confirmPassword: password }, {}, db))?.address;
        await cancelImportJob(sub.customer.actor, jobId, db);
      },
    });
    expect([state, made]).toEqual(["cancelled", `panel@${d}`]);
    const after = await snapshot(db, sub.customer.id);
    expect(after.mailboxes.map((m) => m.address).filter((a) => a.endsWith(`@${d}`))).toEqual([`panel@${d}`]);
    expect(after.domains.find((x) => x.name === d)).toEqual({ name: d, n: 1 });
    expect(after.mailboxes.filter((m) => m.address !== made)).toEqual(before.mailboxes);
    // Not "nothing was applied": the panel says which domain stayed and why, in each language.
    expect(JSON.parse((await jobOf(db, jobId)).error ?? "null")).toEqual({ code: "import.jobs.cancelledKept", kept: [d] });
    const status = async (locale: "de" | "en" | "it") =>
      (await importJobItems(sub.customer.actor, translatorFor(locale), db)).find((j) => j.id === jobId)?.status;
    expect(await status("en")).toBe(
      `Cancelled; what had been applied was undone, except for the following. Not undone: the domain ${d}. Someone else created something there meanwhile (a mailbox, an alias or an address), and it stays, together with the domain.`,
    );
    expect(await status("de")).toContain(`Nicht zurückgenommen: die Domain ${d}.`);
    expect(await status("it")).toContain(`Non revocato: il dominio ${d}.`);
  });

  it("moves the home of a mailbox it takes back out of Dovecot's way, as a deleted mailbox's: mail that came meanwhile goes", async () => {
    const { db, sub, d, stage } = await setUp();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-import-homes-"));
    process.env.KONTOR_MAIL_ROOT = root;
    try {
      const jobId = await stage();
      let home = "";
      const state = await runImportJob(jobId, db, {
        batch: 3,
        afterBatch: async (n) => {
          if (n !== 3) return;
          home =
            (
              await firstRow(
                db
                  .select({ home: mailboxes.home })
                  .from(mailboxes)
                  .where(eq(mailboxes.address, `m0@${d}`)),
              )
            )?.home ?? "";
          // Mail delivered to the imported mailbox before the cancel.
          fs.mkdirSync(path.join(root, home, "Maildir", "new"), { recursive: true });
          fs.writeFileSync(path.join(root, home, "Maildir", "new", "1.mail"), "Subject: hallo\n\n");
          await cancelImportJob(sub.customer.actor, jobId, db);
        },
      });
      expect([state, home]).toEqual(["cancelled", expect.stringContaining(`m0=`)]);
      expect(fs.existsSync(path.join(root, home))).toBe(false);
      expect(await db.select().from(mailHomeRemovals)).toEqual([]);
    } finally {
      delete process.env.KONTOR_MAIL_ROOT;
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("keeps jobs within the tenant: another customer neither lists nor cancels one (404)", async () => {
    const { db, sub, stage } = await setUp();
    const other = await aCustomerWithPackage(db);
    const jobId = await stage();
    expect((await listImportJobs(sub.customer.actor, db)).map((j) => j.id)).toEqual([jobId]);
    expect(await listImportJobs(other.customer.actor, db)).toEqual([]);
    await expect(cancelImportJob(other.customer.actor, jobId, db)).rejects.toBeInstanceOf(NotFoundError);
    expect((await jobOf(db, jobId)).cancelRequested).toBe(false);
  });

  it("marks a job that was interrupted while staging as failed; nothing of it was applied", async () => {
    const { db, sub } = await setUp();
    const [row] = await db
      .insert(importJobs)
      .values({
        subscriptionId: sub.subscriptionId,
        resellerId: sub.reseller.id,
        customerId: sub.customer.id,
        actorKind: "user",
        actorId: sub.customer.userId,
        source: "test",
        sha256: "",
        state: "staging",
        total: 5,
        leaseUntil: new Date(Date.now() - 1),
      })
      .returning({ id: importJobs.id });
    expect(await resumeImportJobs(db, [row.id])).toEqual([row.id]);
    const job = await jobOf(db, row.id);
    expect([job.state, JSON.parse(job.error ?? "null")]).toEqual(["failed", { code: "import.jobs.interrupted" }]);
    expect(
      await firstRow(
        db
          .select()
          .from(importJobs)
          .where(and(eq(importJobs.id, row.id), eq(importJobs.state, "staging"))),
      ),
    ).toBeUndefined();
  });
});
