import { eq, sql } from "drizzle-orm";
import { rawRows } from "@/db/raw";
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
import { firstRow } from "@/db/rows";

/** Each test builds its own resellers, customers and packages on an empty database. */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let db: TestDb;
beforeEach(async () => {
  handle = await emptyDb();
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
    const pkg = await createPackage(reseller, { ...pkgInput, name: "Mail Test" }, null, db);
    const first = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "Erste-Bestellung.example" }, null, db);
    expect(first.adminAccount?.login).toBe(login);
    const password = first.adminAccount?.password ?? "";
    expect(checkPasswordRules(password, { names: [login] }, { requireClasses: true })).toEqual([]);
    const row = await firstRow(db.select().from(mailAccounts).where(eq(mailAccounts.login, login)));
    expect(row?.mustChangePassword).toBe(true);
    expect(row?.passwordHash).not.toContain(password);
    expect(await verifyPassword(row?.passwordHash ?? "", password)).toBe(true);
    // The Dovecot view lists it like any mailbox.
    const view = await rawRows<{ user: string }>(db, sql`SELECT "user" FROM dovecot_passdb WHERE "user" = ${login}`);
    expect(view).toEqual([{ user: login }]);
    // Never in the audit log.
    const audit = await db.select({ details: auditLog.details }).from(auditLog);
    expect(JSON.stringify(audit)).not.toContain(password);

    const second = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "zweite-bestellung.example" }, null, db);
    expect(second.adminAccount).toBeUndefined();
    expect(await db.select().from(mailAccounts).where(eq(mailAccounts.customerId, c.id))).toHaveLength(1);
  });

  it("creates no .001 for a package with panel", async () => {
    const r = await aReseller(db);
    const c = await createCustomer(r.actor, customerInput("order2@example.test"), null, db);
    const plesk = await aPackage(db, r, { panel: "plesk8" });
    const res = await orderPackage(r.actor, { customerId: c.id, packageId: plesk, domain: "mit-panel.example" }, null, db);
    expect(res.adminAccount).toBeUndefined();
  });

  it("refuses taken and invalid domains without a partial write", async () => {
    await aCustomerWithPackage(db, { domain: "alpenblick.example" });
    const sub = await aCustomerWithPackage(db);
    const before = (await db.select({ id: subscriptions.id }).from(subscriptions)).length;
    const order = (domain: string) =>
      orderPackage(sub.reseller.actor, { customerId: sub.customer.id, packageId: sub.packageId, domain }, null, db);
    await expect(order("ALPENBLICK.example.")).rejects.toBeInstanceOf(ValidationError);
    await expect(order("kein domain")).rejects.toBeInstanceOf(ValidationError);
    expect(await db.select({ id: subscriptions.id }).from(subscriptions)).toHaveLength(before);
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
    const pkg = await createPackage(reseller, { ...pkgInput, name: "Zwei Domains" }, null, db);
    const { subscriptionId } = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "eins.example" }, null, db);
    await addDomain(reseller, { subscriptionId, domain: "zwei.example" }, null, db);
    const err = await (async () => {
      try {
        await addDomain(reseller, { subscriptionId, domain: "drei.example" }, null, db);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).exceeded).toEqual([{ limit: "maxDomains", used: 2, max: 2, where: `${c.customerNumber} · Zwei Domains` }]);
    const other = (await aReseller(db)).actor;
    await expect(async () => await addDomain(other, { subscriptionId, domain: "vier.example" }, null, db)).rejects.toThrow(NotFoundError);
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
    const subOf = async (id: number) =>
      (await firstRow(db.select({ sub: domains.subscriptionId }).from(domains).where(eq(domains.id, id))))?.sub;
    const move = async (domainId: number, targetSubscriptionId: number) =>
      await moveDomain(reseller.actor, { domainId, targetSubscriptionId }, null, db);

    await move(plus.domain.id, business.subscriptionId);
    expect(await subOf(plus.domain.id)).toBe(business.subscriptionId);
    // Mailboxes cannot go into a package without panel.
    await expect(async () => await move(plus.domain.id, mail.subscriptionId)).rejects.toThrow(ValidationError);
    // Another customer's subscription is not found.
    await expect(async () => await move(plus.domain.id, otherCustomer.subscriptionId)).rejects.toThrow(NotFoundError);
    // Web Classic allows 1024 MB per mailbox; the Business mailboxes have 5120.
    const err = await (async () => {
      try {
        await move(business.domain.id, classic.subscriptionId);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).exceeded.map((e) => e.limit)).toEqual(["mailboxQuotaMb"]);
    expect(await subOf(business.domain.id)).toBe(business.subscriptionId);
  });
});
