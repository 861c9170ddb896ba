import { createHash } from "node:crypto";
import { z } from "zod";
import { SPAM_ACTIONS } from "@/db/schema/mail-settings";
import { exportLines } from "./export-csv";
import type { ExportData } from "./export-data";
import type { ImportProblem } from "./problems";
import { chunksOf, type CsvReadResult, type CsvRow, emptyCells, MAX_IMPORT_BYTES, MAX_IMPORT_LINES, readImportCsv } from "./read-csv";

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

/**
 * An import file, CSV or a JSON export, told apart by its first character (`{` starts no CSV header).
 * Answers the same rows and problems either way.
 */
export async function readImportFile(input: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): Promise<CsvReadResult> {
  const source = "getReader" in input ? chunksOf(input) : input;
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* all() {
    for (let next = first; !next.done; next = await iterator.next()) yield next.value;
  }
  const head = first.done
    ? ""
    : new TextDecoder()
        .decode(first.value.subarray(0, 64))
        .replace(/^\uFEFF/, "")
        .trimStart();
  return head.startsWith("{") ? await readExportJson(all()) : await readImportCsv(all());
}
