import { parse } from "csv-parse";
import { createHash, type Hash } from "node:crypto";
import { Readable } from "node:stream";
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

/** Bytes of an import file as they arrive: a Node stream, an async generator, or a web stream (an upload). */
export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/** Where a read leaves what it learns besides the lines: the file's problems, and its digest when asked for. */
export type CsvReadSink = { problems: ImportProblem[]; digest?: Hash };

/** Reads a whole CSV file into memory: for small inputs (tests); large files go through csvLines (lib/services/import/import-file.ts). */
export async function readImportCsv(input: ByteSource): Promise<CsvReadResult> {
  const digest = createHash("sha256");
  const problems: ImportProblem[] = [];
  const rows: CsvRow[] = [];
  for await (const row of csvLines(input, { problems, digest })) rows.push(row);
  return { rows, problems, sha256: digest.digest("hex") };
}

/**
 * An import file's bytes as text, checked as they arrive: size, NUL bytes (a binary file) and UTF-8.
 * A problem ends the text (`whole`: it concerns the file, not a line); the digest takes every byte read.
 * The CSV reader and the JSON export's reader (lib/services/import/json-lines.ts) both read through it.
 */
export async function* checkedText(
  source: AsyncIterable<Uint8Array>,
  sink: CsvReadSink,
  refuse: (code: string, whole: boolean) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  for await (const chunk of source) {
    bytes += chunk.length;
    const refused = bytes > MAX_IMPORT_BYTES ? "tooLarge" : chunk.includes(0) ? "binary" : null;
    if (refused) {
      refuse(refused, true);
      return;
    }
    sink.digest?.update(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      refuse("brokenEncoding", false);
      return;
    }
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    refuse("brokenEncoding", false);
  }
}

/**
 * Reads an import file as a stream, one data line at a time: bytes are checked (size, NUL bytes of a
 * binary file, UTF-8) while they arrive and handed on decoded, and each line is yielded as soon as it
 * is parsed, so a file of any length holds only the line at hand. The first line is the header (column
 * names in any order, `,` or `;` as separator, as spreadsheets write it). A file-level problem (binary,
 * too large, broken encoding, bad header) ends the read; the lines before it are yielded all the same
 * so the report can still name what was read. Reading the same bytes again yields the same lines.
 */
export async function* csvLines(input: ByteSource, sink: CsvReadSink): AsyncGenerator<CsvRow> {
  const source = "getReader" in input ? chunksOf(input) : input;
  const problems = sink.problems;
  let newlines = 0;
  const fileProblem = (code: string, line = newlines + 1) => {
    problems.push({ line, code: `import.problems.${code}` });
  };

  async function* decoded(): AsyncGenerator<string> {
    for await (const text of checkedText(source, sink, (code, whole) => fileProblem(code, whole ? 0 : undefined))) {
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines++;
      yield text;
    }
  }

  const text = decoded();
  let header: (ImportColumn | null)[] | null = null;
  try {
    // The separator is the one the header line uses more often: wait for that line (or 64 kB of it).
    let head = "";
    while (!head.includes("\n") && head.length < 64 * 1024) {
      const next = await text.next();
      if (next.done) break;
      head += next.value;
    }
    if (head) {
      const end = head.indexOf("\n");
      const first = end < 0 ? head : head.slice(0, end);
      const delimiter = (first.match(/;/g) ?? []).length > (first.match(/,/g) ?? []).length ? ";" : ",";
      const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, info: true });
      async function* all() {
        yield head;
        yield* text;
      }
      // A source that fails (a request cut off) fails the parse, which reports it; pipe alone would leave it waiting.
      Readable.from(all())
        .on("error", (error) => parser.destroy(error))
        .pipe(parser);
      let count = 0;
      try {
        for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          const { record, info } = item;
          if (!header) {
            header = readHeader(record, info.lines, problems);
            continue;
          }
          if (count >= MAX_IMPORT_LINES) {
            if (count++ === MAX_IMPORT_LINES) fileProblem("tooManyLines", info.lines);
            continue;
          }
          count++;
          const cells = emptyCells();
          header.forEach((name, i) => {
            if (!name) return;
            const raw = record[i] ?? "";
            cells[name] = unneutralised(AS_WRITTEN.has(name) ? raw : raw.trim());
          });
          yield { line: info.lines, cells };
        }
      } catch (error) {
        problems.push({ line: (error as { lines?: number }).lines ?? newlines + 1, code: "import.problems.csvSyntax" });
      } finally {
        parser.destroy();
      }
    }
  } finally {
    await text.return(undefined);
  }
  if (!header && !problems.length) fileProblem("empty", 1);
}

/** The header line: the columns by position (null for one Kontor does not know, which is reported). */
function readHeader(record: string[], line: number, problems: ImportProblem[]): (ImportColumn | null)[] {
  const names = record.map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ""),
  );
  const unknown = names.filter((n) => n && !(IMPORT_COLUMNS as readonly string[]).includes(n));
  if (unknown.length) problems.push({ line, code: "import.problems.unknownColumn", params: { column: unknown[0] } });
  if (!names.includes("type") || !names.includes("address")) problems.push({ line, code: "import.problems.headerMissing" });
  return names.map((n) => ((IMPORT_COLUMNS as readonly string[]).includes(n) ? (n as ImportColumn) : null));
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
