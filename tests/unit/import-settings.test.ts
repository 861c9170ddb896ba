/**
 * A mailbox's settings as import lines (issue 24): spam filter, black- and whitelist, autoresponder.
 * The dry run checks them with the settings pages' own rules and names each problem's line; an
 * applied job replaces the settings, and a cancelled one puts back exactly what was there before.
 */
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { autoresponders, senderRules, spamSettings } from "@/db/schema";
import { runImportJob, stageImportJob } from "@/lib/services/import/import-job";
import { cancelImportJob } from "@/lib/services/import/job-control";
import { planImport } from "@/lib/services/import/plan-import";
import { readImportCsv } from "@/lib/services/import/read-csv";
import { aCustomerWithPackage, aDomainWithMailboxes, emptyDb, type TestDb } from "../support/factories";
import { oneChunk } from "../support/import-files";

const HEADER = "type,address,enabled,targets,spam_level,spam_action,subject,body,starts_on,ends_on,interval_days";

async function settingsOf(db: TestDb, mailboxId: number) {
  return {
    spam: await db
      .select({ enabled: spamSettings.enabled, level: spamSettings.level, action: spamSettings.action })
      .from(spamSettings)
      .where(eq(spamSettings.mailboxId, mailboxId)),
    rules: await db
      .select({ kind: senderRules.kind, pattern: senderRules.pattern })
      .from(senderRules)
      .where(eq(senderRules.mailboxId, mailboxId))
      .orderBy(asc(senderRules.pattern)),
    reply: await db
      .select({
        enabled: autoresponders.enabled,
        subject: autoresponders.subject,
        body: autoresponders.body,
        endsOn: autoresponders.endsOn,
      })
      .from(autoresponders)
      .where(eq(autoresponders.mailboxId, mailboxId)),
  };
}

describe("settings lines", () => {
  it("reports each wrong settings line with its line number and the settings page's reason", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 2);
    const other = await aDomainWithMailboxes(db, 1);
    const mine = sub.mailboxes[0].address;
    const csv = await readImportCsv(
      oneChunk(
        [
          HEADER,
          `spam,${mine},yes,,9,junk,,,,,`,
          `spam,${mine.replace("box1", "box9")},yes,,3,burn,,,,,`,
          `blocklist,${sub.mailboxes[1].address},,not a sender,,,,,,,`,
          `allowlist,${mine},,@ok.example,,,,,,,`,
          `blocklist,${mine},,ok.example,,,,,,,`,
          `autoresponder,${mine},yes,,,,Weg,Bin weg,2026-08-10,2026-08-01,7`,
          `autoresponder,${other.mailboxes[0].address},yes,,,,Weg,Bin weg,,,7`,
          `spam,${mine},vielleicht,,3,junk,,,,,`,
        ].join("\n"),
      ),
    );
    const plan = await planImport(db, sub.customer.actor, sub.subscriptionId, csv.rows);
    expect(plan.problems.map((p) => [p.line, p.code.replace("import.problems.", ""), p.params?.reason ?? p.params?.value])).toEqual([
      [2, "spamInvalid", "mailboxSettings.errors.levelInvalid"],
      [3, "forwardNoMailbox", undefined],
      [4, "senderInvalid", "not"],
      [6, "senderOnBothLists", "@ok.example"],
      [7, "autoresponderInvalid", "autoresponder.errors.endBeforeStart"],
      [8, "domainNotInSubscription", undefined],
      [9, "duplicateLine", undefined],
    ]);
    expect(plan.actions.map((a) => [a.line, a.kind])).toEqual([[5, "allowlist"]]);
  });

  it("replaces a mailbox's settings, and a cancelled job puts back exactly what was there", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 1, { package: { maxMailboxes: 5 } });
    const box = sub.mailboxes[0];
    const tenant = { resellerId: sub.reseller.id, customerId: sub.customer.id, mailboxId: box.id };
    await db.insert(senderRules).values({ ...tenant, kind: "block", pattern: "@alt.example" });
    const before = await settingsOf(db, box.id);
    const lines = [
      HEADER,
      `spam,${box.address},no,,2,mark,,,,,`,
      `blocklist,${box.address},,@neu.example werbung@shop.example,,,,,,,`,
      `allowlist,${box.address},,chef@partner.example,,,,,,,`,
      `autoresponder,${box.address},yes,,,,Urlaub,"Bis bald,
Ihr Team",,2026-09-01,2`,
    ];
    const csv = await readImportCsv(oneChunk(lines.join("\n")));
    const plan = await planImport(db, sub.customer.actor, sub.subscriptionId, csv.rows);
    expect(plan.problems).toEqual([]);
    const stage = async () =>
      (await stageImportJob(db, plan, sub.customer.actor, { source: "test", sha256: csv.sha256, ip: null, vacations: [] }, 2)).jobId;

    expect(await runImportJob(await stage(), db, { batch: 2 })).toBe("done");
    expect(await settingsOf(db, box.id)).toEqual({
      spam: [{ enabled: false, level: 2, action: "mark" }],
      rules: [
        { kind: "block", pattern: "@neu.example" },
        { kind: "allow", pattern: "chef@partner.example" },
        { kind: "block", pattern: "werbung@shop.example" },
      ],
      reply: [{ enabled: true, subject: "Urlaub", body: "Bis bald,\nIhr Team", endsOn: "2026-09-01" }],
    });

    // The same lines once more on the original settings, cancelled after the first batch.
    await db.delete(senderRules).where(eq(senderRules.mailboxId, box.id));
    await db.insert(senderRules).values({ ...tenant, kind: "block", pattern: "@alt.example" });
    await db.update(spamSettings).set(before.spam[0]).where(eq(spamSettings.mailboxId, box.id));
    await db.delete(autoresponders).where(eq(autoresponders.mailboxId, box.id));
    expect(await settingsOf(db, box.id)).toEqual(before);
    const jobId = await stage();
    const state = await runImportJob(jobId, db, {
      batch: 2,
      afterBatch: async (n) => {
        if (n === 2) await cancelImportJob(sub.customer.actor, jobId, db);
      },
    });
    expect(state).toBe("cancelled");
    expect(await settingsOf(db, box.id)).toEqual(before);
  });

  it("a settings line for a mailbox of another customer is refused like a forward", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db);
    const other = await aDomainWithMailboxes(db, 1);
    const csv = await readImportCsv(oneChunk(`${HEADER}\nspam,${other.mailboxes[0].address},no,,2,mark,,,,,`));
    const plan = await planImport(db, sub.customer.actor, sub.subscriptionId, csv.rows);
    expect(plan.problems.map((p) => p.code)).toEqual(["import.problems.domainNotInSubscription"]);
  });

  it("keeps an autoresponder's text as written (indentation too), while padded names, keywords and hashes are trimmed", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 1);
    const box = sub.mailboxes[0].address;
    const body = "   Eingerückt: bin weg.\n\t- Punkt eins\n  Ihr Team";
    const csv = await readImportCsv(oneChunk(`${HEADER}\nautoresponder , ${box} , yes ,,,, Urlaub ,"${body}", 2026-08-01 ,, 3 `));
    expect(csv.rows[0].cells.body).toBe(body);
    const plan = await planImport(db, sub.customer.actor, sub.subscriptionId, csv.rows);
    expect(plan.problems).toEqual([]);
    // The subject is trimmed by the autoresponder form's own schema; the body keeps its leading spaces.
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: "autoresponder", address: box, subject: "Urlaub", body, startsOn: "2026-08-01", intervalDays: 3 }),
    ]);
  });
});
