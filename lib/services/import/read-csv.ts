import { parse } from "csv-parse";
import { createHash } from "node:crypto";
import type { ImportProblem } from "./problems";

/** Larger uploads are refused before parsing; 100,000 typical lines are about 10 MB. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
export const MAX_IMPORT_LINES = 200_000;

/**
 * The file's columns; a file names the ones it uses (type and address at least). The last seven carry a
 * mailbox's settings (spam filter, autoresponder), so that an export is importable again.
 */
export const IMPORT_COLUMNS = [
  "type",
  "address",
  "password",
  "quota_mb",
  "enabled",
  "targets",
  "spam_level",
  "spam_action",
  "subject",
  "body",
  "starts_on",
  "ends_on",
  "interval_days",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * Cells taken exactly as written: a password may begin or end with a space, and an autoresponder's text
 * keeps its indentation. Their checks decide what to trim (the autoresponder schema trims the subject and
 * the body's end, readPassword a hash or keyword). Every other column is a name, number or keyword, and
 * spreadsheets pad those.
 */
const AS_WRITTEN: ReadonlySet<ImportColumn> = new Set(["password", "subject", "body"]);

/** One data line: its line number in the file and its cells by column (missing columns are ""). */
export type CsvRow = { line: number; cells: Record<ImportColumn, string> };

/** A line's cells with every column empty, to fill in (the CSV reader, PostfixAdmin, the JSON export). */
export function emptyCells(): Record<ImportColumn, string> {
  return Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ""])) as Record<ImportColumn, string>;
}

export type CsvReadResult = { rows: CsvRow[]; problems: ImportProblem[]; sha256: string };

/**
 * Reads an import file as a stream: bytes are checked (size, NUL bytes of a binary file, UTF-8)
 * while they arrive and handed on decoded, so nothing but the parsed rows is held. The first line
 * is the header (column names in any order, `,` or `;` as separator, as spreadsheets write it).
 * A file-level problem (binary, too large, broken encoding, bad header) ends the read; the rows
 * before it are returned so the report can still name what was read.
 */
export async function readImportCsv(input: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): Promise<CsvReadResult> {
  const source = "getReader" in input ? chunksOf(input) : input;
  const digest = createHash("sha256");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const problems: ImportProblem[] = [];
  const rows: CsvRow[] = [];
  let bytes = 0;
  let newlines = 0;
  // Set from the callbacks below; an object so the checks after the loop see their current values.
  const state: { text: string; parser: ReturnType<typeof parse> | null; header: (ImportColumn | null)[] | null } = {
    text: "",
    parser: null,
    header: null,
  };

  const fileProblem = (code: string, line = newlines + 1) => {
    problems.push({ line, code: `import.problems.${code}` });
  };

  const takeRecord = (record: string[], line: number) => {
    const header = state.header;
    if (!header) {
      const names = record.map((c) =>
        c
          .trim()
          .toLowerCase()
          .replace(/^\uFEFF/, ""),
      );
      const unknown = names.filter((n) => n && !(IMPORT_COLUMNS as readonly string[]).includes(n));
      if (unknown.length) problems.push({ line, code: "import.problems.unknownColumn", params: { column: unknown[0] } });
      if (!names.includes("type") || !names.includes("address")) problems.push({ line, code: "import.problems.headerMissing" });
      state.header = names.map((n) => ((IMPORT_COLUMNS as readonly string[]).includes(n) ? (n as ImportColumn) : null));
      return;
    }
    if (rows.length >= MAX_IMPORT_LINES) {
      if (rows.length === MAX_IMPORT_LINES) fileProblem("tooManyLines", line);
      return;
    }
    const cells = emptyCells();
    header.forEach((name, i) => {
      if (!name) return;
      const raw = record[i] ?? "";
      cells[name] = unneutralised(AS_WRITTEN.has(name) ? raw : raw.trim());
    });
    rows.push({ line, cells });
  };

  const startParser = (delimiter: string) => {
    const p = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, info: true });
    p.on("readable", () => {
      let item: { record: string[]; info: { lines: number } } | null;
      while ((item = p.read() as typeof item) !== null) takeRecord(item.record, item.info.lines);
    });
    return p;
  };

  const feed = (chunk: string) => {
    if (!state.parser) {
      state.text += chunk;
      const end = state.text.indexOf("\n");
      if (end < 0 && state.text.length < 64 * 1024) return;
      const first = end < 0 ? state.text : state.text.slice(0, end);
      state.parser = startParser((first.match(/;/g) ?? []).length > (first.match(/,/g) ?? []).length ? ";" : ",");
      state.parser.write(state.text);
      state.text = "";
      return;
    }
    state.parser.write(chunk);
  };

  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES) {
        fileProblem("tooLarge", 0);
        break;
      }
      if (chunk.includes(0)) {
        fileProblem("binary", 0);
        break;
      }
      digest.update(chunk);
      let decoded: string;
      try {
        decoded = decoder.decode(chunk, { stream: true });
      } catch {
        fileProblem("brokenEncoding");
        break;
      }
      for (let i = decoded.indexOf("\n"); i >= 0; i = decoded.indexOf("\n", i + 1)) newlines++;
      feed(decoded);
    }
    if (!problems.length) {
      try {
        feed(decoder.decode());
      } catch {
        fileProblem("brokenEncoding");
      }
    }
    // A file without a line break is still one header line: start the parser on what was kept.
    if (!state.parser && state.text) feed("\n");
    const p = state.parser;
    if (p) {
      await new Promise<void>((resolve) => {
        p.on("end", resolve);
        p.on("error", (e: Error & { lines?: number }) => {
          problems.push({ line: e.lines ?? newlines + 1, code: "import.problems.csvSyntax" });
          resolve();
        });
        p.end();
      });
    }
  } catch {
    fileProblem("csvSyntax");
  }
  if (!state.header && !problems.length) fileProblem("empty", 1);
  return { rows, problems, sha256: digest.digest("hex") };
}

/**
 * The export writes `'` before a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`); that
 * mark is taken off again, so a sender list entry `@example.com` or a text starting with `-` comes
 * back as it was. Nothing read here is ever evaluated, and every value is checked by the dry run.
 */
function unneutralised(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** A web stream (an uploaded File's) as the chunks it delivers. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
