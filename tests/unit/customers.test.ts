import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { customers, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { getCustomerOrThrow } from "@/lib/services/customers/get-customer";
import { listCustomers } from "@/lib/services/customers/list-customers";
import { updateCustomer } from "@/lib/services/customers/update-customer";
import { createSeededDb } from "../support/seeded-db";
import { actorsOf, type Handle } from "../support/reseller-admin/actors";

let handle: Handle;
let as: ReturnType<typeof actorsOf>;
const input = (email: string, company = "Firma") => ({
  company, contactName: "Kim Kunde", street: "Weg 1", postalCode: "12345", city: "Ort", country: "DE", phone: "+49 1", contactEmail: email,
});
const idOf = (number: string) => handle.db.select({ id: customers.id }).from(customers).where(eq(customers.customerNumber, number)).get()?.id ?? 0;

beforeAll(async () => {
  handle = await createSeededDb();
  as = actorsOf(handle);
});

describe("customers", () => {
  it("numbers new customers from the reseller's base and creates their login with a hashed password", async () => {
    const c = await createCustomer(as.reseller(), input("neu@example.test"), null, handle.db);
    expect(c.customerNumber).toBe("K10003");
    const c2 = await createCustomer(as.reseller2(), input("neu2@example.test"), null, handle.db);
    expect(c2.customerNumber).toBe("K20002");
    const user = handle.db.select().from(users).where(eq(users.email, "neu@example.test")).get();
    expect(user?.role).toBe("customer");
    expect(user?.customerId).toBe(c.id);
    expect(await verifyPassword(user?.passwordHash ?? "", c.password)).toBe(true);
    await expect(createCustomer(as.reseller(), input("neu@example.test"), null, handle.db)).rejects.toBeInstanceOf(ValidationError);
    await expect(createCustomer(as.admin(), input("x@example.test"), null, handle.db)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("edits Stammdaten, and a reseller gets 404 for another reseller's customer", () => {
    updateCustomer(as.reseller(), idOf("K10002"), input("kunde2@kontor.example", "Zweite Firma GmbH"), null, handle.db);
    expect(getCustomerOrThrow(as.reseller(), idOf("K10002"), handle.db).customer.company).toBe("Zweite Firma GmbH");
    const table: [string, () => unknown][] = [
      ["get", () => getCustomerOrThrow(as.reseller2(), idOf("K10001"), handle.db)],
      ["update", () => updateCustomer(as.reseller2(), idOf("K10001"), input("kunde@kontor.example", "Übernommen"), null, handle.db)],
      ["get other way", () => getCustomerOrThrow(as.reseller(), idOf("K20001"), handle.db)],
      ["missing", () => getCustomerOrThrow(as.reseller(), 999_999, handle.db)],
    ];
    for (const [, fn] of table) expect(fn).toThrow(NotFoundError);
    expect(getCustomerOrThrow(as.reseller(), idOf("K10001"), handle.db).customer.company).toBe("Bäckerei Sonnenschein");
  });

  it("shows usage of each subscription against its limits", () => {
    const detail = getCustomerOrThrow(as.reseller(), idOf("K10001"), handle.db);
    const business = detail.subscriptions.find((s) => s.packageName === "Business");
    expect(business?.usage).toMatchObject({ domains: 2, mailboxes: 3 });
    expect(detail.mailAccounts).toMatchObject({ accounts: 2, allowance: { maxAccounts: 5 } });
  });

  it("searches and keyset-pages thousands of customers without crossing resellers", async () => {
    const reseller = as.reseller();
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      resellerId: reseller.resellerId ?? 0, customerNumber: `K${11000 + i}`, contactName: `Massen Kunde ${i}`, contactEmail: `m${i}@example.test`,
      company: i === 1234 ? "Seltene_Firma 100%" : null,
    }));
    handle.db.insert(customers).values(rows).run();
    const seen: string[] = [];
    let page = listCustomers(reseller, {}, handle.db);
    for (let guard = 0; guard < 200; guard++) {
      seen.push(...page.items.map((c) => c.customerNumber));
      if (!page.nextCursor) break;
      page = listCustomers(reseller, { after: page.nextCursor }, handle.db);
    }
    expect(seen).toHaveLength(2003);
    expect(new Set(seen).size).toBe(2003);
    expect(seen.some((n) => n.startsWith("K2"))).toBe(false);
    const back = listCustomers(reseller, { before: page.items[0].customerNumber }, handle.db);
    expect((back.items.at(-1)?.customerNumber ?? "") < page.items[0].customerNumber).toBe(true);
    expect(listCustomers(reseller, { q: "k11234" }, handle.db).items.map((c) => c.customerNumber)).toEqual(["K11234"]);
    expect(listCustomers(reseller, { q: "_firma 100%" }, handle.db).items.map((c) => c.customerNumber)).toEqual(["K12234"]);
    expect(listCustomers(reseller, { q: "Massen Kunde 1999" }, handle.db).items).toHaveLength(1);
    expect(listCustomers(as.reseller2(), { q: "Massen" }, handle.db).items).toHaveLength(0);
    // A new customer continues after the highest number, not after the base.
    await expect(createCustomer(reseller, input("after@example.test"), null, handle.db).then((c) => c.customerNumber)).resolves.toBe("K13000");
  });
});
