/**
 * The E-Mail-Administration's mail accounts in export and import (issue 24): a package without panel
 * exports its customer's accounts with the addresses routed to them; the export (CSV and JSON) goes
 * into another customer's package without panel under that customer's number, hashes and all; the
 * lines of one kind of package are refused for the other, and the account limit holds.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { onlyRow } from "@/db/rows";
import { domains, mailAccountAutoresponders, mailAccounts } from "@/db/schema";
import { runImportJob, stageImportJob } from "@/lib/services/import/import-job";
import { cancelImportJob } from "@/lib/services/import/job-control";
import { exportCsv } from "@/lib/services/import/export-csv";
import { exportSubscription } from "@/lib/services/import/export-data";
import { planImport } from "@/lib/services/import/plan-import";
import { readImportCsv } from "@/lib/services/import/read-csv";
import { readImportFile } from "@/lib/services/import/read-json";
import { applyImport } from "@/lib/services/import/run-import";
import { aCustomerWithPackage, aDomainWithMailboxes, aMailAccount, anAdmin, emptyDb, type TestSubscription } from "../support/factories";
import { oneChunk, SHA512_HASH } from "../support/import-files";

/** The accounts as the export names them, with the customer's number taken off the login. */
const byNumber = (accounts: { login: string }[] | undefined) =>
  accounts?.map((a) => ({ ...a, login: a.login.slice(a.login.indexOf(".")) }));

