import "server-only";
import { type Db, getDb } from "@/db";

import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { ValidationError } from "@/lib/errors";
import type { ImportJobState } from "@/db/schema";
import { type GeneratedPassword, jobError, type JobError, kickImportJob, runImportJob, stageImportJob } from "./import-job";
import type { StagedVacation } from "./import-steps";
import type { PasswordPlan } from "./plan-fields";
import { type ImportPlan, loadImportTarget, type PlannedAction, planImport } from "./plan-import";
import type { ImportProblem } from "./problems";
import type { CsvRow } from "./read-csv";

/** What the browser may see of a planned line: never a password or hash, only where it comes from. */
export type PreviewRow = {
  line: number;
  kind: PlannedAction["kind"];
  op: "create" | "change" | "unchanged";
  name: string;
  /** i18n key of the password's source (mailboxes), e.g. `import.password.hash`. */
  password?: string;
  scheme?: string;
  quotaMb?: number | null;
  enabled?: boolean;
  targets?: string[];
  spamLevel?: number;
  spamAction?: string;
  subject?: string;
};

export type WeakHash = { line: number; address: string; scheme: string };

export type ImportReport = {
  rows: PreviewRow[];
  /** Lines beyond the preview's length are counted, not listed. */
  rowCount: number;
  counts: Record<"create" | "change" | "unchanged", number>;
  problems: ImportProblem[];
  problemCount: number;
  weakHashes: WeakHash[];
};

export const PREVIEW_ROWS = 500;

function passwordSource(m: { password: PasswordPlan }): Pick<PreviewRow, "password" | "scheme"> {
  switch (m.password.kind) {
    case "keep":
      return { password: "import.passwordSource.keep" };
    case "generate":
      return { password: m.password.notInFile ? "import.passwordSource.keepNew" : "import.passwordSource.generate" };
    case "plaintext":
      return { password: m.password.fromScheme ? "import.passwordSource.plainScheme" : "import.passwordSource.plaintext" };
    case "hash":
      return { password: "import.passwordSource.hash", scheme: m.password.scheme };
  }
}

/** The report the dry run shows; the same for apply's answer. */
export function reportOf(plan: ImportPlan, fileProblems: ImportProblem[] = []): ImportReport {
  const counts = { create: 0, change: 0, unchanged: 0 };
  const weakHashes: WeakHash[] = [];
  const rows: PreviewRow[] = [];
  for (const a of plan.actions) {
    counts[a.op]++;
    const login = a.kind === "mailbox" || a.kind === "mailAccount" ? a : null;
    if (login?.password.kind === "hash" && login.password.weak)
      weakHashes.push({ line: a.line, address: login.address, scheme: login.password.scheme });
    if (login?.password.kind === "plaintext" && login.password.fromScheme)
      weakHashes.push({ line: a.line, address: login.address, scheme: "PLAIN" });
    if (rows.length >= PREVIEW_ROWS) continue;
    const base = { line: a.line, kind: a.kind, op: a.op };
    if (a.kind === "domain") rows.push({ ...base, name: a.name });
    else if (a.kind === "mailbox" || a.kind === "mailAccount")
      rows.push({ ...base, name: a.address, ...passwordSource(a), quotaMb: a.quotaMb, enabled: a.enabled });
    else if (a.kind === "spam") rows.push({ ...base, name: a.address, enabled: a.enabled, spamLevel: a.level, spamAction: a.action });
    else if (a.kind === "autoresponder") rows.push({ ...base, name: a.address, enabled: a.enabled, subject: a.subject });
    else rows.push({ ...base, name: a.address, targets: a.targets });
  }
  const problems = [...fileProblems, ...plan.problems].sort((x, y) => x.line - y.line);
  return {
    rows,
    rowCount: plan.actions.length,
    counts,
    problems,
    problemCount: fileProblems.length + plan.problemCount,
    weakHashes,
  };
}

/** Permission and tenant scope of an import target (NotFoundError for a foreign one). */
export async function checkImportTarget(actor: Actor, subscriptionId: number, db: Db = getDb()) {
  assertCan(actor, "import.manage");
  await loadImportTarget(db, actor, subscriptionId);
}

/** The dry run: the report, nothing written. */
export async function dryRunImport(actor: Actor, subscriptionId: number, rows: CsvRow[], fileProblems: ImportProblem[], db: Db = getDb()) {
  assertCan(actor, "import.manage");
  return reportOf(await planImport(db, actor, subscriptionId, rows), fileProblems);
}

/** An out-of-office text brought along (PostfixAdmin's vacation table), for a mailbox of the import. */
export type ImportedVacation = Omit<StagedVacation, "line" | "kind">;

/**
 * Applies an import as a job (lib/services/import/import-job.ts): planned once more, refused before
 * anything is written if any line has a problem, staged with every password hashed, then applied
 * in batches of IMPORT_BATCH lines, each its own transaction. A line that has become wrong since the
 * dry run fails the job, and the batches already applied are undone. With `background` the batches
 * run after this returns (the panel shows their progress); otherwise this waits for the end.
 * Generated passwords are returned once and never stored.
 */
export async function applyImport(
  actor: Actor,
  subscriptionId: number,
  rows: CsvRow[],
  fileProblems: ImportProblem[],
  ctx: {
    ip?: string | null;
    source?: string;
    sha256?: string;
    vacations?: ImportedVacation[];
    background?: boolean;
    /** Called after each batch with the lines applied so far (the CLI prints it). */
    onProgress?: (applied: number, total: number, jobId: number) => void;
  },
  db: Db = getDb(),
): Promise<{ report: ImportReport; generated: GeneratedPassword[]; vacations: number; jobId: number; state: ImportJobState }> {
  assertCan(actor, "import.manage");
  const plan = await planImport(db, actor, subscriptionId, rows);
  const report = reportOf(plan, fileProblems);
  if (report.problemCount) throw new ImportRefused(report);
  // Vacation texts only for mailboxes of this import, after all of its lines.
  const own = new Set(plan.actions.flatMap((a) => (a.kind === "mailbox" ? [a.address] : [])));
  const vacations: StagedVacation[] = (ctx.vacations ?? [])
    .filter((v) => own.has(v.email.toLowerCase()))
    .map((v) => ({ ...v, kind: "vacation", line: 0 }));
  const { jobId, generated } = await stageImportJob(db, plan, actor, {
    source: ctx.source ?? "csv",
    sha256: ctx.sha256 ?? "",
    ip: ctx.ip ?? null,
    vacations,
  });
  if (ctx.background) {
    kickImportJob(jobId, db);
    return { report, generated, vacations: vacations.length, jobId, state: "running" };
  }
  const total = plan.actions.length + vacations.length;
  const state = await runImportJob(jobId, db, { afterBatch: (applied) => ctx.onProgress?.(applied, total, jobId) });
  if (state !== "done") throw new ImportFailed(await jobError(db, jobId));
  return { report, generated, vacations: vacations.length, jobId, state };
}

/** An apply refused for problems in the file: carries the report that lists them. */
export class ImportRefused extends ValidationError {
  constructor(readonly report: ImportReport) {
    super("import.refused");
  }
}

/** An apply whose job failed and was undone: nothing of it stayed. Carries why (an i18n key and its line). */
export class ImportFailed extends ValidationError {
  constructor(readonly reason: JobError | null) {
    super(reason?.code ?? "import.jobs.gone");
  }
}
