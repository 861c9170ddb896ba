import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { databaseKind } from "@/lib/config";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { viewMailboxRecord } from "@/lib/services/support/get-mailbox-record";
import { searchCustomersByName } from "@/lib/services/support/search-customers";
import { searchMailboxes } from "@/lib/services/support/search-mailboxes";
import { prefixUpperBound } from "@/db/dialect";
import {
  aCustomer,
  aCustomerWithPackage,
  aDomain,
  aDomainWithMailboxes,
  aReseller,
  aSupport,
  emptyDb,
  type TestCustomer,
  type TestSubscription,
} from "../support/factories";

/**
 * Reseller 1 with Maria's bakery (four domains, six mailboxes) and another customer; reseller
 * "Südwind Webservice" with "Südwind Kunde GmbH" on a Web Plus package.
 */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let support: Actor;
let reseller: Actor;
let bakery: TestCustomer;
let suedwind: TestCustomer;
beforeAll(async () => {
  handle = await emptyDb();
  const db = handle.db;
  support = await aSupport(db);
  const r1 = await aReseller(db);
  reseller = r1.actor;
  bakery = await aCustomer(db, r1, { company: "Bäckerei Sonnenschein", contactName: "Maria Sonnenschein" });
  const boxes = async (sub: TestSubscription, localParts: string[]) =>
    await aDomainWithMailboxes(db, localParts.length, { sub, localParts });
  const plesk = await aCustomerWithPackage(db, { reseller: r1, customer: bakery, domain: "ahorn.example" });
  await boxes(plesk, ["info", "anna"]);
  for (const [domain, localParts] of [
    ["birke.example", ["info"]],
    ["eiche.example", ["max.mustermann", "info"]],
    ["grüne-wiese.example", ["post"]],
  ] as const) {
    await boxes({ ...plesk, domain: await aDomain(db, plesk, domain) }, [...localParts]);
  }
  await boxes(await aCustomerWithPackage(db, { reseller: r1, domain: "zeder.example" }), ["info"]);
  const r2 = await aReseller(db, { name: "Südwind Webservice" });
  suedwind = await aCustomer(db, r2, { company: "Südwind Kunde GmbH" });
  const web = await aCustomerWithPackage(db, {
    reseller: r2,
    customer: suedwind,
    domain: "suedwind-kunde.example",
    package: { name: "Web Plus", panel: "plesk9" },
  });
  await boxes(web, ["info"]);
});
const addresses = async (field: "address" | "domain" | "customerNumber", q: string, after?: string) =>
  (await searchMailboxes(support, { field, q, after }, handle.db)).items.map((m) => m.address);

describe("support mailbox search", () => {
  it("finds by address prefix, case-insensitively, across resellers", async () => {
    expect(await addresses("address", "INFO@")).toEqual([
      "info@ahorn.example",
      "info@birke.example",
      "info@eiche.example",
      "info@suedwind-kunde.example",
      "info@zeder.example",
    ]);
    expect(await addresses("address", "info@ahorn.example")).toEqual(["info@ahorn.example"]);
    expect(await addresses("address", "info@", "info@eiche.example")).toEqual(["info@suedwind-kunde.example", "info@zeder.example"]);
  });

  it("bounds every prefix, also one whose last character cannot grow, and finds nothing for a prefix no address has", async () => {
    expect(prefixUpperBound("info")).toBe("infp");
    expect(prefixUpperBound("zeder\u{10FFFF}")).toBe("zedes");
    expect(prefixUpperBound("\u{10FFFF}\u{10FFFF}")).toBeUndefined();
    expect(await addresses("address", "\u{10FFFF}")).toEqual([]);
    expect(await addresses("address", "info@zeder.example\u{10FFFF}")).toEqual([]);
  });

  it("finds by domain (Unicode too), customer number and customer name", async () => {
    expect(await addresses("domain", "ahorn.example")).toEqual(["anna@ahorn.example", "info@ahorn.example"]);
    expect(await addresses("domain", "grüne-wiese.example")).toHaveLength(1);
    expect(await addresses("customerNumber", suedwind.customerNumber.toLowerCase())).toEqual(["info@suedwind-kunde.example"]);
    const numbers = async (q: string) => (await searchCustomersByName(support, q, undefined, handle.db)).items.map((c) => c.customerNumber);
    expect(await numbers("Südwind")).toEqual([suedwind.customerNumber]);
    expect(await numbers("maria")).toEqual([bakery.customerNumber]);
    expect((await searchCustomersByName(support, "%%", undefined, handle.db)).items).toEqual([]);
    expect(await addresses("domain", "nirgendwo.example")).toEqual([]);
  });

  it("pages a customer's mailboxes by domain then local part, without gaps or repeats", async () => {
    const all = await addresses("customerNumber", bakery.customerNumber);
    expect(all).toEqual([
      "anna@ahorn.example",
      "info@ahorn.example",
      "info@birke.example",
      "info@eiche.example",
      "max.mustermann@eiche.example",
      "post@xn--grne-wiese-beb.example",
    ]);
    for (let i = 0; i < all.length; i++) expect(await addresses("customerNumber", bakery.customerNumber, all[i])).toEqual(all.slice(i + 1));
  });

  it.runIf(databaseKind() === "sqlite")("serves the prefix search from the unique address index, not a scan", () => {
    const plan = handle.sqlite
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM mailboxes WHERE address >= ? AND address < ? ORDER BY address LIMIT 26")
      .all("info@", prefixUpperBound("info@")) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/USING (COVERING )?INDEX mailboxes_address_uq/);
    expect(prefixUpperBound("info@")).toBe("infoA");
  });

  it("is for support and admin only", async () => {
    await expect(async () => await searchMailboxes(bakery.actor, { field: "address", q: "info" }, handle.db)).rejects.toThrow(
      ForbiddenError,
    );
  });
});

describe("mailbox record", () => {
  it("shows owner, package and settings without any hash, and audits the view with the ticket", async () => {
    const id = (await searchMailboxes(support, { field: "address", q: "info@suedwind" }, handle.db)).items[0].id;
    const record = await viewMailboxRecord(support, id, { ticketId: 42, ip: "127.0.0.1" }, handle.db);
    expect(record).toMatchObject({
      address: "info@suedwind-kunde.example",
      reseller: "Südwind Webservice",
      packageName: "Web Plus",
      panel: "plesk9",
      customerNumber: suedwind.customerNumber,
    });
    expect(JSON.stringify(record)).not.toMatch(/argon2|password_?hash|sessionVersion/i);
    const entry = (await handle.db.select().from(auditLog).where(eq(auditLog.action, "support.record_view"))).at(-1);
    expect(entry).toMatchObject({ actorLabel: support.label, targetId: id, details: { ticketId: 42 } });
    await expect(async () => await viewMailboxRecord(support, 999_999, { ip: null }, handle.db)).rejects.toThrow(NotFoundError);
    await expect(async () => await viewMailboxRecord(reseller, id, { ip: null }, handle.db)).rejects.toThrow(ForbiddenError);
  });
});
