/**
 * Export: a customer's subscription as the import's CSV (without hashes) or JSON; an admin's export
 * with hashes re-imported into an empty installation gives the same data, passwords included; other
 * tenants' subscriptions are not found; every download is audited; formulas are neutralised; CSV and
 * JSON carry spam filter, sender lists and autoresponder of each mailbox, and both import again.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, autoresponders, domains, forwards, mailboxes, senderRules, spamSettings } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { exportCsv } from "@/lib/services/import/export-csv";
import { exportSubscription, openExport } from "@/lib/services/import/export-data";
import { EXPORT_PAGE } from "@/lib/services/import/export-parts";
import { exportFile } from "@/lib/services/import/export-file";
import { exportChunks } from "@/lib/services/import/export-stream";
import { readImportFile } from "@/lib/services/import/read-json";
import { onlyRow } from "@/db/rows";
import { applyImport, dryRunImport } from "@/lib/services/import/run-import";
import { verifyPassword } from "@/lib/auth/password-hash";
import { aCustomerWithPackage, anAdmin, emptyDb, type TestDb, type TestSubscription, testPasswordHash } from "../support/factories";
import { anImportedSubscription, oneChunk, SHA512_HASH } from "../support/import-files";

async function world() {
  const { db } = await emptyDb();
  return { db, sub: await anImportedSubscription(db) };
}

/** A body the CSV must quote (line breaks, `;`, `"`) and whose first character a spreadsheet would run. */
const BODY = '-- Ich bin bis Montag weg; "dringend" bitte an info.\nDanke.';

/** Spam filter, both sender lists and an autoresponder on info@, as the settings pages would store them; info@ takes the domain's catch-all. */
async function withSettings(db: TestDb, sub: TestSubscription) {
  const info = await onlyRow(
    db
      .select()
      .from(mailboxes)
      .where(eq(mailboxes.address, `info@${sub.domain.name}`)),
  );
  const tenant = { resellerId: sub.reseller.id, customerId: sub.customer.id, mailboxId: info.id };
  await db.update(spamSettings).set({ level: 5, action: "delete" }).where(eq(spamSettings.mailboxId, info.id));
  await db.insert(senderRules).values([
    { ...tenant, kind: "block", pattern: "@spam.example" },
    { ...tenant, kind: "allow", pattern: "chef@partner.example" },
  ]);
  await db
    .insert(autoresponders)
    .values({ ...tenant, enabled: true, subject: "=Urlaub", body: BODY, startsOn: "2026-07-01", endsOn: "2026-07-20", intervalDays: 3 });
  await db.update(domains).set({ catchAllMailboxId: info.id }).where(eq(domains.id, sub.domain.id));
}

