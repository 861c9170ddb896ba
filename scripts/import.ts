/**
 * Import from the command line: a CSV file of any size Kontor accepts (the panel takes 1 MB; the file is
 * read from disk again for each pass, never held whole), or a PostfixAdmin database (SQLite file,
 * MySQL/MariaDB dump, pg_dump's plain SQL or custom format, or a PostgreSQL database by its URL), into
 * one subscription, as a given admin, reseller or customer login. Without --apply it is the dry run; with it, the same checks and
 * then an import job applied in batches of 1,000 lines, each its own transaction, with its progress
 * printed. A job whose process died (killed, crashed) goes on with --resume <job> once its lease has
 * run out; --cancel <job> undoes what it applied. README "Moving in: import and PostfixAdmin
 * migration" shows the calls.
 *
 *   npm run import -- --subscription 3 --as admin@kontor.example --postfixadmin pfa.sqlite [--apply]
 *   npm run import -- --subscription 3 --as admin@kontor.example --postfixadmin postgres://pfa:…@db/postfix [--apply]
 *   npm run import -- --subscription 3 --as kunde@kontor.example --csv umzug.csv [--apply] [--lang en]
 *   npm run import -- --as kunde@kontor.example --resume 7 | --cancel 7
 */
import { eq } from "drizzle-orm";
// use-intl/core (next-intl's own core) has no React: the script runs outside Next, with the react-server condition.
import { createTranslator } from "use-intl/core";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { loadMessages } from "@/lib/i18n/load-messages";
import { isLocale } from "@/lib/i18n/locales";
import { PostfixAdminReadError, postfixAdminRows } from "@/lib/services/import/postfixadmin";
import { loadPostfixAdmin } from "@/lib/services/import/postfixadmin-pg";
import type { ImportProblem } from "@/lib/services/import/problems";
import { openImportFile } from "@/lib/services/import/read-json";
import { keptText } from "@/lib/services/import/report-text";
import type { ImportLines } from "@/lib/services/import/import-file";
import { jobError, runImportJob } from "@/lib/services/import/import-job";
import { cancelImportJob, listImportJobs } from "@/lib/services/import/job-control";
import {
  applyImport,
  dryRunImport,
  type ImportedVacation,
  ImportFailed,
  ImportRefused,
  type ImportReport,
} from "@/lib/services/import/run-import";
import { firstRow } from "@/db/rows";

