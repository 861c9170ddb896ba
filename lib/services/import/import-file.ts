import type { ImportProblem } from "./problems";
import type { CsvRow } from "./read-csv";

/**
 * The lines the planner walks, as often as it needs (the dry run, then apply's check and its staging):
 * an array (PostfixAdmin's tables, a JSON export, tests), or a file read again from its start on each
 * call, so that a 100,000-line CSV file is never held as rows (lib/services/import/read-json.ts).
 */
export type ImportLines = readonly CsvRow[] | (() => AsyncIterable<CsvRow>);

/** An import file as the services take it: its lines, its file-level problems, and its SHA-256. */
export type ImportFile = { rows: ImportLines; problems: ImportProblem[]; sha256: string };

/** Each line in order, from either form. */
export async function* eachLine(lines: ImportLines): AsyncGenerator<CsvRow> {
  if (typeof lines === "function") yield* lines();
  else yield* lines;
}
