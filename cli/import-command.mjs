// `kontor import <file> --subscription N [--apply]`: the panel's import through POST /api/v1/imports,
// the same service and the same report (its messages come from the server in the shell's language).
// Without --apply only the dry run; with it the job's progress is followed until it ends.
// `kontor export --subscription N`: GET /api/v1/subscriptions/{id}/export, the panel's download.
import fs from "node:fs";
import path from "node:path";
import { ApiError } from "./client.mjs";
import { T, client, format, need } from "./common.mjs";
import { printRows } from "./output.mjs";

const ENDED = ["done", "failed", "cancelled"];

function printReport(report) {
  for (const p of report.problems) process.stderr.write(`${T.importLine(p.line)}: ${p.message}\n`);
  for (const w of report.weakHashes) process.stderr.write(`${T.importLine(w.line)}: ${T.importWeakHash(w.address, w.scheme)}\n`);
  process.stdout.write(T.importCounts(report.counts) + "\n");
}

export const IMPORT_COMMANDS = {
  async import(values, [file]) {
    const path = need(file, "<file>");
    const subscription = need(values.subscription, "--subscription");
    // Read whole: the server takes at most 32 MB and refuses more itself.
    const body = fs.readFileSync(path);
    const type = body
      .subarray(0, 64)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart()
      .startsWith("{")
      ? "application/json"
      : "text/csv";
    const api = client();
    let json;
    try {
      ({ json } = await api.call("createImport", { query: { subscription, apply: values.apply ? "1" : undefined }, raw: { body, type } }));
    } catch (error) {
      // An apply refused for the file's problems is a 422 whose problem document carries the report.
      const report = error instanceof ApiError && error.status === 422 ? error.problem?.report : undefined;
      if (!report) throw error;
      printReport(report);
      throw new ApiError(422, { title: T.importProblems(report.problemCount) });
    }
    printReport(json.report);
    if (json.report.problemCount) throw new ApiError(422, { title: T.importProblems(json.report.problemCount) });
    if (!json.applied) {
      process.stdout.write(T.importChecked + "\n");
      return;
    }
    let job = json.job;
    while (!ENDED.includes(job.state)) {
      process.stderr.write(`${T.importProgress(job.applied, job.total)}\n`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      job = (await api.call("getImport", { params: { id: job.id } })).json;
    }
    if (job.state !== "done")
      throw new ApiError(409, { title: job.error ? `${T.importLine(job.error.line ?? 0)}: ${job.error.message}` : T.importCancelled });
    process.stdout.write(T.importDone(job.id, job.applied) + "\n");
    if (json.generatedPasswords.length) {
      process.stdout.write(T.importGenerated + "\n");
      printRows(json.generatedPasswords, ["address", "password"], { format: format(values) });
    }
  },
  async export(values) {
    const id = need(values.subscription, "--subscription");
    const query = { format: values.format, hashes: values.hashes ? "1" : undefined };
    const { bytes, length } = await client().call("exportSubscription", { params: { id }, query, download: true });
    // The server sends the whole file or a problem; a connection cut short is caught here.
    if (bytes.length !== length) throw new ApiError(502, { title: T.exportIncomplete(bytes.length, length) });
    if (!values.output || values.output === "-") {
      process.stdout.write(bytes);
      return;
    }
    // Written beside its place and renamed when whole: a hash export is readable by its owner only.
    const part = path.join(path.dirname(values.output), `.${path.basename(values.output)}.${process.pid}.part`);
    try {
      fs.writeFileSync(part, bytes, { mode: 0o600, flag: "wx" });
      fs.renameSync(part, values.output);
    } catch (error) {
      fs.rmSync(part, { force: true });
      throw error;
    }
    process.stderr.write(T.exportWritten(values.output, bytes.length) + "\n");
  },
};
