import { createHash } from "node:crypto";
import type { ImportProblem } from "./problems";
import type { ImportFile } from "./import-file";
import { type ByteSource, chunksOf, csvLines, type CsvReadResult, type CsvRow, readImportCsv } from "./read-csv";
import { jsonLines } from "./json-lines";

/**
 * A JSON export (lib/services/import/export-data.ts) read back whole as the import's lines (small
 * files, tests): the same rows and problems as a walk of lib/services/import/json-lines.ts.
 */
async function readExportJson(source: AsyncIterable<Uint8Array>): Promise<CsvReadResult> {
  const digest = createHash("sha256");
  const problems: ImportProblem[] = [];
  const rows: CsvRow[] = [];
  for await (const row of jsonLines(source, { problems, digest })) rows.push(row);
  // The rows before a file-level problem are of no use: the import is refused either way.
  return { rows: problems.length ? [] : rows, problems, sha256: digest.digest("hex") };
}

/** A file's first chunk tells a JSON export (`{` starts no CSV header) from CSV; the bytes come back whole. */
async function sniffed(input: ByteSource): Promise<{ json: boolean; bytes: AsyncIterable<Uint8Array> }> {
  const source = "getReader" in input ? chunksOf(input) : input;
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* bytes() {
    for (let next = first; !next.done; next = await iterator.next()) yield next.value;
  }
  const head = first.done
    ? ""
    : new TextDecoder()
        .decode(first.value.subarray(0, 64))
        .replace(/^\uFEFF/, "")
        .trimStart();
  return { json: head.startsWith("{"), bytes: bytes() };
}

/** An import file read once into memory, CSV or a JSON export (small files, tests); the same rows and problems either way. */
export async function readImportFile(input: ByteSource): Promise<CsvReadResult> {
  const { json, bytes } = await sniffed(input);
  return json ? await readExportJson(bytes) : await readImportCsv(bytes);
}

/**
 * An import file that can be opened again (an upload's Blob, a file on disk): checked once here (its
 * problems, its digest), and then read again line by line each time the planner walks it, so neither a
 * CSV file's lines nor a JSON export's records are ever all held at once.
 */
export async function openImportFile(open: () => ByteSource): Promise<ImportFile> {
  const { json, bytes } = await sniffed(open());
  const read = json ? jsonLines : csvLines;
  const digest = createHash("sha256");
  const problems: ImportProblem[] = [];
  // Only the problems and the digest are wanted here: each line is read and dropped.
  const lines = read(bytes, { problems, digest });
  while (!(await lines.next()).done) continue;
  const bytesOf = (input: ByteSource) => ("getReader" in input ? chunksOf(input) : input);
  return { rows: () => read(bytesOf(open()), { problems: [] }), problems, sha256: digest.digest("hex") };
}
