import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { viewMailboxRecord } from "@/lib/services/support/get-mailbox-record";
import { searchCustomersByName } from "@/lib/services/support/search-customers";
import { prefixUpperBound, searchMailboxes } from "@/lib/services/support/search-mailboxes";
import { createSeededDb, userActor } from "../support/seeded-db";

let handle: Awaited<ReturnType<typeof createSeededDb>>;
const actorFor = async (email: string): Promise<Actor> => await userActor(handle.db, email);
beforeAll(async () => {
  handle = await createSeededDb();
});
const addresses = async (field: "address" | "domain" | "customerNumber", q: string, after?: string) =>
  (await searchMailboxes(await actorFor("support@kontor.example"), { field, q, after }, handle.db)).items.map((m) => m.address);

describe("support mailbox search", () => {
  it("finds by address prefix, case-insensitively, across resellers", async () => {
    expect(await addresses("address", "INFO@")).toEqual([
      "info@alpenblick.example",
      "info@bergsee.example",
      "info@citywerk.example",
      "info@suedwind-kunde.example",
      "info@zweite-firma.example",
    ]);
    expect(await addresses("address", "info@alpenblick.example")).toEqual(["info@alpenblick.example"]);
    expect(await addresses("address", "info@", "info@citywerk.example")).toEqual([
      "info@suedwind-kunde.example",
      "info@zweite-firma.example",
    ]);
  });

  it("finds by domain (Unicode too), customer number and customer name", async () => {
    expect(await addresses("domain", "alpenblick.example")).toEqual(["anna@alpenblick.example", "info@alpenblick.example"]);
    expect(await addresses("domain", "grüne-wiese.example")).toHaveLength(1);
    expect(await addresses("customerNumber", "k20001")).toEqual(["info@suedwind-kunde.example"]);
    const support = await actorFor("support@kontor.example");
    expect((await searchCustomersByName(support, "Südwind", undefined, handle.db)).items.map((c) => c.customerNumber)).toEqual(["K20001"]);
    expect((await searchCustomersByName(support, "maria", undefined, handle.db)).items.map((c) => c.customerNumber)).toEqual(["K10001"]);
    expect((await searchCustomersByName(support, "%%", undefined, handle.db)).items).toEqual([]);
    expect(await addresses("domain", "nirgendwo.example")).toEqual([]);
  });

  it("pages a customer's mailboxes by domain then local part, without gaps or repeats", async () => {
    const all = await addresses("customerNumber", "K10001");
    expect(all).toEqual([
      "anna@alpenblick.example",
      "info@alpenblick.example",
      "info@bergsee.example",
      "info@citywerk.example",
      "max.mustermann@citywerk.example",
      "post@xn--grne-wiese-beb.example",
    ]);
    for (let i = 0; i < all.length; i++) expect(await addresses("customerNumber", "K10001", all[i])).toEqual(all.slice(i + 1));
  });

  it("serves the prefix search from the unique address index, not a scan", () => {
    const plan = handle.sqlite
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM mailboxes WHERE address >= ? AND address < ? ORDER BY address LIMIT 26")
      .all("info@", prefixUpperBound("info@")) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/USING (COVERING )?INDEX mailboxes_address_uq/);
    expect(prefixUpperBound("info@")).toBe("infoA");
  });

  it("is for support and admin only", async () => {
    await expect(
      async () => await searchMailboxes(await actorFor("kunde@kontor.example"), { field: "address", q: "info" }, handle.db),
    ).rejects.toThrow(ForbiddenError);
  });
});

describe("mailbox record", () => {
  it("shows owner, package and settings without any hash, and audits the view with the ticket", async () => {
    const support = await actorFor("support@kontor.example");
    const id = (await searchMailboxes(support, { field: "address", q: "info@suedwind" }, handle.db)).items[0].id;
    const record = await viewMailboxRecord(support, id, { ticketId: 42, ip: "127.0.0.1" }, handle.db);
    expect(record).toMatchObject({
      address: "info@suedwind-kunde.example",
      reseller: "Südwind Webservice",
      packageName: "Web Plus",
      panel: "plesk9",
      customerNumber: "K20001",
    });
    expect(JSON.stringify(record)).not.toMatch(/argon2|password_?hash|sessionVersion/i);
    const entry = (await handle.db.select().from(auditLog).where(eq(auditLog.action, "support.record_view"))).at(-1);
    expect(entry).toMatchObject({ actorLabel: "support@kontor.example", targetId: id, details: { ticketId: 42 } });
    await expect(async () => await viewMailboxRecord(support, 999_999, { ip: null }, handle.db)).rejects.toThrow(NotFoundError);
    await expect(
      async () => await viewMailboxRecord(await actorFor("reseller@kontor.example"), id, { ip: null }, handle.db),
    ).rejects.toThrow(ForbiddenError);
  });
});
