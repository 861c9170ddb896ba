import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { domains, mailboxes } from "@/db/schema";
import { listSubscriptionMailboxes, MAILBOX_PAGE_SIZE } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import { aDomain, aDomainWithMailboxes, emptyDb } from "../support/factories";

describe("Plesk address list paging", () => {
  it("walks every address of a multi-domain subscription exactly once, domain by domain", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 2, { localParts: ["info", "max.mustermann"], package: { maxMailboxes: null } });
    // A second domain whose name sorts last only in its ASCII (punycode) form: xn--grne-wiese-beb.example.
    await aDomainWithMailboxes(db, 1, { sub: { ...sub, domain: await aDomain(db, sub, "grüne-wiese.example") }, localParts: ["post"] });
    const first = sub.domain;
    await db.insert(mailboxes).values(
      Array.from({ length: 120 }, (_, i) => {
        const local = `user${String(i).padStart(3, "0")}`;
        return {
          resellerId: sub.reseller.id,
          customerId: sub.customer.id,
          domainId: first.id,
          localPart: local,
          address: `${local}@${first.name}`,
          passwordHash: "x",
        };
      }),
    );

    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const list = await listSubscriptionMailboxes(sub.customer.actor, sub.subscriptionId, { after }, db);
      expect(list.items.length).toBeLessThanOrEqual(MAILBOX_PAGE_SIZE);
      seen.push(...list.items.map((i) => i.address));
      if (!list.nextCursor) break;
      after = list.nextCursor;
    }
    expect(seen).toHaveLength(123); // 120 + info@ + max.mustermann@ on the first domain, post@ on grüne-wiese
    expect(new Set(seen).size).toBe(123);
    expect(seen.at(-1)).toBe("post@xn--grne-wiese-beb.example");
    const firstDomain = seen.filter((a) => a.endsWith(`@${first.name}`));
    expect(firstDomain).toHaveLength(122);
    expect(firstDomain).toEqual([...firstDomain].sort());
  });

  it("reads small domains together and still pages in domain and address order, even with a wrong counter", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 0, { package: { maxMailboxes: null } });
    const tenant = { resellerId: sub.reseller.id, customerId: sub.customer.id };
    const fill = async (domain: { id: number; name: string }, locals: string[]) =>
      await db.insert(mailboxes).values(
        locals.map((local) => ({
          ...tenant,
          domainId: domain.id,
          localPart: local,
          address: `${local}@${domain.name}`,
          passwordHash: "x",
        })),
      );
    const numbered = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);
    // Name order: a-small (3), b-big (70), c-small (2), d-small (4); created out of order.
    const big = await aDomain(db, sub, "b-big.example");
    const small = await aDomain(db, sub, "a-small.example");
    const later = await aDomain(db, sub, "d-small.example");
    const middle = await aDomain(db, sub, "c-small.example");
    await fill(big, numbered("user", 70));
    await fill(small, ["zeta", "alpha", "mia"]);
    await fill(later, ["d1", "d3", "d2", "d0"]);
    await fill(middle, ["c1", "c0"]);
    const walk = async () => {
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 10; page++) {
        const list = await listSubscriptionMailboxes(sub.customer.actor, sub.subscriptionId, { after }, db);
        expect(list.items.length).toBeLessThanOrEqual(MAILBOX_PAGE_SIZE);
        seen.push(...list.items.map((i) => i.address));
        if (!list.nextCursor) break;
        after = list.nextCursor;
      }
      return seen;
    };
    const expected = [
      ...["alpha", "mia", "zeta"].map((l) => `${l}@a-small.example`),
      ...numbered("user", 70).map((l) => `${l}@b-big.example`),
      ...["c0", "c1"].map((l) => `${l}@c-small.example`),
      ...["d0", "d1", "d2", "d3"].map((l) => `${l}@d-small.example`),
    ];
    expect(await walk()).toEqual(expected);
    // A counter that says the big domain is empty must not change what the pages show.
    await db.update(domains).set({ mailboxCount: 0 }).where(eq(domains.id, big.id));
    expect(await walk()).toEqual(expected);
  });
});
