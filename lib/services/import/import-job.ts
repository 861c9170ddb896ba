import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { firstRow, onlyRow } from "@/db/rows";
import { domains, importJobs, importJobSteps, type ImportJobState, type PrincipalKind } from "@/db/schema";
import { transaction } from "@/db/transaction";
import { hashPassword } from "@/lib/auth/password-hash";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { ServiceError } from "@/lib/errors";
import { removeMailHomesSafely } from "@/lib/mail/mail-home-removals";
import { removeMailboxSieve, syncMailAccountSieveSafely, syncMailboxSieveSafely } from "@/lib/mail/sieve/sync";
import { generatePassword } from "@/lib/password/generate";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { applyStep, ImportConflict, type SieveEffect, type StagedAction, type StepUndo, undoStep } from "./import-steps";
import { countIn, type ImportTarget, loadImportTarget, type PlannedAction } from "./plan-import";

/** Lines per transaction: short enough that other writers wait milliseconds, not the whole file. */
export const IMPORT_BATCH = 1000;
/** A running job renews this lease with every batch; one whose lease ran out is resumed by anyone. */
const LEASE_MS = 60_000;

export type GeneratedPassword = { address: string; password: string };
/** Why a job failed (an i18n key, its line); `kept`: domains its undo had to leave (see keptDomains). */
export type JobError = { code: string; line?: number; params?: Record<string, string | number>; kept?: string[] };
type JobRow = typeof importJobs.$inferSelect;

const lease = () => new Date(Date.now() + LEASE_MS);

/**
 * What a job is staged from: the plan's actions as they come (a walk of the file, or an array), their
 * number as the check counted them, and, for a walk, whether it ended without a problem.
 */
export type Staging = {
  target: ImportTarget;
  actions: readonly PlannedAction[] | AsyncIterable<PlannedAction>;
  total?: number;
  valid?: () => boolean;
};

/**
 * Writes a planned import as a job: its lines, a batch at a time as they come, with every password
 * hashed now (plaintext is never stored; generated passwords are returned once, here). Staging writes
 * nothing the mail system sees, so a crash while staging only leaves a job that resumeImportJobs marks
 * as failed, and a walk that found a problem after all leaves a failed job and nothing applied.
 */
export async function stageImportJob(
  db: Db,
  plan: Staging,
  who: { kind: PrincipalKind; id: number },
  extra: { source: string; sha256: string; ip: string | null; vacations: StagedAction[] },
  batch = IMPORT_BATCH,
): Promise<{ jobId: number; generated: GeneratedPassword[] }> {
  const { target } = plan;
  const expected = (plan.total ?? ("length" in plan.actions ? plan.actions.length : 0)) + extra.vacations.length;
  const job = await onlyRow(
    db
      .insert(importJobs)
      .values({
        subscriptionId: target.subscriptionId,
        resellerId: target.resellerId,
        customerId: target.customerId,
        actorKind: who.kind,
        actorId: who.id,
        source: extra.source,
        sha256: extra.sha256,
        ip: extra.ip,
        state: "staging",
        total: expected,
        leaseUntil: lease(),
      })
      .returning({ id: importJobs.id }),
  );
  const record = { ...target, id: job.id, source: extra.source, total: expected, ip: extra.ip };
  const generated: GeneratedPassword[] = [];
  let staged = 0;
  let hashed = 0;
  const stage = async (actions: (PlannedAction | StagedAction)[]): Promise<boolean> => {
    const rows: StagedAction[] = [];
    for (const a of actions) {
      if (a.kind !== "mailbox" && a.kind !== "mailAccount") {
        rows.push(a);
        continue;
      }
      const { password, ...rest } = a as Extract<PlannedAction, { kind: "mailbox" | "mailAccount" }>;
      let hash: string | null = null;
      if (password.kind === "generate") {
        const clear = generatePassword();
        generated.push({ address: a.address, password: clear });
        hash = await hashPassword(clear);
      } else if (password.kind === "plaintext") hash = await hashPassword(password.password);
      else if (password.kind === "hash") hash = password.stored;
      rows.push({ ...rest, hash });
      // argon2 takes its time: keep the lease while hashing, or the job would count as abandoned.
      if (++hashed % 100 === 0) await db.update(importJobs).set({ leaseUntil: lease() }).where(eq(importJobs.id, job.id));
    }
    const from = staged;
    staged += rows.length;
    return await transaction(db, async (tx) => {
      const now = await firstRow(
        tx.select({ cancel: importJobs.cancelRequested, state: importJobs.state }).from(importJobs).where(eq(importJobs.id, job.id)),
      );
      if (!now || now.cancel || now.state !== "staging") return false;
      await tx.insert(importJobSteps).values(rows.map((action, i) => ({ jobId: job.id, seq: from + i, action })));
      await tx.update(importJobs).set({ leaseUntil: lease(), updatedAt: new Date() }).where(eq(importJobs.id, job.id));
      return true;
    });
  };
  const cancelled = async () => {
    await finish(db, record, "cancelled", null);
    return { jobId: job.id, generated: [] };
  };
  // The plan's lines as they come, then the vacation texts: a batch at a time.
  async function* everything() {
    yield* plan.actions;
    yield* extra.vacations;
  }
  let pending: (PlannedAction | StagedAction)[] = [];
  for await (const a of everything()) {
    pending.push(a);
    if (pending.length < batch) continue;
    if (!(await stage(pending))) return await cancelled();
    pending = [];
  }
  if (pending.length && !(await stage(pending))) return await cancelled();
  if (plan.valid && !plan.valid()) {
    await finish(db, { ...record, total: staged }, "failed", null, { code: "import.refused" });
    return { jobId: job.id, generated: [] };
  }
  const started = await db
    .update(importJobs)
    .set({ state: "running", total: staged, leaseUntil: null, updatedAt: new Date() })
    .where(and(eq(importJobs.id, job.id), eq(importJobs.state, "staging"), eq(importJobs.cancelRequested, false)))
    .returning({ id: importJobs.id });
  if (!started.length) return await cancelled();
  return { jobId: job.id, generated };
}

