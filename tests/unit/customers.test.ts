import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { customers, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { getCustomerOrThrow } from "@/lib/services/customers/get-customer";
import { listCustomers } from "@/lib/services/customers/list-customers";
import { updateCustomer } from "@/lib/services/customers/update-customer";
import {
  aCustomer,
  aCustomerWithPackage,
  aDomain,
  aDomainWithMailboxes,
  aMailAccount,
  anAdmin,
  aReseller,
  aTicket,
  emptyDb,
  type TestCustomer,
  type TestReseller,
} from "../support/factories";
import { firstRow } from "@/db/rows";

/** Each test starts from two resellers: r1 with customers c1 and c2, r2 with customer c3. */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let r1: TestReseller;
let r2: TestReseller;
let c1: TestCustomer;
let c2: TestCustomer;
let c3: TestCustomer;
const input = (email: string, company = "Firma") => ({
  company,
  contactName: "Kim Kunde",
  street: "Weg 1",
  postalCode: "12345",
  city: "Ort",
  country: "DE",
  phone: "+49 1",
  contactEmail: email,
});
const number = (r: TestReseller, n: number) => `K${r.customerNumberBase + n}`;

beforeEach(async () => {
  handle = await emptyDb();
  r1 = await aReseller(handle.db);
  r2 = await aReseller(handle.db);
  c1 = await aCustomer(handle.db, r1, { company: "Bäckerei Sonnenschein" });
  c2 = await aCustomer(handle.db, r1);
  c3 = await aCustomer(handle.db, r2);
});

describe("customers", () => {
  it("numbers new customers from the reseller's base and creates their login with a hashed password", async () => {
    const c = await createCustomer(r1.actor, input("neu@example.test"), null, handle.db);
    expect(c.customerNumber).toBe(number(r1, 3));
    const c2b = await createCustomer(r2.actor, input("neu2@example.test"), null, handle.db);
    expect(c2b.customerNumber).toBe(number(r2, 2));
    const user = await firstRow(handle.db.select().from(users).where(eq(users.email, "neu@example.test")));
    expect(user?.role).toBe("customer");
    expect(user?.customerId).toBe(c.id);
    expect(await verifyPassword(user?.passwordHash ?? "", c.password)).toBe(true);
    await expect(createCustomer(r1.actor, input("neu@example.test"), null, handle.db)).rejects.toBeInstanceOf(ValidationError);
    await expect(createCustomer(await anAdmin(handle.db), input("x@example.test"), null, handle.db)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("edits Stammdaten, and a reseller gets 404 for another reseller's customer", async () => {
    await updateCustomer(r1.actor, c2.id, input(c2.email, "Zweite Firma GmbH"), null, handle.db);
    expect((await getCustomerOrThrow(r1.actor, c2.id, handle.db)).customer.company).toBe("Zweite Firma GmbH");
    const table: [string, () => unknown][] = [
      ["get", async () => await getCustomerOrThrow(r2.actor, c1.id, handle.db)],
      ["update", async () => await updateCustomer(r2.actor, c1.id, input(c1.email, "Übernommen"), null, handle.db)],
      ["get other way", async () => await getCustomerOrThrow(r1.actor, c3.id, handle.db)],
      ["missing", async () => await getCustomerOrThrow(r1.actor, 999_999, handle.db)],
    ];
    for (const [, fn] of table) await expect(fn).rejects.toThrow(NotFoundError);
    expect((await getCustomerOrThrow(r1.actor, c1.id, handle.db)).customer.company).toBe("Bäckerei Sonnenschein");
  });

  it("shows usage of each subscription against its limits", async () => {
    // Business: two domains with three mailboxes; a package without panel with two mail accounts.
    const business = await aDomainWithMailboxes(handle.db, 2, {
      sub: await aCustomerWithPackage(handle.db, { reseller: r1, customer: c1, package: { name: "Business" } }),
    });
    await aDomainWithMailboxes(handle.db, 1, { sub: { ...business, domain: await aDomain(handle.db, business) } });
    await aMailAccount(handle.db, {
      sub: await aCustomerWithPackage(handle.db, {
        reseller: r1,
        customer: c1,
        package: { name: "Mail Basic", panel: "none", maxMailboxes: 5 },
      }),
      extraAccounts: 1,
    });
    const detail = await getCustomerOrThrow(r1.actor, c1.id, handle.db);
    expect(detail.subscriptions.find((s) => s.packageName === "Business")?.usage).toMatchObject({ domains: 2, mailboxes: 3 });
    expect(detail.mailAccounts).toMatchObject({ accounts: 2, allowance: { maxAccounts: 5 } });
    // The reseller's list counts each customer's own rows only (one statement, a count per page row).
    await aTicket(handle.db, c1);
    const listed = await listCustomers(r1.actor, {}, handle.db);
    const counts = (id: number) => listed.items.find((c) => c.id === id);
    expect(counts(c1.id)).toMatchObject({ subscriptions: 2, domains: 3, tickets: 1 });
    expect(counts(c2.id)).toMatchObject({ subscriptions: 0, domains: 0, tickets: 0 });
  });

  it("searches and keyset-pages thousands of customers without crossing resellers", async () => {
    const reseller = r1.actor;
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      resellerId: r1.id,
      customerNumber: number(r1, 1000 + i),
      contactName: `Massen Kunde ${i}`,
      contactEmail: `m${i}@example.test`,
      company: i === 1234 ? "Seltene_Firma 100%" : null,
    }));
    await handle.db.insert(customers).values(rows);
    const seen: string[] = [];
    let page = await listCustomers(reseller, {}, handle.db);
    for (let guard = 0; guard < 200; guard++) {
      seen.push(...page.items.map((c) => c.customerNumber));
      if (!page.nextCursor) break;
      page = await listCustomers(reseller, { after: page.nextCursor }, handle.db);
    }
    expect(seen).toHaveLength(2002);
    expect(new Set(seen).size).toBe(2002);
    expect(seen.some((n) => n.startsWith(`K${r2.customerNumberBase / 100_000}`))).toBe(false);
    const back = await listCustomers(reseller, { before: page.items[0].customerNumber }, handle.db);
    expect((back.items.at(-1)?.customerNumber ?? "") < page.items[0].customerNumber).toBe(true);
    expect((await listCustomers(reseller, { q: number(r1, 1234).toLowerCase() }, handle.db)).items.map((c) => c.customerNumber)).toEqual([
      number(r1, 1234),
    ]);
    expect((await listCustomers(reseller, { q: "_firma 100%" }, handle.db)).items.map((c) => c.customerNumber)).toEqual([number(r1, 2234)]);
    expect((await listCustomers(reseller, { q: "Massen Kunde 1999" }, handle.db)).items).toHaveLength(1);
    expect((await listCustomers(r2.actor, { q: "Massen" }, handle.db)).items).toHaveLength(0);
    // The administration's page of one reseller: only that reseller's customers, searched the same way.
    const admin = await anAdmin(handle.db);
    const ofR2 = await listCustomers(admin, { resellerId: r2.id }, handle.db);
    expect(ofR2.items.length).toBeGreaterThan(0);
    expect(ofR2.items.every((c) => !c.customerNumber.startsWith(`K${r1.customerNumberBase / 100_000}`))).toBe(true);
    expect((await listCustomers(admin, { resellerId: r2.id, q: "Massen" }, handle.db)).items).toHaveLength(0);
    expect((await listCustomers(admin, { resellerId: r1.id, q: "Massen Kunde 1999" }, handle.db)).items).toHaveLength(1);
    // A new customer continues after the highest number, not after the base.
    await expect(createCustomer(reseller, input("after@example.test"), null, handle.db).then((c) => c.customerNumber)).resolves.toBe(
      number(r1, 3000),
    );
  });
});
