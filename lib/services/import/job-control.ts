import "server-only";
import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { firstRow } from "@/db/rows";
import { importJobs, importJobSteps, type ImportJobState } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { type JobError, kickImportJob } from "./import-job";

export type ImportJobView = {
  id: number;
  subscriptionId: number;
  state: ImportJobState;
  total: number;
  applied: number;
  cancelRequested: boolean;
  source: string;
  error: JobError | null;
  createdAt: Date;
};

const ACTIVE: ImportJobState[] = ["staging", "running", "undoing"];

const VIEW = {
  id: importJobs.id,
  subscriptionId: importJobs.subscriptionId,
  state: importJobs.state,
  total: importJobs.total,
  applied: importJobs.applied,
  cancelRequested: importJobs.cancelRequested,
  source: importJobs.source,
  error: importJobs.error,
  createdAt: importJobs.createdAt,
};

/** One import job within the actor's tenant scope (the API's progress); another tenant's is not found. */
export async function getImportJob(actor: Actor, jobId: number, db: Db = getDb()): Promise<ImportJobView> {
  assertCan(actor, "import.manage");
  const row = await firstRow(
    db
      .select(VIEW)
      .from(importJobs)
      .where(and(eq(importJobs.id, jobId), tenantScope(actor, importJobs))),
  );
  if (!row) throw new NotFoundError();
  return { ...row, error: row.error ? (JSON.parse(row.error) as JobError) : null };
}

/** The latest import jobs within the actor's tenant scope, newest first, for the panel's progress list. */
export async function listImportJobs(actor: Actor, db: Db = getDb(), limit = 5): Promise<ImportJobView[]> {
  assertCan(actor, "import.manage");
  const rows = await db.select(VIEW).from(importJobs).where(tenantScope(actor, importJobs)).orderBy(desc(importJobs.id)).limit(limit);
  return rows.map((r) => ({ ...r, error: r.error ? (JSON.parse(r.error) as JobError) : null }));
}

/**
 * "Abbrechen": the job stops after its current batch and undoes the batches applied so far. A job of
 * another tenant is not found; a finished one stays as it is. A job nobody runs any more (its process
 * died) is undone by whoever resumes it: the panel's page, or `npm run import -- --cancel`.
 */
export async function cancelImportJob(actor: Actor, jobId: number, db: Db = getDb()) {
  assertCan(actor, "import.manage");
  const job = await firstRow(
    db
      .select({ id: importJobs.id, state: importJobs.state })
      .from(importJobs)
      .where(and(eq(importJobs.id, jobId), tenantScope(actor, importJobs))),
  );
  if (!job) throw new NotFoundError();
  await db
    .update(importJobs)
    .set({ cancelRequested: true, updatedAt: new Date() })
    .where(and(eq(importJobs.id, jobId), inArray(importJobs.state, ["staging", "running"])));
}

/**
 * Jobs whose process went away (crash, restart, a killed CLI) continue here once their lease has run
 * out: applying or undoing goes on from the last committed batch. A job that was still staging
 * cannot go on (its plaintext passwords were never kept), so it fails; nothing of it reached the
 * mail system. Called when the import page is shown and by `npm run import -- --resume`.
 */
export async function resumeImportJobs(db: Db = getDb(), only?: number[]): Promise<number[]> {
  const stale = await db
    .select({ id: importJobs.id, state: importJobs.state })
    .from(importJobs)
    .where(
      and(
        inArray(importJobs.state, ACTIVE),
        or(isNull(importJobs.leaseUntil), lt(importJobs.leaseUntil, new Date())),
        only ? inArray(importJobs.id, only) : undefined,
      ),
    );
  for (const job of stale) {
    if (job.state === "staging") {
      await db.delete(importJobSteps).where(eq(importJobSteps.jobId, job.id));
      await db
        .update(importJobs)
        .set({ state: "failed", error: JSON.stringify({ code: "import.jobs.interrupted" }), updatedAt: new Date() })
        .where(and(eq(importJobs.id, job.id), eq(importJobs.state, "staging")));
    } else kickImportJob(job.id, db);
  }
  return stale.map((j) => j.id);
}