/**
 * Domains an undone job had created that are still there: undo keeps a domain in which someone else
 * created something meanwhile (lib/services/import/import-steps.ts), and the job's record says so.
 * Read in pages by position, as a job may have 100,000 lines.
 */
async function keptDomains(db: Db, jobId: number): Promise<string[]> {
  const ids: number[] = [];
  for (let last = -1; ;) {
    const steps = await db
      .select({ seq: importJobSteps.seq, undo: importJobSteps.undo })
      .from(importJobSteps)
      .where(and(eq(importJobSteps.jobId, jobId), gt(importJobSteps.seq, last)))
      .orderBy(asc(importJobSteps.seq))
      .limit(1000);
    if (!steps.length) break;
    last = steps[steps.length - 1].seq;
    for (const { undo } of steps) if ((undo as StepUndo)?.kind === "domain") ids.push((undo as { id: number }).id);
  }
  if (!ids.length) return [];
  const rows = await db.select({ name: domains.name }).from(domains).where(inArray(domains.id, ids)).orderBy(asc(domains.name));
  return rows.map((r) => r.name);
}

/**
 * Ends a job: its staged lines (hashes among them) go; the job row stays as the record the panel
 * shows, with what an undo had to leave (keptDomains). The audit entry is written in the same transaction.
 */
async function finish(
  db: Db,
  job: Pick<JobRow, "id" | "subscriptionId" | "resellerId" | "customerId" | "source" | "total" | "ip"> & { error?: string | null },
  state: ImportJobState,
  actor: Actor | null,
  error?: JobError,
) {
  const kept = state === "done" ? [] : await keptDomains(db, job.id);
  const before = error ?? (job.error ? (JSON.parse(job.error) as JobError) : null);
  const record = kept.length ? { ...(before ?? { code: "import.jobs.cancelledKept" }), kept } : error;
  await transaction(db, async (tx) => {
    await tx.delete(importJobSteps).where(eq(importJobSteps.jobId, job.id));
    await tx
      .update(importJobs)
      .set({ state, leaseUntil: null, updatedAt: new Date(), ...(record ? { error: JSON.stringify(record) } : {}) })
      .where(eq(importJobs.id, job.id));
    await writeAudit(tx, actor, {
      action: state === "done" ? "import.apply" : state === "failed" ? "import.failed" : "import.cancelled",
      targetKind: "subscription",
      targetId: job.subscriptionId,
      resellerId: job.resellerId,
      customerId: job.customerId,
      ip: job.ip,
      details: { job: job.id, source: job.source, lines: job.total, ...(kept.length ? { domains: kept.join(", ") } : {}) },
    });
  });
}

