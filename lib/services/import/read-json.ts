import { createHash } from "node:crypto";
import { z } from "zod";
import { SPAM_ACTIONS } from "@/db/schema/mail-settings";
import { exportLines } from "./export-csv";
import type { ExportData } from "./export-data";
import type { ImportProblem } from "./problems";
import type { ImportFile } from "./import-file";
import {
  type ByteSource,
  chunksOf,
  csvLines,
  type CsvReadResult,
  type CsvRow,
  emptyCells,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_LINES,
  readImportCsv,
} from "./read-csv";

// Only the shape is checked here; every value is checked by the dry run as a CSV line would be.
const text = (max: number) => z.string().max(max);
const list = (max: number) => z.array(text(254)).max(max);
const replyShape = z
  .object({
    enabled: z.boolean(),
    subject: text(1000),
    body: text(20_000),
    startsOn: text(10).nullable(),
    endsOn: text(10).nullable(),
    intervalDays: z.number().int(),
  })
  .nullable()
  .default(null);
const mailboxShape = z.object({
  address: text(254),
  quotaMb: z.number().int().nonnegative().nullable(),
  enabled: z.boolean(),
  forwards: list(1000),
  passwordHash: text(1000).optional(),
  spamFilter: z
    .object({ enabled: z.boolean(), level: z.number().int(), action: z.enum(SPAM_ACTIONS) })
    .nullable()
    .default(null),
  senders: z.object({ block: list(1000), allow: list(1000) }).default({ block: [], allow: [] }),
  autoresponder: replyShape,
});
const exportShape = z.object({
  subscriptionId: z.number().int().optional(),
  domains: z.array(
    z.object({
      name: text(253),
      mailboxes: z.array(mailboxShape),
      aliases: z.array(z.object({ address: text(254), targets: list(1000) })),
      catchAll: text(254).nullable().default(null),
    }),
  ),
  mailAccounts: z
    .array(
      z.object({
        login: text(64),
        quotaMb: z.number().int().nonnegative().nullable(),
        enabled: z.boolean(),
        passwordHash: text(1000).optional(),
        addresses: list(100_000),
        autoresponder: replyShape,
      }),
    )
    .optional(),
});

/**
 * A JSON export (lib/services/import/export-data.ts) read back as the import's lines: the lines its
 * CSV form would have, numbered 1, 2, … in that order (a JSON file has no lines of its own to name).
 */
async function readExportJson(source: AsyncIterable<Uint8Array>): Promise<CsvReadResult> {
  const digest = createHash("sha256");
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  // The digest of what was read: an Idempotency-Key compares files by it, refused ones too.
  const refused = (code: string): CsvReadResult => ({
    rows: [],
    problems: [{ line: 0, code: `import.problems.${code}` }],
    sha256: digest.digest("hex"),
  });
  for await (const chunk of source) {
    bytes += chunk.length;
    if (bytes > MAX_IMPORT_BYTES) return refused("tooLarge");
    if (chunk.includes(0)) return refused("binary");
    digest.update(chunk);
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    return refused("jsonSyntax");
  }
  const shape = exportShape.safeParse(parsed);
  if (!shape.success) {
    const problem: ImportProblem = {
      line: 0,
      code: "import.problems.jsonShape",
      params: { path: shape.error.issues[0]?.path.join(".") ?? "" },
    };
    return { rows: [], problems: [problem], sha256: digest.digest("hex") };
  }
  const rows: CsvRow[] = exportLines(shape.data as ExportData).map((cells, i) => ({ line: i + 1, cells: { ...emptyCells(), ...cells } }));
  const problems: ImportProblem[] =
    rows.length > MAX_IMPORT_LINES ? [{ line: MAX_IMPORT_LINES + 1, code: "import.problems.tooManyLines" }] : [];
  return { rows: rows.slice(0, MAX_IMPORT_LINES), problems, sha256: digest.digest("hex") };
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
 * problems, its digest), and then read again line by line each time the planner walks it, so a CSV
 * file's lines are never all held at once. A JSON export is one document: it is parsed whole, once.
 */
export async function openImportFile(open: () => ByteSource): Promise<ImportFile> {
  const { json, bytes } = await sniffed(open());
  if (json) return await readExportJson(bytes);
  const digest = createHash("sha256");
  const problems: ImportProblem[] = [];
  // Only the problems and the digest are wanted here: each line is read and dropped.
  const lines = csvLines(bytes, { problems, digest });
  while (!(await lines.next()).done) continue;
  return { rows: () => csvLines(open(), { problems: [] }), problems, sha256: digest.digest("hex") };
}
