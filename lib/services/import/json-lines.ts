import { JSONParser } from "@streamparser/json";
import { z } from "zod";
import { SPAM_ACTIONS } from "@/db/schema/mail-settings";
import { type Line, partLines } from "./export-csv";
import type { ExportAlias, ExportMailbox } from "./export-data";
import { checkedText, type CsvReadSink, type CsvRow, emptyCells, MAX_IMPORT_LINES } from "./read-csv";

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
const aliasShape = z.object({ address: text(254), targets: list(1000) });
const accountShape = z.object({
  login: text(64),
  quotaMb: z.number().int().nonnegative().nullable(),
  enabled: z.boolean(),
  passwordHash: text(1000).optional(),
  addresses: list(100_000),
  autoresponder: replyShape,
});

/**
 * The records of a JSON export (lib/services/import/export-json.ts) the reader takes one by one; each
 * is dropped once its lines are made, so only the record at hand is held. The export's other members
 * (subscriptionId) are not needed to import it.
 */
const PATHS = ["$.domains.*.name", "$.domains.*.catchAll", "$.domains.*.mailboxes.*", "$.domains.*.aliases.*", "$.mailAccounts.*"];

/** A Kontor JSON export read as a stream: only its shape is checked here (file-level problems). */
type Shape = { success: true; lines: Line[] } | { success: false; path: (string | number)[] };

function shaped<T>(schema: z.ZodType<T>, value: unknown, at: (string | number)[], lines: (v: T) => Line[]): Shape {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { success: true, lines: lines(parsed.data) };
  return { success: false, path: [...at, ...(parsed.error.issues[0]?.path ?? []).map((p) => (typeof p === "symbol" ? "" : p))] };
}

/**
 * A JSON export read back as the import's lines, as the file arrives: the lines its CSV form would
 * have (a mailbox's forward and settings right after it; catch-alls last, when every address they may
 * name is declared). Each line carries the number of the file's line where its record ends; the
 * export writes one record per line, so a problem names the line of its mailbox or alias in the file.
 * Size, NUL bytes and UTF-8 are checked as the CSV reader does; broken JSON and a record of the wrong
 * shape end the read with their line and (for the shape) the record's path. The text is handed to
 * the parser a line at a time, so the line of a syntax error is known.
 */
export async function* jsonLines(source: AsyncIterable<Uint8Array>, sink: CsvReadSink): AsyncGenerator<CsvRow> {
  const problems = sink.problems;
  const fileProblem = (code: string, line: number, params?: Record<string, string>) => {
    problems.push({ line, code: `import.problems.${code}`, ...(params ? { params } : {}) });
  };
  const parser = new JSONParser({ paths: PATHS, keepStack: false });
  let fileLine = 1;
  let rows = 0;
  // Set by the parser's callbacks, so read through the object (a local would stay narrowed to false).
  const state = { failed: false, ended: false };
  let pending: CsvRow[] = [];
  // Catch-all lines wait for the end (one per domain, so few); each keeps its record's line.
  const later: CsvRow[] = [];
  // The domain whose name was read last: its records follow its name, as the export writes them.
  let named = -1;
  let name = "";
  const row = (cells: Line, line = fileLine): CsvRow => ({ line, cells: { ...emptyCells(), ...cells } });
  const take = (shape: Shape) => {
    if (!shape.success) {
      state.failed = true;
      fileProblem("jsonShape", fileLine, { path: shape.path.join(".") });
      return;
    }
    for (const cells of shape.lines) pending.push(row(cells));
  };
  parser.onValue = ({ value, key, stack }) => {
    if (state.failed) return;
    const domain = Number(stack[2]?.key ?? -1);
    const at = stack.slice(1).map((s) => s.key as string | number);
    if (stack.length === 3 && key === "name") {
      named = domain;
      take(
        shaped(text(253), value, [...at, "name"], (n) => {
          name = n;
          return [{ type: "domain", address: n }];
        }),
      );
    } else if (stack.length >= 3 && named !== domain) {
      state.failed = true;
      fileProblem("jsonShape", fileLine, { path: `domains.${domain}.name` });
    } else if (stack.length === 3 && key === "catchAll") {
      const line = fileLine;
      take(
        shaped(text(254).nullable(), value, [...at, "catchAll"], (target) => {
          if (target !== null) later.push(row({ type: "catch_all", address: name, targets: target }, line));
          return [];
        }),
      );
    } else if (typeof key !== "number") {
      state.failed = true;
      fileProblem("jsonShape", fileLine, { path: at.join(".") });
    } else if (stack.length === 4 && stack[3].key === "mailboxes") {
      take(shaped(mailboxShape, value, [...at, key], (m) => partLines({ kind: "mailboxes", mailboxes: [m as ExportMailbox] }, [])));
    } else if (stack.length === 4) {
      take(shaped(aliasShape, value, [...at, key], (a: ExportAlias) => partLines({ kind: "aliases", aliases: [a] }, [])));
    } else {
      take(shaped(accountShape, value, [...at, key], (a) => partLines({ kind: "accounts", accounts: [a] }, [])));
    }
  };
  const syntaxError = () => {
    if (!state.failed) fileProblem("jsonSyntax", fileLine);
    state.failed = true;
  };
  parser.onError = syntaxError;
  parser.onEnd = () => {
    state.ended = true;
  };
  const flush = function* () {
    for (const r of pending) {
      if (rows++ === MAX_IMPORT_LINES) {
        state.failed = true;
        fileProblem("tooManyLines", r.line);
        return;
      }
      yield r;
    }
    pending = [];
  };
  const feed = function* (chunk: string) {
    for (let from = 0; from < chunk.length && !state.failed;) {
      const nl = chunk.indexOf("\n", from);
      const to = nl < 0 ? chunk.length : nl + 1;
      if (state.ended && chunk.slice(from, to).trim()) syntaxError();
      else if (!state.ended) parser.write(chunk.slice(from, to));
      yield* flush();
      if (nl >= 0) fileLine++;
      from = to;
    }
  };
  const refuse = (code: string, whole: boolean) => {
    state.failed = true;
    fileProblem(code, whole ? 0 : fileLine);
  };
  for await (const text of checkedText(source, sink, refuse)) {
    yield* feed(text);
    if (state.failed) return;
  }
  if (state.failed) return;
  if (!state.ended) {
    fileProblem("jsonSyntax", fileLine);
    return;
  }
  pending = later;
  yield* flush();
}