/** Takes the job's lease if nobody holds it: only one process applies a job at a time. */
async function claim(db: Db, jobId: number): Promise<boolean> {
  const now = new Date();
  const rows = await db
    .update(importJobs)
    .set({ leaseUntil: lease() })
    .where(
      and(
        eq(importJobs.id, jobId),
        inArray(importJobs.state, ["running", "undoing"]),
        or(isNull(importJobs.leaseUntil), lt(importJobs.leaseUntil, now)),
      ),
    )
    .returning({ id: importJobs.id });
  return rows.length === 1;
}

async function applySieve(db: Db, effects: SieveEffect[]) {
  for (const id of new Set(effects.flatMap((e) => (e.sync === undefined ? [] : [e.sync])))) await syncMailboxSieveSafely(db, id);
  for (const e of effects) if (e.remove) removeMailboxSieve(e.remove);
  for (const e of effects) if (e.account) await syncMailAccountSieveSafely(db, e.account);
  const homes = effects.flatMap((e) => (e.home ? [e.home] : []));
  if (homes.length) await removeMailHomesSafely(db, homes);
}

function overLimit(target: ImportTarget, used: Awaited<ReturnType<typeof countIn>>): string | null {
  const over = (max: number | null, n: number) => max !== null && n > max;
  if (over(target.limits.maxDomains, used.domains)) return "domainLimit";
  if (over(target.limits.maxMailboxes, used.mailboxes)) return "mailboxLimit";
  if (over(target.limits.maxAliases, used.aliases)) return "aliasLimit";
  if (over(target.limits.maxForwards, used.forwards)) return "forwardLimit";
  return null;
}

const LIMIT_OF: Record<string, keyof ImportTarget["limits"]> = {
  domainLimit: "maxDomains",
  mailboxLimit: "maxMailboxes",
  aliasLimit: "maxAliases",
  forwardLimit: "maxForwards",
};

/** One batch forward: its lines, their undo records and the new position in one transaction. */
async function applyBatch(db: Db, job: JobRow, target: ImportTarget, batch: number): Promise<SieveEffect[]> {
  const effects: SieveEffect[] = [];
  await transaction(
    db,
    async (tx) => {
      const steps = await tx
        .select()
        .from(importJobSteps)
        .where(and(eq(importJobSteps.jobId, job.id), gte(importJobSteps.seq, job.applied), lt(importJobSteps.seq, job.applied + batch)))
        .orderBy(asc(importJobSteps.seq));
      let line = 0;
      for (const step of steps) {
        const action = step.action as StagedAction;
        line = action.line;
        const { undo, sieve } = await applyStep(tx, target, action);
        await tx
          .update(importJobSteps)
          .set({ undo })
          .where(and(eq(importJobSteps.jobId, job.id), eq(importJobSteps.seq, step.seq)));
        if (sieve) effects.push(sieve);
      }
      const limit = overLimit(target, await countIn(tx, target));
      if (limit) throw new ImportConflict(line, limit, { max: target.limits[LIMIT_OF[limit]] ?? 0 });
      await tx
        .update(importJobs)
        .set({ applied: job.applied + steps.length, leaseUntil: lease(), updatedAt: new Date() })
        .where(and(eq(importJobs.id, job.id), eq(importJobs.applied, job.applied)));
    },
    { behavior: "immediate" },
  );
  return effects;
}