describe("export", () => {
  it("gives a customer its data without hashes, audited", async () => {
    const { db, sub } = await world();
    const data = await exportSubscription(sub.customer.actor, sub.subscriptionId, { withHashes: false, format: "json" }, db);
    expect(JSON.stringify(data)).not.toContain("$6$");
    expect(data.domains[0].mailboxes.map((m) => [m.address.split("@")[0], m.quotaMb, m.enabled, m.forwards])).toEqual([
      ["aus", 1024, false, []],
      ["info", 100, true, ["extern@example.net"]],
    ]);
    await expect(
      async () => await exportSubscription(sub.customer.actor, sub.subscriptionId, { withHashes: true, format: "csv" }, db),
    ).rejects.toThrow(ForbiddenError);
    const other = await aCustomerWithPackage(db);
    await expect(
      async () => await exportSubscription(other.customer.actor, sub.subscriptionId, { withHashes: false, format: "csv" }, db),
    ).rejects.toThrow(NotFoundError);
    await expect(
      async () => await exportSubscription(other.reseller.actor, sub.subscriptionId, { withHashes: false, format: "csv" }, db),
    ).rejects.toThrow(NotFoundError);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "export.download"))).toHaveLength(1);
  });

  it.each(["csv", "json"] as const)(
    "re-imported into an empty installation, an admin's %s export with hashes gives the same data, settings included",
    async (format) => {
      const { db, sub } = await world();
      await withSettings(db, sub);
      const admin = await anAdmin(db);
      const data = await exportSubscription(admin, sub.subscriptionId, { withHashes: true, format }, db);
      const file = format === "csv" ? exportCsv(data) : JSON.stringify(data, null, 2);
      expect(file).toContain(format === "csv" ? SHA512_HASH : JSON.stringify(SHA512_HASH));

      const fresh = (await emptyDb()).db;
      const target = await aCustomerWithPackage(fresh, { package: { maxMailboxes: 10 }, domain: "andere.example" });
      const read = await readImportFile(oneChunk(file));
      expect(read.problems).toEqual([]);
      const { report } = await applyImport(target.customer.actor, target.subscriptionId, read.rows, [], {}, fresh);
      expect(report.problems).toEqual([]);
      const again = await exportSubscription(await anAdmin(fresh), target.subscriptionId, { withHashes: true, format: "json" }, fresh);
      const mine = again.domains.find((d) => d.name === sub.domain.name);
      expect(mine).toEqual(data.domains[0]);
      const info = mine?.mailboxes.find((m) => m.address.startsWith("info@"));
      expect([info?.spamFilter?.action, info?.senders.block, info?.autoresponder?.body]).toEqual(["delete", ["@spam.example"], BODY]);
      expect(mine?.catchAll).toBe(info?.address);
    },
  );

  it.each(["csv", "json"] as const)(
    "a customer's %s export without hashes imports again: new mailboxes get generated passwords, existing ones keep theirs",
    async (format) => {
      const { db, sub } = await world();
      await withSettings(db, sub);
      const data = await exportSubscription(sub.customer.actor, sub.subscriptionId, { withHashes: false, format }, db);
      const file = format === "csv" ? exportCsv(data) : JSON.stringify(data);
      if (format === "csv") expect(file).toContain(`mailbox,info@${sub.domain.name},keep,100,yes`);

      // Into another installation: the dry run says per line that the password is generated, as it is not in the file.
      const fresh = (await emptyDb()).db;
      const target = await aCustomerWithPackage(fresh, { package: { maxMailboxes: 10 }, domain: "andere.example" });
      const read = await readImportFile(oneChunk(file));
      const dry = await dryRunImport(target.customer.actor, target.subscriptionId, read.rows, read.problems, fresh);
      expect(dry.problems).toEqual([]);
      expect(dry.rows.filter((r) => r.kind === "mailbox").map((r) => [r.name.split("@")[0], r.op, r.password])).toEqual([
        ["aus", "create", "import.passwordSource.keepNew"],
        ["info", "create", "import.passwordSource.keepNew"],
      ]);
      const { generated } = await applyImport(target.customer.actor, target.subscriptionId, read.rows, [], {}, fresh);
      expect(generated.map((g) => g.address).sort()).toEqual([`aus@${sub.domain.name}`, `info@${sub.domain.name}`]);
      const again = await exportSubscription(await anAdmin(fresh), target.subscriptionId, { withHashes: true, format: "json" }, fresh);
      const mine = again.domains.find((d) => d.name === sub.domain.name);
      expect(mine?.mailboxes.map(({ passwordHash: _hash, ...m }) => m)).toEqual(data.domains[0].mailboxes);
      const info = mine?.mailboxes.find((m) => m.address.startsWith("info@"));
      const password = generated.find((g) => g.address === info?.address)?.password ?? "";
      expect(await verifyPassword(info?.passwordHash ?? "", password)).toBe(true);

      // Its mailbox lines into the same package again (its aliases exist there): every mailbox keeps its password.
      const hashes = async () => (await db.select({ h: mailboxes.passwordHash }).from(mailboxes)).map((r) => r.h).sort();
      const before = await hashes();
      const boxLines = read.rows.filter((r) => ["domain", "mailbox"].includes(r.cells.type));
      const same = await applyImport(sub.customer.actor, sub.subscriptionId, boxLines, [], {}, db);
      expect(same.report.rows.filter((r) => r.kind === "mailbox").map((r) => [r.op, r.password])).toEqual([
        ["change", "import.passwordSource.keep"],
        ["change", "import.passwordSource.keep"],
      ]);
      expect([same.generated, await hashes()]).toEqual([[], before]);
    },
  );

  it("carries each mailbox's spam filter, sender black- and whitelist and autoresponder in the JSON", async () => {
    const { db, sub } = await world();
    await withSettings(db, sub);
    const data = await exportSubscription(sub.customer.actor, sub.subscriptionId, { withHashes: false, format: "json" }, db);
    const [aus, mine] = data.domains[0].mailboxes;
    expect(mine.spamFilter).toEqual({ enabled: true, level: 5, action: "delete" });
    expect(mine.senders).toEqual({ block: ["@spam.example"], allow: ["chef@partner.example"] });
    expect(mine.autoresponder).toMatchObject({ enabled: true, subject: "=Urlaub", body: BODY, intervalDays: 3 });
    expect([aus.senders, aus.autoresponder, aus.spamFilter?.level]).toEqual([{ block: [], allow: [] }, null, 3]);
  });

  it("streams CSV and JSON page by page with the same content as the gathered export", { timeout: 60_000 }, async () => {
    const { db, sub } = await world();
    await withSettings(db, sub);
    const tenant = { resellerId: sub.reseller.id, customerId: sub.customer.id };
    const passwordHash = await testPasswordHash();
    // More mailboxes than two pages, bulk-inserted; every 100th with a forward and a blocklist entry.
    const n = EXPORT_PAGE * 2 + 300;
    const rows = Array.from({ length: n }, (_, i) => {
      const localPart = `s${String(i).padStart(5, "0")}`;
      return { ...tenant, domainId: sub.domain.id, localPart, address: `${localPart}@${sub.domain.name}`, passwordHash, quotaMb: 10 };
    });
    const ids: number[] = [];
    for (let from = 0; from < n; from += 500)
      ids.push(
        ...(
          await db
            .insert(mailboxes)
            .values(rows.slice(from, from + 500))
            .returning({ id: mailboxes.id })
        ).map((r) => r.id),
      );
    const every = ids.filter((_, i) => i % 100 === 0);
    await db.insert(forwards).values(every.map((mailboxId) => ({ ...tenant, mailboxId, target: "weiter@example.net" })));
    await db
      .insert(senderRules)
      .values(every.map((mailboxId) => ({ ...tenant, mailboxId, kind: "block" as const, pattern: "@spam.example" })));
    const admin = await anAdmin(db);
    const gathered = await exportSubscription(admin, sub.subscriptionId, { withHashes: true, format: "json" }, db);
    expect(gathered.domains[0].mailboxes).toHaveLength(n + 2);

    const streamed = async (format: "csv" | "json") => {
      const source = await openExport(admin, sub.subscriptionId, { withHashes: true, format }, db);
      const chunks: string[] = [];
      for await (const chunk of exportChunks(source, format)) chunks.push(chunk);
      return chunks;
    };
    const json = await streamed("json");
    expect(json.length).toBeGreaterThan(3); // written as the pages came, not in one piece
    expect(JSON.parse(json.join(""))).toEqual(gathered);
    const csv = (await readImportFile(oneChunk((await streamed("csv")).join("")))).rows.map((r) => JSON.stringify(r.cells));
    const whole = (await readImportFile(oneChunk(exportCsv(gathered)))).rows.map((r) => JSON.stringify(r.cells));
    expect(csv.sort()).toEqual(whole.sort());
    expect(csv.filter((c) => c.includes('"type":"forward"'))).toHaveLength(every.length + 1);
  });

  it.each(["csv", "json"] as const)("answers the download's %s body whole with its length, without catch-alls too", async (format) => {
    const { db, sub } = await world();
    const source = await openExport(sub.customer.actor, sub.subscriptionId, { withHashes: false, format }, db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-export-"));
    const file = await exportFile(source, format, dir);
    expect(fs.readdirSync(dir)).toEqual([]); // the name goes once the file is complete; the body reads it still
    const body = await new Response(file.body()).text();
    expect(Buffer.byteLength(body)).toBe(file.size);
    fs.rmSync(dir, { recursive: true, force: true });
    const data = await exportSubscription(sub.customer.actor, sub.subscriptionId, { withHashes: false, format }, db);
    expect(format === "csv" ? body : JSON.parse(body)).toEqual(format === "csv" ? exportCsv(data) : data);
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    const csv = exportCsv({
      subscriptionId: 1,
      domains: [
        { name: "x.example", mailboxes: [], aliases: [{ address: '=HYPERLINK("http://evil.example")', targets: ["@a"] }], catchAll: null },
      ],
    });
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).toContain(",'@a");
  });
});
