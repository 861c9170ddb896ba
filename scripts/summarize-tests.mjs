// Prints the plain "N passed, N failed" line CI reads, from vitest's JSON report.
import fs from "node:fs";

const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, "utf8"));
// A file that fails to load has no failed tests of its own but must still count.
const failed = Math.max(report.numFailedTests, report.numFailedTestSuites);
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
