import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { domains, subscriptions } from "@/db/schema";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { countSubscriptionMailboxes } from "@/lib/services/subscriptions/get-subscription-for-customer";
import type { Actor } from "@/lib/authz/actor";
import { aCustomerWithPanelPackages, emptyDb, type TestDb } from "../support/factories";
import { NEW_PASSWORD, panelFixtures } from "./panel-fixtures";
import { firstRow } from "@/db/rows";
import { rawRows } from "@/db/raw";

/** A customer with three panel packages: alpenblick (2 mailboxes), bergsee, citywerk and grüne-wiese. */
let h: { db: TestDb };
let f: Awaited<ReturnType<typeof panelFixtures>>;
let kunde: Actor;
const ip = { ip: "192.0.2.1" };

beforeAll(async () => {
  h = await emptyDb();
  f = panelFixtures(h.db);
  kunde = (await aCustomerWithPanelPackages(h.db)).customer.actor;
});

/** Every subscription whose counter differs from the sum over its domains (should be none). */
const drifted = () =>
  rawRows<{ id: number }>(
    h.db,
    sql`SELECT s.id FROM subscriptions s WHERE s.mailbox_count != (SELECT coalesce(sum(d.mailbox_count), 0) FROM domains d WHERE d.subscription_id = s.id)`,
  );
const counter = async (subscriptionId: number) => await countSubscriptionMailboxes(h.db, subscriptionId);

describe("the subscription's mailbox counter (triggers on domains)", () => {
  it("matches its domains after building, and is not all zero", async () => {
    expect(await drifted()).toEqual([]);
    const d = await f.domain("alpenblick.example");
    expect(await counter(d.subscriptionId)).toBeGreaterThan(0);
  });

  it("follows mailboxes created and deleted through the services", async () => {
    const d = await f.domain("citywerk.example");
    const before = await counter(d.subscriptionId);
    for (const local of ["zaehler1", "zaehler2"]) {
      await createMailbox(
        kunde,
        {
          subscriptionId: d.subscriptionId,
          domainId: d.id,
          localPart: local,
          quotaMb: null,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        },
        ip,
        h.db,
      );
    }
    expect(await counter(d.subscriptionId)).toBe(before + 2);
    await deleteMailboxes(
      kunde,
      { subscriptionId: d.subscriptionId, mailboxIds: [(await f.mailbox("zaehler1@citywerk.example"))?.id ?? 0], confirmed: "yes" },
      ip,
      h.db,
    );
    expect(await counter(d.subscriptionId)).toBe(before + 1);
    expect(await drifted()).toEqual([]);
  });

  it("moves a domain's mailboxes with the domain", async () => {
    const d = await f.domain("alpenblick.example");
    const other =
      (
        await firstRow(
          h.db
            .select({ id: subscriptions.id })
            .from(subscriptions)
            .where(sql`${subscriptions.id} != ${d.subscriptionId} AND ${subscriptions.customerId} = ${d.customerId}`),
        )
      )?.id ?? 0;
    expect(d.mailboxCount).toBeGreaterThan(0);
    const [from, to] = [await counter(d.subscriptionId), await counter(other)];
    await h.db.update(domains).set({ subscriptionId: other }).where(eq(domains.id, d.id));
    expect([await counter(d.subscriptionId), await counter(other)]).toEqual([from - d.mailboxCount, to + d.mailboxCount]);
    await h.db.update(domains).set({ subscriptionId: d.subscriptionId }).where(eq(domains.id, d.id));
    expect([await counter(d.subscriptionId), await counter(other)]).toEqual([from, to]);
  });

  it("counts an inserted domain's mailboxes and forgets them when the domain is deleted", async () => {
    const d = await f.domain("alpenblick.example");
    const before = await counter(d.subscriptionId);
    await h.db.insert(domains).values({
      resellerId: d.resellerId,
      customerId: d.customerId,
      subscriptionId: d.subscriptionId,
      name: "zaehler.example",
      mailboxCount: 3,
    });
    expect(await counter(d.subscriptionId)).toBe(before + 3);
    await h.db.delete(domains).where(eq(domains.name, "zaehler.example"));
    expect(await counter(d.subscriptionId)).toBe(before);
    expect(await drifted()).toEqual([]);
  });
});