const { values } = parseArgs({
  options: {
    subscription: { type: "string" },
    as: { type: "string" },
    csv: { type: "string" },
    postfixadmin: { type: "string" },
    apply: { type: "boolean", default: false },
    resume: { type: "string" },
    cancel: { type: "string" },
    lang: { type: "string", default: "de" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (!values.as) fail("--as <login e-mail of an admin, reseller or customer> is required");
const jobControl = values.resume ?? values.cancel;
const subscriptionId = Number(values.subscription);
if (!jobControl && (!Number.isInteger(subscriptionId) || subscriptionId <= 0)) fail("--subscription <id> is required");
if (!jobControl && !values.csv === !values.postfixadmin) fail("give exactly one of --csv <file> or --postfixadmin <file>");
const locale = isLocale(values.lang) ? values.lang : "de";
// Untyped keys: the report's problem codes are data (ImportProblem.code), not literals.
const translator = createTranslator({ locale, messages: loadMessages(locale) }) as unknown as (
  key: string,
  values?: Record<string, string | number>,
) => string;
const t = (key: string, params?: Record<string, string | number>) => translator(key, params);

const db = getDb();
const user = await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, values.as.toLowerCase())));
const actor = user && (await loadActor(db, "user", user.id));
if (!actor) fail(`no login ${values.as}`);

const progress = (applied: number, total: number, jobId: number) =>
  console.log(`job ${String(jobId)}: ${String(applied)}/${String(total)}`);

if (jobControl) {
  const jobId = Number(jobControl);
  if (!Number.isInteger(jobId) || jobId <= 0) fail("--resume/--cancel <job id>");
  try {
    // Within the login's scope (404 otherwise); a cancel also marks the job, then the run below undoes it.
    const job = (await listImportJobs(actor, db, 1000)).find((j) => j.id === jobId);
    if (!job) throw new NotFoundError();
    if (values.cancel) await cancelImportJob(actor, jobId, db);
    const state = await runImportJob(jobId, db, { afterBatch: (applied) => progress(applied, job.total, jobId) });
    const error = await jobError(db, jobId);
    const why = error ? [t(error.code, error.params), keptText(t, error)].filter(Boolean).join(" ") : "";
    console.log(`job ${String(jobId)}: ${state}${why ? ` (${why})` : ""}`);
    process.exit(state === "done" || state === "cancelled" ? 0 : 1);
  } catch (error) {
    fail(error instanceof ServiceError ? t(error.message) : error instanceof Error ? error.message : String(error));
  }
}

let rows: ImportLines;
let fileProblems: ImportProblem[] = [];
let labels = new Map<number, string>();
let vacations: ImportedVacation[] = [];
if (values.csv) {
  const file = values.csv;
  // Read again from disk for each walk (check, apply's staging): a file of any length is never held whole.
  const csv = await openImportFile(() => fs.createReadStream(file));
  rows = csv.rows;
  fileProblems = csv.problems;
} else {
  const pfa = postfixAdminRows(
    await loadPostfixAdmin(values.postfixadmin ?? "").catch((error: unknown) => {
      // A dump pg_restore cannot read, or no pg_restore: say so in the user's language, with pg_restore's own words.
      if (error instanceof PostfixAdminReadError) fail([t(error.message), error.detail].filter(Boolean).join("\n"));
      throw error;
    }),
  );
  rows = pfa.rows;
  labels = pfa.labels;
  console.log(`PostfixAdmin: ${rows.length} entries, ${pfa.vacations.length} vacation texts, ${pfa.skipped.length} skipped`);
  for (const s of pfa.skipped) console.log(`  skipped (${s.reason}): ${s.name}`);
  vacations = pfa.vacations;
}

const where = (line: number) => (labels.size ? `${t("import.line")} ${line} (${labels.get(line) ?? ""})` : `${t("import.line")} ${line}`);

function print(report: ImportReport) {
  console.log(`${t("import.ops.create")}: ${report.counts.create}, ${t("import.ops.change")}: ${report.counts.change}`);
  for (const p of report.problems) {
    const params = Object.fromEntries(Object.entries(p.params ?? {}).map(([k, v]) => [k, k === "reason" ? t(String(v)) : v]));
    console.log(`${where(p.line)}: ${t(p.code, params)}`);
  }
  if (report.problemCount > report.problems.length) console.log(t("import.more", { count: report.problemCount - report.problems.length }));
  for (const w of report.weakHashes) console.log(`${t("import.weakHashesTitle")}: ${where(w.line)} ${w.address} ${w.scheme}`);
  if (report.weakHashCount > report.weakHashes.length)
    console.log(t("import.more", { count: report.weakHashCount - report.weakHashes.length }));
}

try {
  if (!values.apply) {
    const report = await dryRunImport(actor, subscriptionId, rows, fileProblems, db);
    print(report);
    console.log(report.problemCount ? t("import.checkedProblems", { count: report.problemCount }) : t("import.checkedClean"));
    process.exit(report.problemCount ? 1 : 0);
  }
  const {
    report,
    generated,
    vacations: written,
  } = await applyImport(
    actor,
    subscriptionId,
    rows,
    fileProblems,
    { ip: "cli", source: values.csv ? "cli-csv" : "postfixadmin", vacations, onProgress: progress },
    db,
  );
  print(report);
  console.log(t("import.applied", { count: report.rowCount }));
  if (vacations.length) console.log(`vacation texts imported as autoresponders: ${written} of ${vacations.length}`);
  // Shown once, here only: nothing stores them.
  if (generated.length) console.log(["address,password", ...generated.map((g) => `${g.address},${g.password}`)].join("\n"));
} catch (error) {
  if (error instanceof ImportFailed) {
    const reason = error.reason ? t(error.reason.code, error.reason.params) : "";
    // "nothing was applied" is only true when the undo could take everything back.
    if (error.reason?.kept?.length)
      fail(`${t("import.jobs.failed", { reason, line: error.reason.line ?? 0 })} ${keptText(t, error.reason)}`);
    fail(`${t("import.jobs.gone")} ${reason}`);
  }
  if (error instanceof ImportRefused) {
    print(error.report);
    console.log(t("import.checkedProblems", { count: error.report.problemCount }));
    process.exit(1);
  }
  fail(error instanceof ServiceError ? t(error.message) : error instanceof Error ? error.message : String(error));
}
