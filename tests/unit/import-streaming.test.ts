/**
 * The import as a stream (issue 24): a file that can be opened again is walked line by line for each
 * pass (check, apply's check, staging) and never held as rows; the report stays bounded ("and K more")
 * however long the file is; a line that turns wrong between apply's check and its staging stops the
 * job before anything is applied; an API body is spooled to a private file for the request only.
 * Also the line kinds of this round: a catch-all switched off, and an account's autoresponder named
 * with and without the customer's number being one line twice.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { firstRow } from "@/db/rows";
import { domains, importJobs, importJobSteps, mailAliases, mailboxes } from "@/db/schema";
import { loadMessages } from "@/lib/i18n/load-messages";
import { planImport } from "@/lib/services/import/plan-import";
import { readImportCsv } from "@/lib/services/import/read-csv";
import { openImportFile } from "@/lib/services/import/read-json";
import { translatedReport } from "@/lib/services/import/report-text";
import { applyImport, dryRunImport, ImportRefused, PREVIEW_ROWS } from "@/lib/services/import/run-import";
import { spoolUpload } from "@/lib/services/import/spool";
import { aCustomerWithPackage, aDomainWithMailboxes, aMailAccount, emptyDb, type TestDb } from "../support/factories";

const MD5 = "{MD5-CRYPT}$1$aZjufBrO$AW4WoPoEOobKew4n/wo09/";

async function* bytesOf(text: string) {
  // In pieces, as a socket or a file delivers them: a line may be cut anywhere.
  const all = new TextEncoder().encode(text);
  for (let i = 0; i < all.length; i += 4096) yield all.subarray(i, i + 4096);
}

/** A file that can be opened again, counting how often it was. */
function reopenable(text: string) {
  const file = { opened: 0, open: () => (file.opened++, bytesOf(text)) };
  return file;
}

const t = createTranslator({ locale: "en", messages: loadMessages("en") }) as unknown as (
  key: string,
  values?: Record<string, string | number>,
) => string;

const mailboxCount = async (db: TestDb, customerId: number) =>
  (await firstRow(db.select({ n: count() }).from(mailboxes).where(eq(mailboxes.customerId, customerId))))?.n;

describe("the import as a stream", () => {
  it(
    "walks a file again for each pass and keeps the report bounded: the first lines, every count, and “and K more”",
    { timeout: 60_000 },
    async () => {
      const { db } = await emptyDb();
      const sub = await aCustomerWithPackage(db, { package: { maxMailboxes: 1000, maxDomains: 5 } });
      const d = `lang${sub.subscriptionId}.example`;
      const n = PREVIEW_ROWS + 120;
      const lines = ["type,address,password", `domain,${d},`, ...Array.from({ length: n }, (_, i) => `mailbox,m${i}@${d},${MD5}`)];
      const file = reopenable(`${lines.join("\n")}\n`);
      const read = await openImportFile(file.open);
      expect(read.problems).toEqual([]);
      expect(typeof read.rows).toBe("function"); // lines, not rows in memory
      const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, read.rows, read.problems, db);
      expect(file.opened).toBe(3); // the first read, then the plan's two walks (declared addresses, lines)
      expect([report.rows.length, report.rowCount, report.counts.create]).toEqual([PREVIEW_ROWS, n + 1, n + 1]);
      expect([report.weakHashes.length, report.weakHashCount]).toEqual([500, n]);
      expect(report.rows.at(-1)?.line).toBe(PREVIEW_ROWS + 1);
      const text = translatedReport(t, report);
      expect(text.more).toEqual({
        rows: `… and ${n + 1 - PREVIEW_ROWS} more entries, not listed here.`,
        problems: "",
        weakHashes: `… and ${n - 500} more entries, not listed here.`,
      });

      const { report: applied } = await applyImport(sub.customer.actor, sub.subscriptionId, read.rows, read.problems, {}, db);
      expect(applied.rowCount).toBe(n + 1);
      expect(await mailboxCount(db, sub.customer.id)).toBe(n);
    },
  );

  it("counts every problem but lists the first 500, and reads the same lines as reading the file whole", { timeout: 60_000 }, async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db);
    const lines = ["type,address", ...Array.from({ length: 620 }, (_, i) => `mailbox,x${i}@fremd.example`)];
    const text = lines.join("\r\n");
    const read = await openImportFile(reopenable(text).open);
    const whole = await readImportCsv(bytesOf(text));
    const walked = [];
    if (typeof read.rows === "function") for await (const row of read.rows()) walked.push(row);
    expect(walked).toEqual(whole.rows);
    expect(read.sha256).toBe(whole.sha256);
    const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, read.rows, read.problems, db);
    expect([report.problems.length, report.problemCount]).toEqual([500, 620]);
    expect(translatedReport(t, report).more.problems).toBe("… and 120 more entries, not listed here.");
  });

  it("stops an apply whose line turned wrong between its check and its staging: nothing applied, the job failed", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 1, { package: { maxMailboxes: 10 } });
    const d = sub.domain.name;
    const csv = await readImportCsv(bytesOf(["type,address,password", `mailbox,eins@${d},${MD5}`, `mailbox,zwei@${d},${MD5}`].join("\n")));
    // Apply walks the lines twice to check them and twice more to stage them. Before the staging walks,
    // zwei@ becomes an alias (a real write, as the panel makes one meanwhile).
    let walks = 0;
    const lines = async function* () {
      if (++walks === 3)
        await db.insert(mailAliases).values({
          resellerId: sub.reseller.id,
          customerId: sub.customer.id,
          domainId: sub.domain.id,
          localPart: "zwei",
          address: `zwei@${d}`,
        });
      yield* csv.rows;
    };
    const before = await mailboxCount(db, sub.customer.id);
    const refused = await applyImport(sub.customer.actor, sub.subscriptionId, lines, [], {}, db).catch((e: unknown) => e);
    expect(walks).toBe(4);
    expect(refused).toBeInstanceOf(ImportRefused);
    expect((refused as ImportRefused).report.problems.map((p) => [p.line, p.code])).toEqual([[3, "import.problems.addressTaken"]]);
    expect(await mailboxCount(db, sub.customer.id)).toBe(before);
    const job = await firstRow(db.select().from(importJobs).where(eq(importJobs.subscriptionId, sub.subscriptionId)));
    expect([job?.state, JSON.parse(job?.error ?? "null")]).toEqual(["failed", { code: "import.refused" }]);
    expect((await firstRow(db.select({ n: count() }).from(importJobSteps)))?.n).toBe(0); // staged hashes go with it
  });

  it("spools an API body to a private file beside the database, readable again, and removes it", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kontor-spool-")), "import-spool");
    const spooled = await spoolUpload(bytesOf("type,address\nmailbox,a@b.example\n"), dir);
    const [name] = fs.readdirSync(dir).filter((f) => f.endsWith(".upload"));
    expect(fs.statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
    const first = await openImportFile(spooled.open);
    const again = await openImportFile(spooled.open);
    expect(again.sha256).toBe(first.sha256);
    await spooled.remove();
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
});

