// Prints the plain "N passed, N failed" line CI reads, from vitest's JSON reports: one argument per
// pass, "label:file" (or a bare file). Each pass gets its own line; the last line is the total.
import fs from "node:fs";

const passes = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf(":");
  return at > 0 && !arg.startsWith("/") ? { label: arg.slice(0, at), file: arg.slice(at + 1) } : { label: "", file: arg };
});
const total = { passed: 0, failed: 0, skipped: 0 };
const line = (t) => `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}`;
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
  }
  if (passes.length > 1) console.log(`${label || file}: ${line(t)}`);
  for (const k of Object.keys(total)) total[k] += t[k];
}
console.log(line(total));
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
