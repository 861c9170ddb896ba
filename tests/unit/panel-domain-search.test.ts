import { beforeAll, describe, expect, it } from "vitest";
import { domains } from "@/db/schema";
import { listDomainsForCustomer } from "@/lib/services/domains/list-domains-for-customer";
import { searchDomainsForCustomer } from "@/lib/services/domains/search-domains-for-customer";
import type { Actor } from "@/lib/authz/actor";
import { aCustomer, aCustomerWithPanelPackages, aCustomerWithPackage, aMailAccount, emptyDb, type TestDb } from "../support/factories";

/**
 * A customer with the three panel packages (alpenblick, bergsee, citywerk and grüne-wiese), a package
 * without panel (dorfladen) and 300 more domains in its Business subscription; beside it another
 * customer of the same reseller and one of another reseller.
 */
let h: { db: TestDb };
let kunde: Actor;
let kunde2: Actor;
let kunde3: Actor;
beforeAll(async () => {
  h = await emptyDb();
  const world = await aCustomerWithPanelPackages(h.db);
  kunde = world.customer.actor;
  await aMailAccount(h.db, {
    sub: await aCustomerWithPackage(h.db, {
      reseller: world.reseller,
      customer: world.customer,
      domain: "dorfladen.example",
      package: { panel: "none" },
    }),
  });
  kunde2 = (await aCustomerWithPackage(h.db, { reseller: world.reseller, domain: "zweite-firma.example" })).customer.actor;
  kunde3 = (await aCustomer(h.db)).actor;
  const business = world.business;
  await h.db.insert(domains).values(
    Array.from({ length: 300 }, (_, i) => ({
      resellerId: world.reseller.id,
      customerId: world.customer.id,
      subscriptionId: business.subscriptionId,
      name: `shop${String(i).padStart(3, "0")}.example`,
    })),
  );
});

const names = (r: { items: { displayName: string }[] }) => r.items.map((i) => i.displayName);

describe("Domainverwaltung search and paging", () => {
  it("pages through every domain forwards and backwards with keyset cursors", async () => {
    const seen: string[] = [];
    let page = await searchDomainsForCustomer(kunde, { pageSize: 40 }, h.db);
    expect(page.prevCursor).toBeNull();
    const pages = [page];
    for (let i = 0; i < 20 && page.nextCursor; i++) {
      seen.push(...names(page));
      page = await searchDomainsForCustomer(kunde, { pageSize: 40, after: page.nextCursor }, h.db);
      pages.push(page);
    }
    seen.push(...names(page));
    expect(page.nextCursor).toBeNull();
    expect(seen).toHaveLength(305);
    expect(new Set(seen).size).toBe(305);
    const ascii = pages.flatMap((p) => p.items.map((i) => i.name));
    expect(ascii).toEqual([...ascii].sort());
    const back = await searchDomainsForCustomer(kunde, { pageSize: 40, before: pages[2].items[0].name }, h.db);
    expect(names(back)).toEqual(names(pages[1]));
    expect(back.nextCursor).toBe(pages[1].items[39].name);
  });

  it("finds by part of the name, in Unicode too, and treats % and _ literally", async () => {
    expect(names(await searchDomainsForCustomer(kunde, { q: "BERG" }, h.db))).toEqual(["bergsee.example"]);
    expect(names(await searchDomainsForCustomer(kunde, { q: "grüne-wiese" }, h.db))).toEqual(["grüne-wiese.example"]);
    expect((await searchDomainsForCustomer(kunde, { q: "%" }, h.db)).items).toEqual([]);
    expect((await searchDomainsForCustomer(kunde, { q: "shop_" }, h.db)).items).toEqual([]);
    expect((await searchDomainsForCustomer(kunde, { q: "shop1" }, h.db)).items).toHaveLength(25);
  });

  it("shows package, panel and the subscription's mailbox usage, and only own domains", async () => {
    const row = (await searchDomainsForCustomer(kunde, { q: "alpenblick" }, h.db)).items[0];
    expect(row).toMatchObject({ packageName: "Web Classic", panel: "plesk8", maxMailboxes: 20, mailboxCount: 2, subscriptionMailboxes: 2 });
    const dorf = (await searchDomainsForCustomer(kunde, { q: "dorfladen" }, h.db)).items[0];
    expect(dorf.panel).toBe("none");
    expect(names(await searchDomainsForCustomer(kunde2, { q: "example" }, h.db))).toEqual(["zweite-firma.example"]);
    expect((await searchDomainsForCustomer(kunde3, { q: "alpenblick" }, h.db)).items).toEqual([]);
  });

  it("keeps the start page's list working", async () => {
    expect(await listDomainsForCustomer(kunde, { limit: 10 }, h.db)).toHaveLength(10);
  });
});