/** One batch back, last line first; the position moves back with it in the same transaction. */
async function undoBatch(db: Db, job: JobRow, batch: number): Promise<SieveEffect[]> {
  const effects: SieveEffect[] = [];
  const from = Math.max(0, job.applied - batch);
  await transaction(
    db,
    async (tx) => {
      const steps = await tx
        .select({ undo: importJobSteps.undo })
        .from(importJobSteps)
        .where(and(eq(importJobSteps.jobId, job.id), gte(importJobSteps.seq, from), lt(importJobSteps.seq, job.applied)))
        .orderBy(desc(importJobSteps.seq));
      for (const step of steps) {
        const effect = await undoStep(tx, job, step.undo as StepUndo);
        if (effect) effects.push(effect);
      }
      await tx.update(importJobs).set({ applied: from, leaseUntil: lease(), updatedAt: new Date() }).where(eq(importJobs.id, job.id));
    },
    { behavior: "immediate" },
  );
  return effects;
}

/**
 * Applies a job batch by batch until it is done, or undoes what it applied when it is cancelled or a
 * line fails; resumable at any point, since the position is committed with each batch. Between
 * batches the event loop is free, so the panel and Dovecot's queries go on. `afterBatch` lets a test
 * cancel or stop the run midway. Answers the state it left the job in.
 */
export async function runImportJob(
  jobId: number,
  db: Db = getDb(),
  opts: { batch?: number; afterBatch?: (applied: number) => unknown } = {},
): Promise<ImportJobState> {
  const batch = opts.batch ?? IMPORT_BATCH;
  if (!(await claim(db, jobId))) return (await firstRow(db.select().from(importJobs).where(eq(importJobs.id, jobId))))?.state ?? "failed";
  for (;;) {
    const job = await firstRow(db.select().from(importJobs).where(eq(importJobs.id, jobId)));
    if (!job) return "failed";
    if (job.state === "running") {
      if (job.cancelRequested) {
        await db.update(importJobs).set({ state: "undoing", updatedAt: new Date() }).where(eq(importJobs.id, jobId));
        continue;
      }
      const actor = await loadActor(db, job.actorKind as PrincipalKind, job.actorId);
      let effects: SieveEffect[];
      try {
        // The starter's current rights: one who lost them meanwhile gets the job undone, not finished.
        if (!actor) throw new ImportConflict(0, "starterGone");
        const target = await loadImportTarget(db, actor, job.subscriptionId);
        if (job.applied >= job.total) {
          await finish(db, job, "done", actor);
          return "done";
        }
        effects = await applyBatch(db, job, target, batch);
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error; // a crash: the lease runs out and the job is resumed
        const failure: JobError =
          error instanceof ImportConflict ? { code: error.message, line: error.line, params: error.params } : { code: error.message };
        await db
          .update(importJobs)
          .set({ state: "undoing", error: JSON.stringify(failure), updatedAt: new Date() })
          .where(eq(importJobs.id, jobId));
        continue;
      }
      await applySieve(db, effects);
    } else if (job.state === "undoing") {
      if (job.applied <= 0) {
        const state = job.error ? "failed" : "cancelled";
        await finish(db, job, state, (await loadActor(db, job.actorKind as PrincipalKind, job.actorId)) ?? null);
        return state;
      }
      await applySieve(db, await undoBatch(db, job, batch));
    } else return job.state;
    const fresh = await firstRow(db.select({ applied: importJobs.applied }).from(importJobs).where(eq(importJobs.id, jobId)));
    if ((await opts.afterBatch?.(fresh?.applied ?? 0)) === "stop") return "running";
    // Other requests' turn before the next batch takes the write lock again.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Starts a job's batches without waiting for them (the panel's apply); a crash is left to resumeImportJobs. */
export function kickImportJob(jobId: number, db: Db = getDb()) {
  void runImportJob(jobId, db).catch((error: unknown) => {
    // Name and code only: a failed query's message carries its parameters, hashes among them.
    const code = (error as { code?: unknown } | null)?.code;
    const what = `${error instanceof Error ? error.name : "unknown"} ${typeof code === "string" || typeof code === "number" ? String(code) : ""}`;
    console.error(`import job ${String(jobId)} stopped (${what.trim()}); it resumes when its lease has run out`);
  });
}

/** Why a job failed, as recorded; null for one that did not. */
export async function jobError(db: Db, jobId: number): Promise<JobError | null> {
  const row = await firstRow(db.select({ error: importJobs.error }).from(importJobs).where(eq(importJobs.id, jobId)));
  return row?.error ? (JSON.parse(row.error) as JobError) : null;
}
