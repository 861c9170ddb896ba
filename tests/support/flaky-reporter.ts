import fs from "node:fs";
import type { Reporter, TestCase } from "vitest/node";

/**
 * Writes the tests that failed first and passed on their retry (vitest.config.ts, `retry`) to the file
 * KONTOR_FLAKY_REPORT names, one line each with the first attempt's error, so that
 * scripts/summarize-tests.mjs names them at the end of the run: a retry lets a load-bound timing slip
 * through once, it must not hide that it happened.
 */
export default class FlakyReporter implements Reporter {
  private readonly lines: string[] = [];

  onTestCaseResult(testCase: TestCase) {
    if (!testCase.diagnostic()?.flaky) return;
    const firstError = testCase.result().errors?.[0]?.message?.split("\n")[0] ?? "";
    this.lines.push(`${testCase.module.relativeModuleId} > ${testCase.fullName}${firstError ? `: ${firstError}` : ""}`);
  }

  onTestRunEnd() {
    const file = process.env.KONTOR_FLAKY_REPORT;
    if (file) fs.writeFileSync(file, this.lines.map((line) => `${line}\n`).join(""));
  }
}
