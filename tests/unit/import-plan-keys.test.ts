/**
 * The plan's on-disk store (issue 24): what a dry run remembers of the lines it walked lives in a
 * private SQLite file beside the spool, not in the heap. The duplicate check, the file's addresses and
 * a loop of more aliases than one page of the store still hold, and the file is gone when the plan ends.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { aliasLoops } from "@/lib/services/import/alias-loops";
import { PlanKeys } from "@/lib/services/import/plan-keys";
import { readImportCsv } from "@/lib/services/import/read-csv";
import { dryRunImport } from "@/lib/services/import/run-import";
import { spoolDir } from "@/lib/services/import/spool";
import { aCustomerWithPackage, emptyDb } from "../support/factories";
import { oneChunk } from "../support/import-files";

const keyFiles = () => (fs.existsSync(spoolDir()) ? fs.readdirSync(spoolDir()).filter((f) => f.endsWith(".keys")) : []);

describe("the plan's key store", () => {
  it("answers the first line of a key, the addresses taken, and sender lists; its file is private and removed on close", () => {
    const before = keyFiles();
    const keys = PlanKeys.open();
    const mine = keyFiles().filter((f) => !before.includes(f));
    expect(mine).toHaveLength(1);
    expect(fs.statSync(`${spoolDir()}/${mine[0]}`).mode & 0o777).toBe(0o600);
    expect(keys.firstLine("mailbox:a@x.example", 3)).toBeUndefined();
    expect(keys.firstLine("mailbox:a@x.example", 9)).toBe(3);
    keys.declare("b@x.example", "alias");
    expect(keys.isDeclared("b@x.example")).toBe(true);
    expect(keys.isDeclaredAlias("b@x.example")).toBe(true);
    expect(keys.isDeclared("c@x.example")).toBe(false);
    keys.take("a@x.example", "mailbox");
    expect(keys.takenAs("a@x.example")).toBe("mailbox");
    expect(keys.takenAs("b@x.example")).toBeUndefined();
    keys.addSender("blocklist", "a@x.example", "*@spam.example");
    expect([...keys.senders("blocklist", "a@x.example")]).toEqual(["*@spam.example"]);
    expect(keys.senders("allowlist", "a@x.example").size).toBe(0);
    keys.close();
    keys.close();
    expect(keyFiles().filter((f) => !before.includes(f))).toEqual([]);
  });

  it("finds a ring of 1,200 aliases read back page by page, in line order", () => {
    const keys = PlanKeys.open();
    try {
      const n = 1200;
      const at = (i: number) => `r${i}@ring.example`;
      for (let i = 0; i < n; i++) keys.addAlias({ line: i + 2, address: at(i), targets: [at((i + 1) % n)] });
      expect([...keys.aliases()].map((a) => a.line)).toEqual(Array.from({ length: n }, (_, i) => i + 2));
      const loops = aliasLoops(keys.aliases(), (address) => keys.alias(address));
      expect(loops).toHaveLength(1);
      expect(loops[0].line).toBe(n + 1);
      expect(loops[0].chain).toHaveLength(n + 1);
    } finally {
      keys.close();
    }
  });

  it("leaves no file behind after a dry run, and still reports a duplicate line with its first", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db);
    const d = sub.domain.name;
    const before = keyFiles();
    const file = await readImportCsv(oneChunk(`type,address,targets\nalias,a@${d},b@${d}\nalias,b@${d},a@${d}\nalias,a@${d},c@${d}\n`));
    const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, file.rows, file.problems, db);
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([
      [3, "import.problems.aliasLoop"],
      [4, "import.problems.duplicateLine"],
    ]);
    expect(keyFiles().filter((f) => !before.includes(f))).toEqual([]);
  });
});
