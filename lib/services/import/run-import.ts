import "server-only";
import { type Db, getDb } from "@/db";

import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { ValidationError } from "@/lib/errors";
import type { ImportJobState } from "@/db/schema";
import { type GeneratedPassword, jobError, type JobError, kickImportJob, runImportJob, stageImportJob } from "./import-job";
import type { StagedVacation } from "./import-steps";
import type { PasswordPlan } from "./plan-fields";
import type { ImportLines } from "./import-file";
import {
  emptyTally,
  type ImportPlan,
  type ImportTarget,
  loadImportTarget,
  type PlannedAction,
  planActions,
  type PlanTally,
} from "./plan-import";
import { type ImportProblem, MAX_REPORTED_PROBLEMS } from "./problems";

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
  /** The first MAX_REPORTED_PROBLEMS of them; weakHashCount counts them all. */
  weakHashes: WeakHash[];
  weakHashCount: number;
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

function previewRow(a: PlannedAction): PreviewRow {
  const base = { line: a.line, kind: a.kind, op: a.op };
  if (a.kind === "domain") return { ...base, name: a.name };
  if (a.kind === "mailbox" || a.kind === "mailAccount")
    return { ...base, name: a.address, ...passwordSource(a), quotaMb: a.quotaMb, enabled: a.enabled };
  if (a.kind === "spam") return { ...base, name: a.address, enabled: a.enabled, spamLevel: a.level, spamAction: a.action };
  if (a.kind === "autoresponder") return { ...base, name: a.address, enabled: a.enabled, subject: a.subject };
  // A catch-all line without a target switches it off: the preview says "disabled".
  if (a.kind === "catchAll" && !a.targets.length) return { ...base, name: a.address, enabled: false };
  return { ...base, name: a.address, targets: a.targets };
}

/**
 * The report, built as the plan's actions come: counts of every line, but only the first PREVIEW_ROWS
 * lines and the first MAX_REPORTED_PROBLEMS weak hashes kept, so a file of any length makes a report
 * of bounded size (the rest is "and K more").
 */
export function reportBuilder() {
  const counts = { create: 0, change: 0, unchanged: 0 };
  const weakHashes: WeakHash[] = [];
  const rows: PreviewRow[] = [];
  let weakHashCount = 0;
  let rowCount = 0;
  const weak = (w: WeakHash) => {
    if (weakHashCount++ < MAX_REPORTED_PROBLEMS) weakHashes.push(w);
  };
  return {
    add(a: PlannedAction) {
      counts[a.op]++;
      rowCount++;
      const login = a.kind === "mailbox" || a.kind === "mailAccount" ? a : null;
      if (login?.password.kind === "hash" && login.password.weak)
        weak({ line: a.line, address: login.address, scheme: login.password.scheme });
      if (login?.password.kind === "plaintext" && login.password.fromScheme)
        weak({ line: a.line, address: login.address, scheme: "PLAIN" });
      if (rows.length < PREVIEW_ROWS) rows.push(previewRow(a));
    },
    /** The report once the plan has ended; an alias of a loop (only aliases are: op create) is taken out again. */
    report(tally: PlanTally, fileProblems: ImportProblem[] = []): ImportReport {
      const shown = rows.filter((r) => !tally.looping.has(r.line));
      counts.create -= tally.looping.size;
      return {
        rows: shown,
        rowCount: rowCount - tally.looping.size,
        counts,
        problems: [...fileProblems, ...tally.problems].sort((x, y) => x.line - y.line),
        problemCount: fileProblems.length + tally.problemCount,
        weakHashes,
        weakHashCount,
      };
    },
  };
}

/** The report of a collected plan (its loops already taken out). */
export function reportOf(plan: ImportPlan, fileProblems: ImportProblem[] = []): ImportReport {
  const builder = reportBuilder();
  for (const a of plan.actions) builder.add(a);
  return builder.report({ problems: plan.problems, problemCount: plan.problemCount, looping: new Set() }, fileProblems);
}

/** Permission and tenant scope of an import target (NotFoundError for a foreign one). */
export async function checkImportTarget(actor: Actor, subscriptionId: number, db: Db = getDb()) {
  assertCan(actor, "import.manage");
  await loadImportTarget(db, actor, subscriptionId);
}

/** One walk of the plan into a report; `each` sees every action on the way (apply's check collects its mailboxes). */
async function checkLines(
  db: Db,
  target: ImportTarget,
  lines: ImportLines,
  fileProblems: ImportProblem[],
  each?: (a: PlannedAction) => void,
) {
  const builder = reportBuilder();
  const tally = emptyTally();
  for await (const a of planActions(db, target, lines, tally)) {
    builder.add(a);
    each?.(a);
  }
  return builder.report(tally, fileProblems);
}

/** The dry run: the report, nothing written; the file is walked line by line, never held whole. */
export async function dryRunImport(
  actor: Actor,
  subscriptionId: number,
  lines: ImportLines,
  fileProblems: ImportProblem[],
  db: Db = getDb(),
) {
  assertCan(actor, "import.manage");
  return await checkLines(db, await loadImportTarget(db, actor, subscriptionId), lines, fileProblems);
}

/** An out-of-office text brought along (PostfixAdmin's vacation table), for a mailbox of the import. */
export type ImportedVacation = Omit<StagedVacation, "line" | "kind">;

/**
 * Applies an import as a job (lib/services/import/import-job.ts): checked once more (a walk of the
 * file, as the dry run), refused before anything is written if any line has a problem, then planned
 * again line by line as it is staged, every password hashed, a batch of lines at a time (a line that
 * turns wrong between the two walks fails the staged job, and nothing is applied); then applied
 * in batches of IMPORT_BATCH lines, each its own transaction. A line that has become wrong since the
 * dry run fails the job, and the batches already applied are undone. With `background` the batches
 * run after this returns (the panel shows their progress); otherwise this waits for the end.
 * Generated passwords are returned once and never stored.
 */
export async function applyImport(
  actor: Actor,
  subscriptionId: number,
  lines: ImportLines,
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
  const target = await loadImportTarget(db, actor, subscriptionId);
  // Vacation texts only for mailboxes of this import, after all of its lines.
  const own = new Set<string>();
  const report = await checkLines(db, target, lines, fileProblems, (a) => {
    if (a.kind === "mailbox" && ctx.vacations?.length) own.add(a.address);
  });
  if (report.problemCount) throw new ImportRefused(report);
  const vacations: StagedVacation[] = (ctx.vacations ?? [])
    .filter((v) => own.has(v.email.toLowerCase()))
    .map((v) => ({ ...v, kind: "vacation", line: 0 }));
  const tally = emptyTally();
  const again = reportBuilder();
  async function* planned() {
    for await (const a of planActions(db, target, lines, tally)) {
      again.add(a);
      yield a;
    }
  }
  const { jobId, generated } = await stageImportJob(
    db,
    { target, total: report.rowCount, actions: planned(), valid: () => tally.problemCount === 0 },
    actor,
    { source: ctx.source ?? "csv", sha256: ctx.sha256 ?? "", ip: ctx.ip ?? null, vacations },
  );
  if (tally.problemCount) throw new ImportRefused(again.report(tally, fileProblems));
  if (ctx.background) {
    kickImportJob(jobId, db);
    return { report, generated, vacations: vacations.length, jobId, state: "running" };
  }
  const total = report.rowCount + vacations.length;
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
