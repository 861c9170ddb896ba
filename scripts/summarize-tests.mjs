// Prints the plain "N passed, N failed" line CI reads, from vitest's JSON reports: one argument per
// pass, "label:file" (or a bare file). Each pass gets its own line; the last line is the total.
// Failed tests are named above those lines (file, test, first line of the error), because CI keeps
// only the end of the output and a count alone does not say what to fix.
import fs from "node:fs";

const passes = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf(":");
  return at > 0 && !arg.startsWith("/") ? { label: arg.slice(0, at), file: arg.slice(at + 1) } : { label: "", file: arg };
});
const total = { passed: 0, failed: 0, skipped: 0 };
const line = (t) => `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}`;
// eslint-disable-next-line no-control-regex -- strips the terminal colours vitest puts into messages
const plain = (text) => String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "");
const firstLine = (text) => plain(text).trim().split("\n")[0].slice(0, 300);
const relative = (file) => file.replace(`${process.cwd()}/`, "");

function failuresOf(report) {
  const found = [];
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of failedTests) {
      found.push(`${relative(file.name)} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
    // A file that fails to load (or in a hook) has no failed test of its own, only a message.
    if (file.status === "failed" && failedTests.length === 0) {
      found.push(`${relative(file.name)} (the file): ${firstLine(file.message)}`);
    }
  }
  return found;
}

const summaries = [];
for (const { label, file } of passes) {
  // A pass without a report did not run to the end: it counts as a failure.
  let t = { passed: 0, failed: 1, skipped: 0 };
  if (fs.existsSync(file)) {
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    // A file that fails to load has no failed tests of its own but must still count.
    t = {
      passed: report.numPassedTests,
      failed: Math.max(report.numFailedTests, report.numFailedTestSuites),
      skipped: report.numPendingTests + report.numTodoTests,
    };
    const failures = failuresOf(report);
    if (failures.length) console.log(`${label || file}: failed\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
    // Written by tests/support/flaky-reporter.ts beside the JSON report.
    const flakyFile = file.replace(/\.json$/, ".flaky.txt");
    const flaky = fs.existsSync(flakyFile) ? fs.readFileSync(flakyFile, "utf8").split("\n").filter(Boolean) : [];
    if (flaky.length) console.log(`${label || file}: passed only on the retry\n${flaky.map((f) => `  ~ ${f}`).join("\n")}`);
  } else {
    console.log(`${label || file}: no report (the pass did not run to its end)`);
  }
  if (passes.length > 1) summaries.push(`${label || file}: ${line(t)}`);
  for (const k of Object.keys(total)) total[k] += t[k];
}
for (const summary of summaries) console.log(summary);
console.log(line(total));
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
