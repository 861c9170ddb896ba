import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { customers, domains, mailboxes, packages } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ROLE_PERMISSIONS, roleHas } from "@/lib/authz/permissions";
import { preparedQuery } from "@/db/prepared";
import { preparedTenantScope, type ScopeKind, scopeKind, tenantParams, tenantScope } from "@/lib/authz/scope";
import { createSeededDb, userActor } from "../support/seeded-db";
import { firstRow } from "@/db/rows";

let handle: Awaited<ReturnType<typeof createSeededDb>>;
const actorFor = async (email: string): Promise<Actor> => await userActor(handle.db, email);
beforeAll(async () => {
  handle = await createSeededDb();
});

const domainNames = async (actor: Actor) =>
  (await handle.db.select({ name: domains.name }).from(domains).where(tenantScope(actor, domains))).map((d) => d.name).sort();

describe("tenant scope", () => {
  it("shows a customer only its own domains", async () => {
    expect(await domainNames(await actorFor("kunde2@kontor.example"))).toEqual(["zweite-firma.example"]);
    expect(await domainNames(await actorFor("kunde@kontor.example"))).toHaveLength(5);
  });

  it("shows a reseller only its own customers' domains", async () => {
    expect(await domainNames(await actorFor("reseller2@kontor.example"))).toEqual(["suedwind-kunde.example"]);
    expect(await domainNames(await actorFor("reseller@kontor.example"))).not.toContain("suedwind-kunde.example");
  });

  it("answers nothing for another tenant's mailbox id, as a 404 would", async () => {
    const foreign = await firstRow(
      handle.db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, "info@suedwind-kunde.example")),
    );
    for (const email of ["kunde@kontor.example", "reseller@kontor.example"]) {
      const actor = await actorFor(email);
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
    const r2 = await actorFor("reseller2@kontor.example");
    expect(await handle.db.select({ name: packages.name }).from(packages).where(tenantScope(r2, packages))).toEqual([{ name: "Web Plus" }]);
    const own = await handle.db
      .select({ n: customers.customerNumber })
      .from(customers)
      .where(tenantScope(r2, { resellerId: customers.resellerId, customerId: customers.id }));
    expect(own).toEqual([{ n: "K20001" }]);
  });
});

describe("prepared tenant scope", () => {
  const builds: ScopeKind[] = [];
  const preparedDomainNames = preparedQuery((db, kind: ScopeKind) => {
    builds.push(kind);
    return db.select({ name: domains.name }).from(domains).where(preparedTenantScope(kind, domains)).prepare();
  });
  const EMAILS = [
    "admin@kontor.example",
    "support@kontor.example",
    "reseller@kontor.example",
    "reseller2@kontor.example",
    "kunde@kontor.example",
    "kunde2@kontor.example",
  ];

  it("selects exactly what tenantScope selects, for every role", async () => {
    for (const email of EMAILS) {
      const actor = await actorFor(email);
      const names = (await preparedDomainNames(handle.db, scopeKind(actor)).execute(tenantParams(actor))).map((d) => d.name).sort();
      expect(names, email).toEqual(await domainNames(actor));
    }
    expect(await domainNames(await actorFor("kunde2@kontor.example"))).toEqual(["zweite-firma.example"]);
  });

  it("builds each variant once per database and reuses it", () => {
    expect([...builds].sort()).toEqual(["all", "customer", "reseller"]);
    const again = preparedDomainNames(handle.db, "customer");
    expect(preparedDomainNames(handle.db, "customer")).toBe(again);
    expect(builds).toHaveLength(3);
  });

  it("refuses a table without customers for customer roles", async () => {
    const kunde = await actorFor("kunde@kontor.example");
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
