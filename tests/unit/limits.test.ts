import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { domains, mailAccounts } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { changePendingAdminPassword, setMailAccountQuota } from "@/lib/services/mail-accounts/manage-mail-account";
import { LimitError } from "@/lib/services/orders/limit-error";
import { orderPackage } from "@/lib/services/orders/order-package";
import { createPackage, updatePackage } from "@/lib/services/packages/save-package";
import { getPackageOrThrow } from "@/lib/services/packages/get-package";
import {
  actorOf,
  aCustomer,
  aCustomerWithPackage,
  aDomain,
  aDomainWithMailboxes,
  aMailAccount,
  aReseller,
  emptyDb,
  type TestCustomer,
  type TestReseller,
} from "../support/factories";
import { NEW_PASSWORD } from "../support/reseller-admin/actors";
import { firstRow } from "@/db/rows";

/**
 * Each test starts from one reseller whose customer has, like the demo's K10001, a Business package
 * (citywerk with two mailboxes and grüne-wiese with one, 5120 MB each) and a Mail Basic package
 * without panel with accounts .001 and .002.
 */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let r1: TestReseller;
let kunde: TestCustomer;
let businessId: number;
let mailBasicId: number;
beforeEach(async () => {
  handle = await emptyDb();
  r1 = await aReseller(handle.db);
  kunde = await aCustomer(handle.db, r1);
  const business = await aDomainWithMailboxes(handle.db, 2, {
    sub: await aCustomerWithPackage(handle.db, {
      reseller: r1,
      customer: kunde,
      domain: "citywerk.example",
      package: { name: "Business", maxDomains: null, maxMailboxes: 200, mailboxQuotaMb: 5120 },
    }),
    quotaMb: 5120,
  });
  await aDomainWithMailboxes(handle.db, 1, {
    sub: { ...business, domain: await aDomain(handle.db, business, "grüne-wiese.example") },
    quotaMb: 5120,
  });
  businessId = business.packageId;
  const mail = await aMailAccount(handle.db, {
    sub: await aCustomerWithPackage(handle.db, {
      reseller: r1,
      customer: kunde,
      package: { name: "Mail Basic", panel: "none", maxMailboxes: 5 },
    }),
    extraAccounts: 1,
  });
  mailBasicId = mail.packageId;
});
const refusal = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a refusal");
};

describe("lowering a package's limits", () => {
  it("refuses limits below what subscriptions use and names what exceeds", async () => {
    const reseller = r1.actor;
    const business = await getPackageOrThrow(reseller, businessId, handle.db);
    const where = `${kunde.customerNumber} · citywerk.example`;
    const err = await refusal(
      async () =>
        await updatePackage(reseller, business.id, { ...business, maxDomains: 1, maxMailboxes: 2, mailboxQuotaMb: 1000 }, null, handle.db),
    );
    expect(err).toBeInstanceOf(LimitError);
    const exceeded = (err as LimitError).exceeded;
    expect(exceeded).toContainEqual({ limit: "maxDomains", used: 2, max: 1, where });
    expect(exceeded).toContainEqual({ limit: "maxMailboxes", used: 3, max: 2, where });
    expect(exceeded).toContainEqual({ limit: "mailboxQuotaMb", used: 5120, max: 1000, where });
    expect((await getPackageOrThrow(reseller, business.id, handle.db)).maxDomains).toBeNull();
  });

  it("accepts a limit equal to the usage, and unlimited", async () => {
    const reseller = r1.actor;
    const business = await getPackageOrThrow(reseller, businessId, handle.db);
    await updatePackage(reseller, business.id, { ...business, maxDomains: 2 }, null, handle.db);
    expect((await getPackageOrThrow(reseller, business.id, handle.db)).maxDomains).toBe(2);
    await updatePackage(reseller, business.id, { ...business, maxDomains: null }, null, handle.db);
    expect((await getPackageOrThrow(reseller, business.id, handle.db)).maxDomains).toBeNull();
  });

  it("counts mail accounts against packages without panel", async () => {
    const reseller = r1.actor;
    const mail = await getPackageOrThrow(reseller, mailBasicId, handle.db);
    const err = await refusal(async () => await updatePackage(reseller, mail.id, { ...mail, maxMailboxes: 1 }, null, handle.db));
    expect((err as LimitError).exceeded).toEqual([{ limit: "maxMailboxes", used: 2, max: 1, where: kunde.customerNumber }]);
  });

  it("refuses switching a used package between panel and no panel", async () => {
    const reseller = r1.actor;
    const mail = await getPackageOrThrow(reseller, mailBasicId, handle.db);
    await expect(async () => await updatePackage(reseller, mail.id, { ...mail, panel: "plesk10" }, null, handle.db)).rejects.toThrow(
      ValidationError,
    );
  });
});

