import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, customers, domains, mailAccounts, packages, subscriptions } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { checkPasswordRules } from "@/lib/password/policy";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { addDomain } from "@/lib/services/orders/add-domain";
import { LimitError } from "@/lib/services/orders/limit-error";
import { moveDomain } from "@/lib/services/orders/move-domain";
import { orderPackage } from "@/lib/services/orders/order-package";
import { createPackage } from "@/lib/services/packages/save-package";
import { createSeededDb } from "../support/seeded-db";
import { actorsOf, type Handle } from "../support/reseller-admin/actors";

let handle: Handle;
let as: ReturnType<typeof actorsOf>;
const customerInput = (email: string) => ({
  company: "Testfirma", contactName: "Tina Test", street: "", postalCode: "", city: "", country: "DE", phone: "", contactEmail: email,
});
const pkgInput = { panel: "none" as const, maxDomains: 2, maxMailboxes: 3, mailboxQuotaMb: 500, maxForwards: null, spamFilterEnabled: true, forwardingEnabled: true };

beforeAll(async () => {
  handle = await createSeededDb();
  as = actorsOf(handle);
});

describe("ordering a package without panel", () => {
  it("creates k<number>.001 once, hashed, marked for change, with a policy-conforming password", async () => {
    const reseller = as.reseller();
    const c = await createCustomer(reseller, customerInput("order1@example.test"), null, handle.db);
    expect(c.customerNumber).toBe("K10003");
    const pkg = createPackage(reseller, { ...pkgInput, name: "Mail Test" }, null, handle.db);
    const first = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "Erste-Bestellung.example" }, null, handle.db);
    expect(first.adminAccount?.login).toBe("k10003.001");
    const password = first.adminAccount?.password ?? "";
    expect(checkPasswordRules(password, { names: ["k10003.001"] }, { requireClasses: true })).toEqual([]);
    const row = handle.db.select().from(mailAccounts).where(eq(mailAccounts.login, "k10003.001")).get();
    expect(row?.mustChangePassword).toBe(true);
    expect(row?.passwordHash).not.toContain(password);
    expect(await verifyPassword(row?.passwordHash ?? "", password)).toBe(true);
    // The Dovecot view lists it like any mailbox.
    const view = handle.sqlite.prepare("SELECT user FROM dovecot_passdb WHERE user = ?").get("k10003.001");
    expect(view).toEqual({ user: "k10003.001" });
    // Never in the audit log.
    const audit = handle.db.select({ details: auditLog.details }).from(auditLog).all();
    expect(JSON.stringify(audit)).not.toContain(password);

    const second = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "zweite-bestellung.example" }, null, handle.db);
    expect(second.adminAccount).toBeUndefined();
    expect(handle.db.select().from(mailAccounts).where(eq(mailAccounts.customerId, c.id)).all()).toHaveLength(1);
  });

  it("creates no .001 for a package with panel", async () => {
    const reseller = as.reseller();
    const c = await createCustomer(reseller, customerInput("order2@example.test"), null, handle.db);
    const plesk = handle.db.select({ id: packages.id }).from(packages).where(eq(packages.name, "Web Classic")).get();
    const res = await orderPackage(reseller, { customerId: c.id, packageId: plesk?.id ?? 0, domain: "mit-panel.example" }, null, handle.db);
    expect(res.adminAccount).toBeUndefined();
  });

  it("refuses taken and invalid domains without a partial write", async () => {
    const reseller = as.reseller();
    const c = handle.db.select({ id: customers.id }).from(customers).where(eq(customers.customerNumber, "K10002")).get();
    const plesk = handle.db.select({ id: packages.id }).from(packages).where(eq(packages.name, "Business")).get();
    const before = handle.db.select({ id: subscriptions.id }).from(subscriptions).all().length;
    await expect(orderPackage(reseller, { customerId: c?.id ?? 0, packageId: plesk?.id ?? 0, domain: "ALPENBLICK.example." }, null, handle.db)).rejects.toBeInstanceOf(ValidationError);
    await expect(orderPackage(reseller, { customerId: c?.id ?? 0, packageId: plesk?.id ?? 0, domain: "kein domain" }, null, handle.db)).rejects.toBeInstanceOf(ValidationError);
    expect(handle.db.select({ id: subscriptions.id }).from(subscriptions).all()).toHaveLength(before);
  });

  it("answers 404 for another reseller's customer or package", async () => {
    const r2 = as.reseller2();
    const k10001 = handle.db.select({ id: customers.id }).from(customers).where(eq(customers.customerNumber, "K10001")).get();
    const own = handle.db.select({ id: packages.id }).from(packages).where(eq(packages.resellerId, r2.resellerId ?? 0)).get();
    await expect(orderPackage(r2, { customerId: k10001?.id ?? 0, packageId: own?.id ?? 0, domain: "fremd.example" }, null, handle.db)).rejects.toBeInstanceOf(NotFoundError);
    const k20001 = handle.db.select({ id: customers.id }).from(customers).where(eq(customers.customerNumber, "K20001")).get();
    const foreignPkg = handle.db.select({ id: packages.id }).from(packages).where(eq(packages.name, "Mail Basic")).get();
    await expect(orderPackage(r2, { customerId: k20001?.id ?? 0, packageId: foreignPkg?.id ?? 0, domain: "fremd.example" }, null, handle.db)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("domains in subscriptions", () => {
  it("adds domains up to maxDomains and names the limit when refusing", async () => {
    const reseller = as.reseller();
    const c = await createCustomer(reseller, customerInput("order3@example.test"), null, handle.db);
    const pkg = createPackage(reseller, { ...pkgInput, name: "Zwei Domains" }, null, handle.db);
    const { subscriptionId } = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "eins.example" }, null, handle.db);
    addDomain(reseller, { subscriptionId, domain: "zwei.example" }, null, handle.db);
    const err = (() => { try { addDomain(reseller, { subscriptionId, domain: "drei.example" }, null, handle.db); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).exceeded).toEqual([{ limit: "maxDomains", used: 2, max: 2, where: `${c.customerNumber} · Zwei Domains` }]);
    expect(() => addDomain(as.reseller2(), { subscriptionId, domain: "vier.example" }, null, handle.db)).toThrow(NotFoundError);
  });

  it("moves a domain between the customer's subscriptions within the target's limits", async () => {
    const reseller = as.reseller();
    const k10001 = handle.db.select({ id: customers.id }).from(customers).where(eq(customers.customerNumber, "K10001")).get()?.id ?? 0;
    const subOf = (name: string) => handle.db.select({ sub: domains.subscriptionId, id: domains.id }).from(domains).where(eq(domains.name, name)).get();
    const bergsee = subOf("bergsee.example");
    const business = subOf("citywerk.example");
    moveDomain(reseller, { domainId: bergsee?.id ?? 0, targetSubscriptionId: business?.sub ?? 0 }, null, handle.db);
    expect(subOf("bergsee.example")?.sub).toBe(business?.sub);
    // Mailboxes cannot go into a package without panel.
    const mail = subOf("dorfladen.example");
    expect(() => moveDomain(reseller, { domainId: bergsee?.id ?? 0, targetSubscriptionId: mail?.sub ?? 0 }, null, handle.db)).toThrow(ValidationError);
    // Another customer's subscription is not found.
    const zweite = subOf("zweite-firma.example");
    expect(() => moveDomain(reseller, { domainId: bergsee?.id ?? 0, targetSubscriptionId: zweite?.sub ?? 0 }, null, handle.db)).toThrow(NotFoundError);
    // Web Classic allows 1024 MB per mailbox; citywerk's Business mailboxes have 5120.
    const classic = subOf("alpenblick.example");
    const err = (() => { try { moveDomain(reseller, { domainId: business?.id ?? 0, targetSubscriptionId: classic?.sub ?? 0 }, null, handle.db); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).exceeded.map((e) => e.limit)).toEqual(["mailboxQuotaMb"]);
    expect(handle.db.select().from(domains).where(and(eq(domains.customerId, k10001), eq(domains.name, "citywerk.example"))).get()?.subscriptionId).toBe(business?.sub);
  });
});
