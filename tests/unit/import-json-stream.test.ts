/**
 * A JSON export read as a stream (issue 24): records are taken one by one and each walk opens the file
 * again; problems name the file's own line (the export writes one record per line); broken JSON,
 * a record of the wrong shape, a binary or too large file are refused with their line and a clear
 * message; a formula in a name (CSV injection) is refused by the dry run as in a CSV file.
 */
import { describe, expect, it } from "vitest";
import { exportJsonChunks } from "@/lib/services/import/export-json";
import { partsOf } from "@/lib/services/import/export-csv";
import { MAX_IMPORT_BYTES } from "@/lib/services/import/read-csv";
import { openImportFile, readImportFile } from "@/lib/services/import/read-json";
import { dryRunImport } from "@/lib/services/import/run-import";
import { aCustomerWithPackage, emptyDb } from "../support/factories";

async function* bytesOf(text: string, size = 7) {
  // Small pieces: a record, a string and a multi-byte character may be cut anywhere.
  const all = new TextEncoder().encode(text);
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

const box = (address: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ address, quotaMb: 100, enabled: true, forwards: [], ...extra });

/** An export's text for one domain, one record per line, as lib/services/import/export-json.ts writes it. */
async function exportText(name: string, mailboxes: string[], aliases: string[] = []) {
  const data = {
    subscriptionId: 1,
    domains: [
      {
        name,
        catchAll: null,
        mailboxes: mailboxes.map((m) => JSON.parse(m) as never),
        aliases: aliases.map((a) => JSON.parse(a) as never),
      },
    ],
  };
  let text = "";
  for await (const chunk of exportJsonChunks({ subscriptionId: 1, parts: partsOf(data) })) text += chunk;
  return text;
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;

describe("a JSON export read as a stream", () => {
  it("walks the records again for each pass and names the file's own lines in the dry run's problems", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db, { package: { maxMailboxes: 10 } });
    const d = sub.domain.name;
    const text = await exportText(
      d,
      [box(`info@${d}`, { forwards: ["extern@example.net"] }), box(`anna@${d}`), box(`info@${d}`)],
      [JSON.stringify({ address: `kontakt@${d}`, targets: [`info@${d}`] })],
    );
    let opened = 0;
    const file = await openImportFile(() => (opened++, bytesOf(text)));
    expect(file.problems).toEqual([]);
    expect(typeof file.rows).toBe("function");
    const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, file.rows, file.problems, db);
    expect(opened).toBeGreaterThanOrEqual(3);
    const first = lineOf(text, `"address":"info@${d}"`);
    const again = text.lastIndexOf(`"address":"info@${d}"`);
    expect(report.problems).toEqual([
      { line: text.slice(0, again).split("\n").length, code: "import.problems.duplicateLine", params: { first } },
    ]);
    // The forward comes right after its mailbox, on the mailbox's line of the file.
    expect(report.rows.filter((r) => r.line === first).map((r) => r.kind)).toEqual(["mailbox", "forward"]);
    expect(report.rows.find((r) => r.kind === "alias")?.line).toBe(lineOf(text, `"kontakt@${d}"`));
    expect(report.rows.find((r) => r.kind === "domain")?.line).toBe(lineOf(text, `"name"`));
    // The same rows read whole.
    const whole = await readImportFile(bytesOf(text));
    const walked = [];
    for await (const r of (file.rows as () => AsyncIterable<unknown>)()) walked.push(r);
    expect(whole.rows).toEqual(walked);
  });

  it("refuses broken JSON with its line, a record of the wrong shape with its line and path, and a record before its domain's name", async () => {
    const broken = '{\n  "domains": [\n    {\n      "name": "a.example",\n      "mailboxes": [,]\n    }\n  ]\n}\n';
    expect((await readImportFile(bytesOf(broken))).problems).toEqual([{ line: 5, code: "import.problems.jsonSyntax" }]);
    const cut = await exportText("a.example", [box("info@a.example")]);
    const truncated = await readImportFile(bytesOf(cut.slice(0, cut.length - 12)));
    expect(truncated.problems.map((p) => p.code)).toEqual(["import.problems.jsonSyntax"]);
    expect(truncated.rows).toEqual([]);
    const trailing = await readImportFile(bytesOf(`${cut}\n{}\n`));
    expect(trailing.problems.map((p) => p.code)).toEqual(["import.problems.jsonSyntax"]);

    const wrong = await exportText("a.example", [box("info@a.example"), box("anna@a.example", { quotaMb: "viel" })]);
    expect((await readImportFile(bytesOf(wrong))).problems).toEqual([
      { line: lineOf(wrong, '"anna@'), code: "import.problems.jsonShape", params: { path: "domains.0.mailboxes.1.quotaMb" } },
    ]);
    const nameless = `{"domains": [{"mailboxes": [${box("info@a.example")}], "name": "a.example"}]}`;
    expect((await readImportFile(bytesOf(nameless))).problems).toEqual([
      { line: 1, code: "import.problems.jsonShape", params: { path: "domains.0.name" } },
    ]);
  });

  it("refuses a binary file and one above the size limit before parsing it", async () => {
    expect((await readImportFile(bytesOf('{"domains": [\u0000]}'))).problems).toEqual([{ line: 0, code: "import.problems.binary" }]);
    const mb = new TextEncoder().encode(`${" ".repeat(1024 * 1024 - 1)}\n`);
    async function* huge() {
      yield new TextEncoder().encode('{"domains": [');
      for (let i = 0; i <= MAX_IMPORT_BYTES / mb.length; i++) yield mb;
    }
    expect((await readImportFile(huge())).problems).toEqual([{ line: 0, code: "import.problems.tooLarge" }]);
  });

  it("refuses a formula in an address (CSV injection) in the dry run, with its line", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db);
    const d = sub.domain.name;
    const text = await exportText(d, [box(`=HYPERLINK("http://evil.example")@${d}`)]);
    const file = await readImportFile(bytesOf(text));
    expect(file.problems).toEqual([]);
    const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, file.rows, file.problems, db);
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([[lineOf(text, "=HYPERLINK"), "import.problems.addressInvalid"]]);
    expect(report.rows.filter((r) => r.kind === "mailbox")).toEqual([]);
  });
});