describe("line kinds", () => {
  it("switches a domain's catch-all off with enabled no: the dry run shows it, apply does it", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 1);
    const d = sub.domain.name;
    await db.update(domains).set({ catchAllMailboxId: sub.mailboxes[0].id }).where(eq(domains.id, sub.domain.id));
    const csv = await readImportCsv(bytesOf(`type,address,enabled,targets\ncatch_all,${d},no,\ncatch_all,${d.toUpperCase()},nein,x@${d}`));
    const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, csv.rows, [], db);
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([[3, "import.problems.duplicateLine"]]);
    expect(report.rows).toEqual([{ line: 2, kind: "catchAll", op: "change", name: d, enabled: false }]);
    expect(translatedReport(t, report).rows[0].detail).toBe("disabled");
    const contradicting = await readImportCsv(bytesOf(`type,address,enabled,targets\ncatch_all,${d},no,${sub.mailboxes[0].address}`));
    const refused = await dryRunImport(sub.customer.actor, sub.subscriptionId, contradicting.rows, [], db);
    expect(refused.problems.map((p) => p.code)).toEqual(["import.problems.catchAllOffTarget"]);

    await applyImport(sub.customer.actor, sub.subscriptionId, csv.rows.slice(0, 1), [], {}, db);
    const after = await firstRow(db.select({ box: domains.catchAllMailboxId }).from(domains).where(eq(domains.id, sub.domain.id)));
    expect(after?.box).toBeNull();
  });

  it("takes an account's autoresponder named .002 and with the customer's number as one line twice", async () => {
    const { db } = await emptyDb();
    const noPanel = await aMailAccount(db, { extraAccounts: 1 });
    const login = noPanel.accounts[0].login;
    expect(login).toMatch(/^[a-z0-9-]+\.002$/);
    const csv = await readImportCsv(
      bytesOf(
        [
          "type,address,enabled,subject,body",
          "autoresponder,.002,yes,Weg,Bin weg",
          `autoresponder,${login.toUpperCase()},yes,Weg,Bin weg`,
          "autoresponder,2,yes,Weg,Bin weg",
        ].join("\n"),
      ),
    );
    const plan = await planImport(db, noPanel.customer.actor, noPanel.subscriptionId, csv.rows);
    expect(plan.problems.map((p) => [p.line, p.code, p.params])).toEqual([
      [3, "import.problems.duplicateLine", { first: 2 }],
      [4, "import.problems.duplicateLine", { first: 2 }],
    ]);
    expect(plan.actions.map((a) => [a.line, a.kind])).toEqual([[2, "autoresponder"]]);
  });
});
