import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { domains, mailboxes, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import { listSubscriptionMailboxes, MAILBOX_PAGE_SIZE } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import { createSeededDb } from "../support/seeded-db";
import { firstRow } from "@/db/rows";

describe("Plesk address list paging", () => {
  it("walks every address of a multi-domain subscription exactly once, domain by domain", async () => {
    const { db } = await createSeededDb();
    const city = await firstRow(db.select().from(domains).where(eq(domains.name, "citywerk.example")));
    if (!city) throw new Error("demo domain missing");
    await db.insert(mailboxes).values(
      Array.from({ length: 120 }, (_, i) => {
        const local = `user${String(i).padStart(3, "0")}`;
        return {
          resellerId: city.resellerId,
          customerId: city.customerId,
          domainId: city.id,
          localPart: local,
          address: `${local}@citywerk.example`,
          passwordHash: "x",
        };
      }),
    );
    const user = await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, "kunde@kontor.example")));
    const actor = user && (await loadActor(db, "user", user.id));
    if (!actor) throw new Error("no actor");

    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const list = await listSubscriptionMailboxes(actor, city.subscriptionId, { after }, db);
      expect(list.items.length).toBeLessThanOrEqual(MAILBOX_PAGE_SIZE);
      seen.push(...list.items.map((i) => i.address));
      if (!list.nextCursor) break;
      after = list.nextCursor;
    }
    expect(seen).toHaveLength(123); // 120 + info@ + max.mustermann@ on citywerk, post@ on grüne-wiese
    expect(new Set(seen).size).toBe(123);
    expect(seen.at(-1)).toBe("post@xn--grne-wiese-beb.example");
    const city_ = seen.filter((a) => a.endsWith("@citywerk.example"));
    expect(city_).toEqual([...city_].sort());
  });
});
