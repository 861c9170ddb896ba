import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, domains, mailAccounts, subscriptions } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { checkPasswordRules } from "@/lib/password/policy";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { addDomain } from "@/lib/services/orders/add-domain";
import { LimitError } from "@/lib/services/orders/limit-error";
import { moveDomain } from "@/lib/services/orders/move-domain";
import { orderPackage } from "@/lib/services/orders/order-package";
import { createPackage } from "@/lib/services/packages/save-package";
import { aCustomerWithPackage, aDomainWithMailboxes, aPackage, aReseller, emptyDb, type TestDb } from "../support/factories";

/** Each test builds its own resellers, customers and packages on an empty database. */
let handle: ReturnType<typeof emptyDb>;
let db: TestDb;
beforeEach(() => {
  handle = emptyDb();
  db = handle.db;
});

const customerInput = (email: string) => ({
  company: "Testfirma",
  contactName: "Tina Test",
  street: "",
  postalCode: "",
  city: "",
  country: "DE",
  phone: "",
  contactEmail: email,
});
const pkgInput = {
  panel: "none" as const,
  maxDomains: 2,
  maxMailboxes: 3,
  mailboxQuotaMb: 500,
  maxForwards: null,
  spamFilterEnabled: true,
  forwardingEnabled: true,
};

describe("ordering a package without panel", () => {
  it("creates k<number>.001 once, hashed, marked for change, with a policy-conforming password", async () => {
    const reseller = (await aReseller(db)).actor;
    const c = await createCustomer(reseller, customerInput("order1@example.test"), null, db);
    const login = `${c.customerNumber.toLowerCase()}.001`;
    const pkg = createPackage(reseller, { ...pkgInput, name: "Mail Test" }, null, db);
    const first = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "Erste-Bestellung.example" }, null, db);
    expect(first.adminAccount?.login).toBe(login);
    const password = first.adminAccount?.password ?? "";
    expect(checkPasswordRules(password, { names: [login] }, { requireClasses: true })).toEqual([]);
    const row = db.select().from(mailAccounts).where(eq(mailAccounts.login, login)).get();
    expect(row?.mustChangePassword).toBe(true);
    expect(row?.passwordHash).not.toContain(password);
    expect(await verifyPassword(row?.passwordHash ?? "", password)).toBe(true);
    // The Dovecot view lists it like any mailbox.
    const view = handle.sqlite.prepare("SELECT user FROM dovecot_passdb WHERE user = ?").get(login);
    expect(view).toEqual({ user: login });
    // Never in the audit log.
    const audit = db.select({ details: auditLog.details }).from(auditLog).all();
    expect(JSON.stringify(audit)).not.toContain(password);

    const second = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "zweite-bestellung.example" }, null, db);
    expect(second.adminAccount).toBeUndefined();
    expect(db.select().from(mailAccounts).where(eq(mailAccounts.customerId, c.id)).all()).toHaveLength(1);
  });

  it("creates no .001 for a package with panel", async () => {
    const r = await aReseller(db);
    const c = await createCustomer(r.actor, customerInput("order2@example.test"), null, db);
    const plesk = aPackage(db, r, { panel: "plesk8" });
    const res = await orderPackage(r.actor, { customerId: c.id, packageId: plesk, domain: "mit-panel.example" }, null, db);
    expect(res.adminAccount).toBeUndefined();
  });

  it("refuses taken and invalid domains without a partial write", async () => {
    await aCustomerWithPackage(db, { domain: "alpenblick.example" });
    const sub = await aCustomerWithPackage(db);
    const before = db.select({ id: subscriptions.id }).from(subscriptions).all().length;
    const order = (domain: string) =>
      orderPackage(sub.reseller.actor, { customerId: sub.customer.id, packageId: sub.packageId, domain }, null, db);
    await expect(order("ALPENBLICK.example.")).rejects.toBeInstanceOf(ValidationError);
    await expect(order("kein domain")).rejects.toBeInstanceOf(ValidationError);
    expect(db.select({ id: subscriptions.id }).from(subscriptions).all()).toHaveLength(before);
  });

  it("answers 404 for another reseller's customer or package", async () => {
    const a = await aCustomerWithPackage(db);
    const b = await aCustomerWithPackage(db);
    const r2 = b.reseller.actor;
    await expect(
      orderPackage(r2, { customerId: a.customer.id, packageId: b.packageId, domain: "fremd.example" }, null, db),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      orderPackage(r2, { customerId: b.customer.id, packageId: a.packageId, domain: "fremd.example" }, null, db),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("domains in subscriptions", () => {
  it("adds domains up to maxDomains and names the limit when refusing", async () => {
    const reseller = (await aReseller(db)).actor;
    const c = await createCustomer(reseller, customerInput("order3@example.test"), null, db);
    const pkg = createPackage(reseller, { ...pkgInput, name: "Zwei Domains" }, null, db);
    const { subscriptionId } = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "eins.example" }, null, db);
    addDomain(reseller, { subscriptionId, domain: "zwei.example" }, null, db);
    const err = (() => {
      try {
        addDomain(reseller, { subscriptionId, domain: "drei.example" }, null, db);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).exceeded).toEqual([{ limit: "maxDomains", used: 2, max: 2, where: `${c.customerNumber} · Zwei Domains` }]);
    const other = (await aReseller(db)).actor;
    expect(() => addDomain(other, { subscriptionId, domain: "vier.example" }, null, db)).toThrow(NotFoundError);
  });

  it("moves a domain between the customer's subscriptions within the target's limits", async () => {
    // One customer with four packages, like the demo's K10001: a domain with a mailbox in Web Plus,
    // mailboxes of 5120 MB in Business, a Web Classic allowing 1024 MB, and a package without panel.
    const plus = await aDomainWithMailboxes(db, 1, { package: { name: "Web Plus", mailboxQuotaMb: 2048 }, quotaMb: 2048 });
    const { reseller, customer } = plus;
    const business = await aDomainWithMailboxes(db, 2, {
      sub: await aCustomerWithPackage(db, {
        reseller,
        customer,
        package: { name: "Business", maxDomains: null, maxMailboxes: 200, mailboxQuotaMb: 5120 },
      }),
      quotaMb: 5120,
    });
    const classic = await aCustomerWithPackage(db, { reseller, customer, package: { name: "Web Classic", mailboxQuotaMb: 1024 } });
    const mail = await aCustomerWithPackage(db, { reseller, customer, package: { name: "Mail Basic", panel: "none" } });
    const otherCustomer = await aCustomerWithPackage(db, { reseller });
    const subOf = (id: number) => db.select({ sub: domains.subscriptionId }).from(domains).where(eq(domains.id, id)).get()?.sub;
    const move = (domainId: number, targetSubscriptionId: number) =>
      moveDomain(reseller.actor, { domainId, targetSubscriptionId }, null, db);

    move(plus.domain.id, business.subscriptionId);
    expect(subOf(plus.domain.id)).toBe(business.subscriptionId);
    // Mailboxes cannot go into a package without panel.
    expect(() => move(plus.domain.id, mail.subscriptionId)).toThrow(ValidationError);
    // Another customer's subscription is not found.
    expect(() => move(plus.domain.id, otherCustomer.subscriptionId)).toThrow(NotFoundError);
    // Web Classic allows 1024 MB per mailbox; the Business mailboxes have 5120.
    const err = (() => {
      try {
        move(business.domain.id, classic.subscriptionId);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).exceeded.map((e) => e.limit)).toEqual(["mailboxQuotaMb"]);
    expect(subOf(business.domain.id)).toBe(business.subscriptionId);
  });
});
