import "server-only";
import type { ImportJobItem } from "@/components/import/import-jobs";
import { type Db, getDb } from "@/db";
import type { Actor } from "@/lib/authz/actor";
import type { JobError } from "@/lib/services/import/import-job";
import { listImportJobs, resumeImportJobs } from "@/lib/services/import/job-control";
import { keptText } from "@/lib/services/import/report-text";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The latest import jobs with their state in the user's language. Showing them also resumes those
 * whose process went away (a restart): their lease has run out and the batches go on from here.
 */
export async function importJobItems(actor: Actor, t: Translate, db: Db = getDb()): Promise<ImportJobItem[]> {
  let jobs = await listImportJobs(actor, db);
  const active = jobs.filter((j) => ["staging", "running", "undoing"].includes(j.state)).map((j) => j.id);
  if (active.length && (await resumeImportJobs(db, active)).length) jobs = await listImportJobs(actor, db);
  return jobs.map((job) => {
    const counts = { applied: job.applied, total: job.total };
    let status: string;
    if (job.state === "done") status = t("import.applied", { count: job.total });
    else if (job.state === "failed") {
      const reason = job.error ? t(job.error.code, job.error.params ?? {}) : "";
      status = [t("import.jobs.failed", { reason, line: job.error?.line ?? 0 }), keptText(t, job.error)].filter(Boolean).join(" ");
    } else if (job.cancelRequested || job.state === "undoing")
      status = job.state === "cancelled" ? cancelled(t, job.error) : t("import.jobs.undoing", counts);
    else if (job.state === "cancelled") status = cancelled(t, job.error);
    else if (job.state === "staging") status = t("import.jobs.staging", counts);
    else status = t("import.jobs.running", counts);
    return {
      id: job.id,
      title: t("import.jobs.name", { id: job.id, lines: job.total }),
      status,
      applied: job.applied,
      total: job.total,
      active: ["staging", "running", "undoing"].includes(job.state),
      cancellable: ["staging", "running"].includes(job.state) && !job.cancelRequested,
    };
  });
}

/** "Abgebrochen": nothing applied, or what its undo had to leave. */
function cancelled(t: Translate, error: JobError | null) {
  return error?.kept?.length ? `${t("import.jobs.cancelledKept")} ${keptText(t, error)}` : t("import.jobs.cancelled");
}
