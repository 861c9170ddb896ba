import { beforeAll, describe, expect, it } from "vitest";
import { domains } from "@/db/schema";
import { listDomainsForCustomer } from "@/lib/services/domains/list-domains-for-customer";
import { searchDomainsForCustomer } from "@/lib/services/domains/search-domains-for-customer";
import { createSeededDb } from "../support/seeded-db";
import { panelFixtures } from "./panel-fixtures";

let h: Awaited<ReturnType<typeof createSeededDb>>;
let f: Awaited<ReturnType<typeof panelFixtures>>;
beforeAll(async () => {
  h = await createSeededDb();
  f = panelFixtures(h.db);
  // A customer with hundreds of domains: 300 more in K10001's Business subscription.
  const city = await f.domain("citywerk.example");
  await h.db.insert(domains).values(
    Array.from({ length: 300 }, (_, i) => ({
      resellerId: city.resellerId,
      customerId: city.customerId,
      subscriptionId: city.subscriptionId,
      name: `shop${String(i).padStart(3, "0")}.example`,
    })),
  );
});

const names = (r: { items: { displayName: string }[] }) => r.items.map((i) => i.displayName);

describe("Domainverwaltung search and paging", () => {
  it("pages through every domain forwards and backwards with keyset cursors", async () => {
    const kunde = await f.actorFor("kunde@kontor.example");
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
    const kunde = await f.actorFor("kunde@kontor.example");
    expect(names(await searchDomainsForCustomer(kunde, { q: "BERG" }, h.db))).toEqual(["bergsee.example"]);
    expect(names(await searchDomainsForCustomer(kunde, { q: "grüne-wiese" }, h.db))).toEqual(["grüne-wiese.example"]);
    expect((await searchDomainsForCustomer(kunde, { q: "%" }, h.db)).items).toEqual([]);
    expect((await searchDomainsForCustomer(kunde, { q: "shop_" }, h.db)).items).toEqual([]);
    expect((await searchDomainsForCustomer(kunde, { q: "shop1" }, h.db)).items).toHaveLength(25);
  });

  it("shows package, panel and the subscription's mailbox usage, and only own domains", async () => {
    const kunde = await f.actorFor("kunde@kontor.example");
    const row = (await searchDomainsForCustomer(kunde, { q: "alpenblick" }, h.db)).items[0];
    expect(row).toMatchObject({ packageName: "Web Classic", panel: "plesk8", maxMailboxes: 20, mailboxCount: 2, subscriptionMailboxes: 2 });
    const dorf = (await searchDomainsForCustomer(kunde, { q: "dorfladen" }, h.db)).items[0];
    expect(dorf.panel).toBe("none");
    expect(names(await searchDomainsForCustomer(await f.actorFor("kunde2@kontor.example"), { q: "example" }, h.db))).toEqual([
      "zweite-firma.example",
    ]);
    expect((await searchDomainsForCustomer(await f.actorFor("kunde3@kontor.example"), { q: "alpenblick" }, h.db)).items).toEqual([]);
  });

  it("keeps the start page's list working", async () => {
    expect(await listDomainsForCustomer(await f.actorFor("kunde@kontor.example"), { limit: 10 }, h.db)).toHaveLength(10);
  });
});
