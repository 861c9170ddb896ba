import { describe, expect, it } from "vitest";
import { mailboxes } from "@/db/schema";
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
});