describe("creating beyond a limit under concurrency", () => {
  it("20 parallel mail account creates at limit − 1 end with exactly the limit", async () => {
    const reseller = r1.actor;
    const limit = 5;
    const pkg = await createPackage(
      reseller,
      {
        name: "Race",
        panel: "none",
        maxDomains: 1,
        maxMailboxes: limit,
        mailboxQuotaMb: 100,
        maxForwards: null,
        spamFilterEnabled: true,
        forwardingEnabled: true,
      },
      null,
      handle.db,
    );
    const c = await createCustomer(
      reseller,
      {
        company: "",
        contactName: "Race",
        street: "",
        postalCode: "",
        city: "",
        country: "DE",
        phone: "",
        contactEmail: "race@example.test",
      },
      null,
      handle.db,
    );
    const order = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "race.example" }, null, handle.db);
    const login = order.adminAccount?.login ?? "";
    const adminId =
      (await firstRow(handle.db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.login, login))))?.id ?? 0;
    await changePendingAdminPassword(await actorOf(handle.db, "mail_account", adminId), NEW_PASSWORD, null, handle.db);
    const admin = await actorOf(handle.db, "mail_account", adminId);
    for (let i = 0; i < limit - 2; i++) await createMailAccount(admin, { quotaMb: null, newPassword: NEW_PASSWORD }, null, handle.db);
    const count = async () =>
      (await handle.db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.customerId, c.id))).length;
    expect(await count()).toBe(limit - 1);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => createMailAccount(admin, { quotaMb: 50, newPassword: NEW_PASSWORD }, null, handle.db)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.reason).toBeInstanceOf(LimitError);
    expect(await count()).toBe(limit);
    const numbers = (await handle.db.select({ n: mailAccounts.number }).from(mailAccounts).where(eq(mailAccounts.customerId, c.id))).map(
      (r) => r.n,
    );
    expect(numbers.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses a quota above the package's", async () => {
    const race = await aMailAccount(handle.db, {
      sub: await aCustomerWithPackage(handle.db, { reseller: r1, package: { panel: "none", maxMailboxes: 5, mailboxQuotaMb: 100 } }),
      extraAccounts: 1,
      quotaMb: 50,
    });
    const admin = race.admin.actor;
    const account = race.accounts[0];
    const err = await refusal(async () => await setMailAccountQuota(admin, account.id, 101, null, handle.db));
    expect((err as ValidationError).fieldErrors?.quotaMb).toEqual([{ key: "panel.errors.quotaTooLarge", values: { max: 100 } }]);
    const quotaOf = async () =>
      (await firstRow(handle.db.select({ q: mailAccounts.quotaMb }).from(mailAccounts).where(eq(mailAccounts.id, account.id))))?.q;
    await setMailAccountQuota(admin, account.id, 100, null, handle.db);
    expect(await quotaOf()).toBe(100);
    // Empty takes the package's value, as the hint says (it was refused as "0 MB").
    await setMailAccountQuota(admin, account.id, 60, null, handle.db);
    await setMailAccountQuota(admin, account.id, null, null, handle.db);
    expect(await quotaOf()).toBe(100);
    expect(await handle.db.select({ id: domains.id }).from(domains).where(eq(domains.subscriptionId, race.subscriptionId))).toHaveLength(1);
  });
});
