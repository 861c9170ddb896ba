/**
 * Alias loops that only one file makes (a → b, b → a): the dry run names them on the line that
 * closes the loop, and apply writes nothing. The loop finder itself is checked on longer rings.
 */
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { firstRow } from "@/db/rows";
import { mailAliases } from "@/db/schema";
import { aliasLoops } from "@/lib/services/import/alias-loops";
import { readImportCsv } from "@/lib/services/import/read-csv";
import { applyImport, dryRunImport, ImportRefused } from "@/lib/services/import/run-import";
import { aCustomerWithPackage, emptyDb } from "../support/factories";
import { oneChunk } from "../support/import-files";

describe("alias loops within one file", () => {
  it("finds a two-alias loop, a longer ring once, and leaves chains and diamonds alone", () => {
    const a = (line: number, address: string, ...targets: string[]) => ({ line, address, targets });
    expect(aliasLoops([a(2, "a@x.example", "b@x.example"), a(3, "b@x.example", "a@x.example")])).toEqual([
      { line: 3, chain: ["b@x.example", "a@x.example", "b@x.example"] },
    ]);
    const ring = aliasLoops([
      a(5, "p@x.example", "q@x.example", "extern@example.net"),
      a(6, "q@x.example", "r@x.example"),
      a(7, "r@x.example", "p@x.example", "q@x.example"),
    ]);
    expect(ring.map((l) => l.line)).toEqual([7, 7]);
    expect(ring[0].chain[0]).toBe("r@x.example");
    const fine = [
      a(2, "a@x.example", "b@x.example", "c@x.example"),
      a(3, "b@x.example", "d@x.example"),
      a(4, "c@x.example", "d@x.example"),
    ];
    expect(aliasLoops(fine)).toEqual([]);
    const chain = Array.from({ length: 50_000 }, (_, i) => a(i + 2, `c${i}@x.example`, `c${i + 1}@x.example`));
    expect(aliasLoops(chain)).toEqual([]);
  });

  it("reports the loop in the dry run with its line and refuses to apply it", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db);
    const d = sub.domain.name;
    const csv = await readImportCsv(
      oneChunk(
        [
          "type,address,password,quota_mb,enabled,targets",
          `alias,vertrieb@${d},,,,einkauf@${d}`,
          `alias,einkauf@${d},,,,vertrieb@${d}`,
          `alias,ok@${d},,,,vertrieb@${d}`,
        ].join("\n"),
      ),
    );
    const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, csv.rows, csv.problems, db);
    expect(report.problems).toEqual([
      { line: 3, code: "import.problems.aliasLoop", params: { chain: `einkauf@${d} → vertrieb@${d} → einkauf@${d}` } },
    ]);
    expect(report.rows.map((r) => r.line)).toEqual([2, 4]);
    const aliases = async () =>
      (await firstRow(db.select({ n: count() }).from(mailAliases).where(eq(mailAliases.customerId, sub.customer.id))))?.n;
    const before = await aliases();
    await expect(applyImport(sub.customer.actor, sub.subscriptionId, csv.rows, csv.problems, {}, db)).rejects.toBeInstanceOf(ImportRefused);
    expect(await aliases()).toBe(before);
  });
});