describe("mail accounts in export and import", () => {
  it.each(["csv", "json"] as const)("an admin's %s export re-imported into another customer gives the same accounts", async (format) => {
    const { db } = await emptyDb();
    const source = await aMailAccount(db, { extraAccounts: 2 });
    await db.update(mailAccounts).set({ enabled: false, passwordHash: SHA512_HASH }).where(eq(mailAccounts.id, source.accounts[1].id));
    const data = await exportSubscription(await anAdmin(db), source.subscriptionId, { withHashes: true, format }, db);
    expect(data.mailAccounts?.map((a) => [a.login.split(".")[1], a.addresses.map((x) => x.split("@")[0]), a.enabled])).toEqual([
      ["001", [], true],
      ["002", ["konto2"], true],
      ["003", ["konto3"], false],
    ]);
    const file = format === "csv" ? exportCsv(data) : JSON.stringify(data);

    const fresh = (await emptyDb()).db;
    const target = await aMailAccount(fresh, {
      sub: await aCustomerWithPackage(fresh, { package: { panel: "none", maxMailboxes: 5 }, domain: "andere.example" }),
    });
    const read = await readImportFile(oneChunk(file));
    const { report } = await applyImport(target.customer.actor, target.subscriptionId, read.rows, read.problems, {}, fresh);
    expect(report.problems).toEqual([]);
    expect(report.counts).toEqual({ create: 5, change: 1, unchanged: 0 }); // domain, .002, .003, 2 addresses; .001 changed
    const again = await exportSubscription(await anAdmin(fresh), target.subscriptionId, { withHashes: true, format: "json" }, fresh);
    expect(byNumber(again.mailAccounts)).toEqual(byNumber(data.mailAccounts));
    expect(again.domains.find((d) => d.name === source.domain.name)).toEqual(data.domains[0]);
    const moved = await onlyRow(fresh.select().from(mailAccounts).where(eq(mailAccounts.passwordHash, SHA512_HASH)));
    expect(moved.login).toBe(`${target.customer.customerNumber.toLowerCase()}.003`);
  });

  it("refuses mailbox lines for a package without panel, account lines for one with, unknown accounts and the account limit", async () => {
    const { db } = await emptyDb();
    const noPanel = await aMailAccount(db, {
      sub: await aCustomerWithPackage(db, { package: { panel: "none", maxMailboxes: 2 }, domain: "post.example" }),
    });
    const panel = await aCustomerWithPackage(db, { domain: "panel.example" });
    const lines = [
      "type,address,password,quota_mb,enabled,targets",
      `mailbox,info@post.example,${SHA512_HASH},,,`,
      `mail_account,.002,${SHA512_HASH},,,`,
      `mail_account,.003,${SHA512_HASH},,,`,
      "account_address,info@post.example,,,,.004",
      "account_address,team@post.example,,,,.002",
      "mail_account,kein-konto,generate,,,",
    ].join("\n");
    const rows = (await readImportCsv(oneChunk(lines))).rows;
    const plan = await planImport(db, noPanel.customer.actor, noPanel.subscriptionId, rows);
    expect(plan.problems.map((p) => [p.line, p.code.replace("import.problems.", "")])).toEqual([
      [2, "mailboxesNeedPanel"],
      [4, "accountLimit"],
      [5, "accountUnknown"],
      [7, "accountInvalid"],
    ]);
    expect(plan.actions.map((a) => [a.kind, "address" in a ? a.address : ""])).toEqual([
      ["mailAccount", `${noPanel.customer.customerNumber.toLowerCase()}.002`],
      ["accountAddress", "team@post.example"],
    ]);
    const other = await planImport(db, panel.customer.actor, panel.subscriptionId, rows.slice(1, 2));
    expect(other.problems.map((p) => p.code)).toEqual(["import.problems.accountsNeedNoPanel"]);
  });

  it.each(["csv", "json"] as const)(
    "a mail account's autoresponder and a catch-all to a mail account go along in the %s export, and a cancel takes them back",
    async (format) => {
      const { db } = await emptyDb();
      const source = await aMailAccount(db, { extraAccounts: 2 });
      const [second, third] = source.accounts;
      const tenant = { resellerId: source.reseller.id, customerId: source.customer.id };
      const reply = {
        enabled: true,
        subject: "Urlaub",
        body: "  Eingerückt: bis 20.7. weg.",
        startsOn: "2026-07-01",
        endsOn: null,
        intervalDays: 3,
      };
      await db.insert(mailAccountAutoresponders).values({ ...tenant, mailAccountId: second.id, ...reply });
      await db.update(domains).set({ catchAllMailAccountId: third.id }).where(eq(domains.id, source.domain.id));
      const data = await exportSubscription(source.customer.actor, source.subscriptionId, { withHashes: false, format }, db);
      expect([data.mailAccounts?.[1].autoresponder, data.domains[0].catchAll]).toEqual([reply, third.login]);
      const file = format === "csv" ? exportCsv(data) : JSON.stringify(data);

      const fresh = (await emptyDb()).db;
      const target = await aMailAccount(fresh, {
        sub: await aCustomerWithPackage(fresh, { package: { panel: "none", maxMailboxes: 5 }, domain: "andere.example" }),
      });
      const number = target.customer.customerNumber.toLowerCase();
      const read = await readImportFile(oneChunk(file));
      const plan = await planImport(fresh, target.customer.actor, target.subscriptionId, read.rows);
      expect(plan.problems).toEqual([]);
      expect(plan.actions.filter((a) => a.kind === "autoresponder" || a.kind === "catchAll").map((a) => [a.kind, a.address])).toEqual([
        ["autoresponder", `${number}.002`],
        ["catchAll", source.domain.name],
      ]);
      const staged = await stageImportJob(fresh, plan, target.customer.actor, {
        source: "test",
        sha256: read.sha256,
        ip: null,
        vacations: [],
      });
      expect(await runImportJob(staged.jobId, fresh)).toBe("done");
      const again = await exportSubscription(target.customer.actor, target.subscriptionId, { withHashes: false, format: "json" }, fresh);
      expect([again.mailAccounts?.[1].autoresponder, again.domains.find((d) => d.name === source.domain.name)?.catchAll]).toEqual([
        reply,
        `${number}.003`,
      ]);

      // The same lines into a third installation, cancelled after the accounts: the reply and the catch-all go back.
      const third2 = (await emptyDb()).db;
      const other = await aMailAccount(third2, {
        sub: await aCustomerWithPackage(third2, { package: { panel: "none", maxMailboxes: 5 }, domain: "dritte.example" }),
      });
      const plan2 = await planImport(third2, other.customer.actor, other.subscriptionId, read.rows);
      const job2 = await stageImportJob(third2, plan2, other.customer.actor, { source: "test", sha256: "", ip: null, vacations: [] }, 2);
      const state = await runImportJob(job2.jobId, third2, {
        batch: 2,
        afterBatch: async (n) => {
          if (n >= plan2.actions.length) await cancelImportJob(other.customer.actor, job2.jobId, third2);
        },
      });
      expect(state).toBe("cancelled");
      expect(await third2.select().from(mailAccountAutoresponders)).toEqual([]);
      expect(await third2.select({ n: domains.name }).from(domains).where(eq(domains.name, source.domain.name))).toEqual([]);
    },
  );

  it("refuses an account's autoresponder or catch-all naming an unknown account, and a catch-all to another domain's mailbox", async () => {
    const { db } = await emptyDb();
    const noPanel = await aMailAccount(db, { extraAccounts: 1 });
    const panel = await aDomainWithMailboxes(db, 1);
    const [d, own, box] = [noPanel.domain.name, panel.domain.name, panel.mailboxes[0].address];
    const plan = async (sub: TestSubscription, ...lines: string[]) => {
      const rows = (await readImportCsv(oneChunk(["type,address,enabled,subject,body,targets", ...lines].join("\n")))).rows;
      const planned = await planImport(db, sub.customer.actor, sub.subscriptionId, rows);
      return [
        ...planned.problems.map((p) => [p.line, p.code.replace("import.problems.", ""), p.params?.reason]),
        ...planned.actions.map((a) => a.kind),
      ];
    };
    expect(await plan(noPanel, "autoresponder,.009,yes,Weg,Bin weg,", "autoresponder,.002,yes,Weg,,", `catch_all,${d},,,,.007`)).toEqual([
      [2, "accountUnknown", undefined],
      [3, "autoresponderInvalid", "autoresponder.errors.bodyRequired"],
      [4, "accountUnknown", undefined],
    ]);
    expect(await plan(noPanel, `catch_all,${d},,,,${noPanel.accounts[0].login}`)).toEqual(["catchAll"]);
    expect(await plan(panel, `catch_all,${own},,,,${box}`, "autoresponder,.002,yes,Weg,Bin weg,")).toEqual([
      [3, "accountsNeedNoPanel", undefined],
      "catchAll",
    ]);
    expect(await plan(panel, `catch_all,${own},,,,kontakt@${d}`)).toEqual([[2, "catchAllOtherDomain", undefined]]);
    expect(await plan(panel, `catch_all,${d},,,,${box}`)).toEqual([[2, "domainNotInSubscription", undefined]]);
    expect(await plan(panel, `catch_all,${own},,,,fehlt@${own}`)).toEqual([[2, "forwardNoMailbox", undefined]]);
  });
});
