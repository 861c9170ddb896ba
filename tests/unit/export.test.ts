/**
 * Export: a customer's subscription as the import's CSV (without hashes) or JSON; an admin's export
 * with hashes re-imported into an empty installation gives the same data, passwords included; other
 * tenants' subscriptions are not found; every download is audited; formulas are neutralised; the JSON
 * also carries spam filter, sender lists and autoresponder of each mailbox.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, autoresponders, mailboxes, senderRules, spamSettings } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { exportCsv, exportSubscription } from "@/lib/services/import/export-data";
import { readImportCsv } from "@/lib/services/import/read-csv";
import { applyImport } from "@/lib/services/import/run-import";
import { aCustomerWithPackage, anAdmin, emptyDb } from "../support/factories";

const SHA512 = "{SHA512-CRYPT}$6$wj1Y9CiyxdBcJnE2$QQMcKbX46.fttIWGLdhqeIptbgXdDWg7bvelJ7SDy7OhS3eP77.8.Xzm8NIimBxpCR2tCaabCieVpValtWdO..";

async function* once(text: string) {
  yield new TextEncoder().encode(text);
}

async function world() {
  const { db } = await emptyDb();
  const sub = await aCustomerWithPackage(db, { package: { maxMailboxes: 10 } });
  const d = sub.domain.name;
  const csv = [
    "type,address,password,quota_mb,enabled,targets",
    `mailbox,info@${d},${SHA512},100,yes,`,
    `mailbox,aus@${d},${SHA512},,no,`,
    `forward,info@${d},,,,extern@example.net`,
    `alias,kontakt@${d},,,,info@${d} aus@${d}`,
  ].join("\n");
  await applyImport(sub.customer.actor, sub.subscriptionId, (await readImportCsv(once(csv))).rows, [], {}, db);
  return { db, sub };
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

  it("re-imported into an empty installation, an admin's export with hashes gives the same data", async () => {
    const { db, sub } = await world();
    const admin = await anAdmin(db);
    const data = await exportSubscription(admin, sub.subscriptionId, { withHashes: true, format: "csv" }, db);
    const csv = exportCsv(data);
    expect(csv).toContain(SHA512);

    const fresh = (await emptyDb()).db;
    const target = await aCustomerWithPackage(fresh, { package: { maxMailboxes: 10 }, domain: "andere.example" });
    const rows = (await readImportCsv(once(csv))).rows;
    const { report } = await applyImport(target.customer.actor, target.subscriptionId, rows, [], {}, fresh);
    expect(report.problems).toEqual([]);
    const again = await exportSubscription(await anAdmin(fresh), target.subscriptionId, { withHashes: true, format: "json" }, fresh);
    const mine = again.domains.find((d) => d.name === sub.domain.name);
    expect(mine).toEqual(data.domains[0]);
  });

  it("carries each mailbox's spam filter, sender black- and whitelist and autoresponder in the JSON", async () => {
    const { db, sub } = await world();
    const info = (
      await db
        .select()
        .from(mailboxes)
        .where(eq(mailboxes.address, `info@${sub.domain.name}`))
    )[0];
    const tenant = { resellerId: sub.reseller.id, customerId: sub.customer.id, mailboxId: info.id };
    await db.update(spamSettings).set({ level: 5, action: "delete" }).where(eq(spamSettings.mailboxId, info.id));
    await db.insert(senderRules).values([
      { ...tenant, kind: "block", pattern: "@spam.example" },
      { ...tenant, kind: "allow", pattern: "chef@partner.example" },
    ]);
    await db.insert(autoresponders).values({ ...tenant, enabled: true, subject: "Urlaub", body: "Bis bald.", intervalDays: 3 });
    const data = await exportSubscription(sub.customer.actor, sub.subscriptionId, { withHashes: false, format: "json" }, db);
    const [aus, mine] = data.domains[0].mailboxes;
    expect(mine.spamFilter).toEqual({ enabled: true, level: 5, action: "delete" });
    expect(mine.senders).toEqual({ block: ["@spam.example"], allow: ["chef@partner.example"] });
    expect(mine.autoresponder).toMatchObject({ enabled: true, subject: "Urlaub", body: "Bis bald.", intervalDays: 3 });
    expect([aus.senders, aus.autoresponder, aus.spamFilter?.level]).toEqual([{ block: [], allow: [] }, null, 3]);
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    const csv = exportCsv({
      subscriptionId: 1,
      domains: [{ name: "x.example", mailboxes: [], aliases: [{ address: '=HYPERLINK("http://evil.example")', targets: ["@a"] }] }],
    });
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).toContain(",'@a");
  });
});
