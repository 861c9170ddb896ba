import { beforeAll, describe, expect, it } from "vitest";
import { getCustomerOrThrow } from "@/lib/services/customers/get-customer";
import { searchDomainsForCustomer } from "@/lib/services/domains/search-domains-for-customer";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { getMailAdminOverview } from "@/lib/services/mail-accounts/mail-admin-overview";
import { createSeededDb } from "../support/seeded-db";
import { actorsOf, type Handle, NEW_PASSWORD } from "../support/reseller-admin/actors";

/**
 * Issue 25, point 6: a package without panel holds mail accounts. The Domainverwaltung showed its
 * domain with the (empty) mailbox counter, "0 von 5", while the E-Mail-Administration said "2 von 5".
 */
let handle: Handle;
let as: ReturnType<typeof actorsOf>;
beforeAll(async () => {
  handle = await createSeededDb();
  as = actorsOf(handle);
});

describe("usage of a package without panel", () => {
  it("is the same figure in the Domainverwaltung, the E-Mail-Administration and the reseller's view, also after a new account", async () => {
    const customer = await as.user("kunde@kontor.example");
    const admin = (await getMailAdminOverview(await as.mailAdmin("k10001.001"), handle.db)).accounts[0];
    expect(admin.login).toMatch(/\.001$/);
    const noPanelRows = async () => await searchDomainsForCustomer(customer, { pageSize: 100 }, handle.db);
    const figures = async () => ({
      domains: (await noPanelRows()).mailAccounts,
      mailAdmin: (await getMailAdminOverview(await as.mailAdmin(admin.login), handle.db)).usage,
    });
    const before = await figures();
    expect((await noPanelRows()).items.some((d) => d.panel === "none")).toBe(true);
    expect(before.domains).toEqual(before.mailAdmin);
    expect(before.domains?.used).toBe((await getMailAdminOverview(await as.mailAdmin(admin.login), handle.db)).accounts.length);

    await createMailAccount(await as.mailAdmin(admin.login), { quotaMb: 256, newPassword: NEW_PASSWORD }, null, handle.db);
    const after = await figures();
    expect(after.domains).toEqual(after.mailAdmin);
    expect(after.domains?.used).toBe((before.domains?.used ?? 0) + 1);
    const reseller = await getCustomerOrThrow(await as.reseller(), customer.customerId ?? -1, handle.db);
    expect(reseller.mailAccounts.accounts).toBe(after.domains?.used);
    expect(reseller.mailAccounts.allowance.maxAccounts).toBe(after.domains?.max);
  });
});
