import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { customers, domains, mailAccounts, packages } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { changePendingAdminPassword, setMailAccountQuota } from "@/lib/services/mail-accounts/manage-mail-account";
import { LimitError } from "@/lib/services/orders/limit-error";
import { orderPackage } from "@/lib/services/orders/order-package";
import { createPackage, updatePackage } from "@/lib/services/packages/save-package";
import { getPackageOrThrow } from "@/lib/services/packages/get-package";
import { createSeededDb } from "../support/seeded-db";
import { actorsOf, type Handle, NEW_PASSWORD } from "../support/reseller-admin/actors";

let handle: Handle;
let as: ReturnType<typeof actorsOf>;
beforeAll(async () => {
  handle = await createSeededDb();
  as = actorsOf(handle);
});
const pkgId = (name: string) =>
  handle.db.select({ id: packages.id }).from(packages).where(and(eq(packages.name, name), eq(packages.resellerId, as.reseller().resellerId ?? 0))).get()?.id ?? 0;
const refusal = (fn: () => unknown) => {
  try { fn(); } catch (e) { return e; }
  throw new Error("expected a refusal");
};

describe("lowering a package's limits", () => {
  it("refuses limits below what subscriptions use and names what exceeds", () => {
    const reseller = as.reseller();
    const business = getPackageOrThrow(reseller, pkgId("Business"), handle.db);
    // K10001 has citywerk (2 mailboxes) and grüne-wiese (1) in Business: 2 domains, 3 mailboxes, 5120 MB each.
    const err = refusal(() => updatePackage(reseller, business.id, { ...business, maxDomains: 1, maxMailboxes: 2, mailboxQuotaMb: 1000 }, null, handle.db));
    expect(err).toBeInstanceOf(LimitError);
    const exceeded = (err as LimitError).exceeded;
    expect(exceeded).toContainEqual({ limit: "maxDomains", used: 2, max: 1, where: "K10001 · citywerk.example" });
    expect(exceeded).toContainEqual({ limit: "maxMailboxes", used: 3, max: 2, where: "K10001 · citywerk.example" });
    expect(exceeded).toContainEqual({ limit: "mailboxQuotaMb", used: 5120, max: 1000, where: "K10001 · citywerk.example" });
    expect(getPackageOrThrow(reseller, business.id, handle.db).maxDomains).toBeNull();
  });

  it("accepts a limit equal to the usage, and unlimited", () => {
    const reseller = as.reseller();
    const business = getPackageOrThrow(reseller, pkgId("Business"), handle.db);
    updatePackage(reseller, business.id, { ...business, maxDomains: 2 }, null, handle.db);
    expect(getPackageOrThrow(reseller, business.id, handle.db).maxDomains).toBe(2);
    updatePackage(reseller, business.id, { ...business, maxDomains: null }, null, handle.db);
    expect(getPackageOrThrow(reseller, business.id, handle.db).maxDomains).toBeNull();
  });

  it("counts mail accounts against packages without panel", () => {
    const reseller = as.reseller();
    const mail = getPackageOrThrow(reseller, pkgId("Mail Basic"), handle.db);
    // K10001 has .001 and .002 in Mail Basic.
    const err = refusal(() => updatePackage(reseller, mail.id, { ...mail, maxMailboxes: 1 }, null, handle.db));
    expect((err as LimitError).exceeded).toEqual([{ limit: "maxMailboxes", used: 2, max: 1, where: "K10001" }]);
  });

  it("refuses switching a used package between panel and no panel", () => {
    const reseller = as.reseller();
    const mail = getPackageOrThrow(reseller, pkgId("Mail Basic"), handle.db);
    expect(() => updatePackage(reseller, mail.id, { ...mail, panel: "plesk10" }, null, handle.db)).toThrow(ValidationError);
  });
});

describe("creating beyond a limit under concurrency", () => {
  it("20 parallel mail account creates at limit − 1 end with exactly the limit", async () => {
    const reseller = as.reseller();
    const limit = 5;
    const pkg = createPackage(reseller, { name: "Race", panel: "none", maxDomains: 1, maxMailboxes: limit, mailboxQuotaMb: 100, maxForwards: null, spamFilterEnabled: true, forwardingEnabled: true }, null, handle.db);
    const c = await createCustomer(reseller, { company: "", contactName: "Race", street: "", postalCode: "", city: "", country: "DE", phone: "", contactEmail: "race@example.test" }, null, handle.db);
    const order = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "race.example" }, null, handle.db);
    const login = order.adminAccount?.login ?? "";
    await changePendingAdminPassword(as.mailAdmin(login), NEW_PASSWORD, null, handle.db);
    const admin = as.mailAdmin(login);
    for (let i = 0; i < limit - 2; i++) await createMailAccount(admin, { quotaMb: null, newPassword: NEW_PASSWORD }, null, handle.db);
    const count = () => handle.db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.customerId, c.id)).all().length;
    expect(count()).toBe(limit - 1);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => createMailAccount(admin, { quotaMb: 50, newPassword: NEW_PASSWORD }, null, handle.db)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.reason).toBeInstanceOf(LimitError);
    expect(count()).toBe(limit);
    const numbers = handle.db.select({ n: mailAccounts.number }).from(mailAccounts).where(eq(mailAccounts.customerId, c.id)).all().map((r) => r.n);
    expect(numbers.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses a quota above the package's", () => {
    const row = handle.db.select({ id: mailAccounts.id, login: mailAccounts.login }).from(mailAccounts).innerJoin(customers, eq(mailAccounts.customerId, customers.id)).where(eq(customers.contactEmail, "race@example.test")).all();
    const admin = as.mailAdmin(row.find((r) => r.login.endsWith(".001"))?.login ?? "");
    const err = refusal(() => setMailAccountQuota(admin, row[1].id, 101, null, handle.db));
    expect((err as LimitError).exceeded).toEqual([{ limit: "mailboxQuotaMb", used: 101, max: 100, where: row[1].login }]);
    setMailAccountQuota(admin, row[1].id, 100, null, handle.db);
    expect(handle.db.select({ q: mailAccounts.quotaMb }).from(mailAccounts).where(eq(mailAccounts.id, row[1].id)).get()?.q).toBe(100);
    expect(handle.db.select({ id: domains.id }).from(domains).where(eq(domains.name, "race.example")).all()).toHaveLength(1);
  });
});
