import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { customers, domains, mailboxes, packages } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ROLE_PERMISSIONS, roleHas } from "@/lib/authz/permissions";
import { preparedQuery } from "@/db/prepared";
import { preparedTenantScope, type ScopeKind, scopeKind, tenantParams, tenantScope } from "@/lib/authz/scope";
import {
  aCustomerWithPackage,
  aDomain,
  aDomainWithMailboxes,
  anAdmin,
  aReseller,
  aSupport,
  emptyDb,
  type TestDb,
} from "../support/factories";
import { firstRow } from "@/db/rows";

/**
 * Reseller 1 with two customers (the first with three domains in two subscriptions, the second with
 * one) and reseller 2 with one customer, whose domain has a mailbox; one admin and one support user.
 */
let handle: { db: TestDb };
let as: Record<"admin" | "support" | "reseller" | "reseller2" | "kunde" | "kunde2", Actor>;
let foreignMailbox: { id: number };
let r2Customer: string;
let r2Package: string;
beforeAll(async () => {
  handle = await emptyDb();
  const db = handle.db;
  const [admin, support] = [await anAdmin(db), await aSupport(db)];
  const r1 = await aReseller(db);
  const r2 = await aReseller(db);
  const k1 = await aCustomerWithPackage(db, { reseller: r1, domain: "eins-a.example" });
  await aDomain(db, k1, "eins-b.example");
  await aCustomerWithPackage(db, { reseller: r1, customer: k1.customer, domain: "eins-c.example" });
  const k2 = await aCustomerWithPackage(db, { reseller: r1, domain: "zwei.example" });
  const k3 = await aDomainWithMailboxes(db, 1, { sub: await aCustomerWithPackage(db, { reseller: r2, domain: "drei.example" }) });
  as = { admin, support, reseller: r1.actor, reseller2: r2.actor, kunde: k1.customer.actor, kunde2: k2.customer.actor };
  foreignMailbox = k3.mailboxes[0];
  r2Customer = k3.customer.customerNumber;
  r2Package = (await firstRow(db.select({ name: packages.name }).from(packages).where(eq(packages.resellerId, r2.id))))?.name ?? "";
});

const domainNames = async (actor: Actor) =>
  (await handle.db.select({ name: domains.name }).from(domains).where(tenantScope(actor, domains))).map((d) => d.name).sort();

describe("tenant scope", () => {
  it("shows a customer only its own domains", async () => {
    expect(await domainNames(as.kunde2)).toEqual(["zwei.example"]);
    expect(await domainNames(as.kunde)).toEqual(["eins-a.example", "eins-b.example", "eins-c.example"]);
  });

  it("shows a reseller only its own customers' domains", async () => {
    expect(await domainNames(as.reseller2)).toEqual(["drei.example"]);
    expect(await domainNames(as.reseller)).toEqual(["eins-a.example", "eins-b.example", "eins-c.example", "zwei.example"]);
  });

  it("answers nothing for another tenant's mailbox id, as a 404 would", async () => {
    const foreign = foreignMailbox;
    for (const actor of [as.kunde, as.reseller]) {
      const row = await firstRow(
        handle.db
          .select({ id: mailboxes.id })
          .from(mailboxes)
          .where(and(eq(mailboxes.id, foreign?.id ?? 0), tenantScope(actor, mailboxes))),
      );
      expect(row).toBeUndefined();
    }
  });

  it("keeps packages and customers inside the reseller", async () => {
    const r2 = as.reseller2;
    expect(await handle.db.select({ name: packages.name }).from(packages).where(tenantScope(r2, packages))).toEqual([{ name: r2Package }]);
    const own = await handle.db
      .select({ n: customers.customerNumber })
      .from(customers)
      .where(tenantScope(r2, { resellerId: customers.resellerId, customerId: customers.id }));
    expect(own).toEqual([{ n: r2Customer }]);
  });
});

describe("prepared tenant scope", () => {
  const builds: ScopeKind[] = [];
  const preparedDomainNames = preparedQuery((db, kind: ScopeKind) => {
    builds.push(kind);
    return db.select({ name: domains.name }).from(domains).where(preparedTenantScope(kind, domains));
  });
  const WHO = ["admin", "support", "reseller", "reseller2", "kunde", "kunde2"] as const;

  it("selects exactly what tenantScope selects, for every role", async () => {
    for (const who of WHO) {
      const actor = as[who];
      const names = (await preparedDomainNames(handle.db, scopeKind(actor)).execute(tenantParams(actor))).map((d) => d.name).sort();
      expect(names, who).toEqual(await domainNames(actor));
    }
    expect(await domainNames(as.kunde2)).toEqual(["zwei.example"]);
  });

  it("builds each variant once per database and reuses it", () => {
    // Every role asks (whether or not the test above ran first): three variants, each built once.
    for (const who of WHO) preparedDomainNames(handle.db, scopeKind(as[who]));
    expect([...builds].sort()).toEqual(["all", "customer", "reseller"]);
    const again = preparedDomainNames(handle.db, "customer");
    expect(preparedDomainNames(handle.db, "customer")).toBe(again);
    expect(builds).toHaveLength(3);
  });

  it("refuses a table without customers for customer roles", async () => {
    const kunde = as.kunde;
    const rows = await handle.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(packages)
      .where(preparedTenantScope("customer", packages));
    expect(scopeKind(kunde)).toBe("customer");
    expect(rows).toEqual([{ n: 0 }]);
  });
});

describe("role permissions", () => {
  it("gives support no write permission and customers no admin permission", () => {
    expect(ROLE_PERMISSIONS.support).not.toContain("mailboxes.manage");
    expect(roleHas("support", "settings.manage")).toBe(false);
    expect(roleHas("customer", "admin.manage")).toBe(false);
    expect(roleHas("mailbox", "mailboxes.manage")).toBe(false);
    expect(roleHas("admin", "settings.manage")).toBe(true);
  });
});
