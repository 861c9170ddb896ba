import { beforeAll, describe, expect, it } from "vitest";
import { getCustomerOrThrow } from "@/lib/services/customers/get-customer";
import { searchDomainsForCustomer } from "@/lib/services/domains/search-domains-for-customer";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { getMailAdminOverview } from "@/lib/services/mail-accounts/mail-admin-overview";
import { actorOf, aCustomerWithPackage, aMailAccount, emptyDb, type TestDb } from "../support/factories";
import { NEW_PASSWORD } from "../support/reseller-admin/actors";

/**
 * Issue 25, point 6: a package without panel holds mail accounts. The Domainverwaltung showed its
 * domain with the (empty) mailbox counter, "0 von 5", while the E-Mail-Administration said "2 von 5".
 */
let db: TestDb;
let world: Awaited<ReturnType<typeof aMailAccount>>;
beforeAll(async () => {
  db = (await emptyDb()).db;
  const sub = await aCustomerWithPackage(db, { package: { name: "Nur Mail", panel: "none", maxMailboxes: 5 } });
  // A Plesk package beside it: its mailboxes must not count as mail accounts.
  await aCustomerWithPackage(db, { reseller: sub.reseller, customer: sub.customer, package: { panel: "plesk9" } });
  world = await aMailAccount(db, { sub, extraAccounts: 1 });
});

describe("usage of a package without panel", () => {
  it("is the same figure in the Domainverwaltung, the E-Mail-Administration and the reseller's view, also after a new account", async () => {
    const customer = await actorOf(db, "user", world.customer.userId);
    const mailAdmin = async () => await actorOf(db, "mail_account", world.admin.id);
    expect((await getMailAdminOverview(await mailAdmin(), db)).accounts.map((a) => a.login)).toEqual([
      world.admin.login,
      world.accounts[0].login,
    ]);
    const noPanelRows = async () => await searchDomainsForCustomer(customer, { pageSize: 100 }, db);
    const figures = async () => ({
      domains: (await noPanelRows()).mailAccounts,
      mailAdmin: (await getMailAdminOverview(await mailAdmin(), db)).usage,
    });
    const before = await figures();
    expect((await noPanelRows()).items.some((d) => d.panel === "none")).toBe(true);
    expect(before.domains).toEqual(before.mailAdmin);
    expect(before.domains).toMatchObject({ used: 2, max: 5 });

    await createMailAccount(await mailAdmin(), { quotaMb: 256, newPassword: NEW_PASSWORD }, null, db);
    const after = await figures();
    expect(after.domains).toEqual(after.mailAdmin);
    expect(after.domains?.used).toBe(3);
    const reseller = await getCustomerOrThrow(world.reseller.actor, world.customer.id, db);
    expect(reseller.mailAccounts.accounts).toBe(3);
    expect(reseller.mailAccounts.allowance.maxAccounts).toBe(5);
  });
});
