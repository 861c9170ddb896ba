/**
 * Another customer's subscription, domain and mailbox, reached through the services the pages and
 * actions use: always NotFound (404), and nothing changes. kunde (the panel packages' customer) and
 * kunde2 share a reseller; kunde3 belongs to another reseller.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { firstRow } from "@/db/rows";
import { auditLog, domains, forwards, mailboxes, spamSettings, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError } from "@/lib/errors";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { getPanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import { listSubscriptionMailboxes } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import { setForwarding } from "@/lib/services/mailboxes/set-forwarding";
import { setSpamFilter } from "@/lib/services/mailboxes/set-spam-filter";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { emptyDb, type TestDb } from "../support/factories";
import { type CustomerKey, NEW_PASSWORD, panelFixtures, threeCustomers } from "./panel-fixtures";

let h: { db: TestDb };
let f: Awaited<ReturnType<typeof panelFixtures>>;
let customers: Record<CustomerKey, Actor>;
beforeAll(async () => {
  h = await emptyDb();
  f = panelFixtures(h.db);
  customers = await threeCustomers(h.db);
});
const customer = (key: CustomerKey): Actor => customers[key];

// [attacker, victim's domain, victim's mailbox]
const cases = [
  ["kunde", "zweite-firma.example", "info@zweite-firma.example"],
  ["kunde", "suedwind-kunde.example", "info@suedwind-kunde.example"],
  ["kunde2", "citywerk.example", "max.mustermann@citywerk.example"],
  ["kunde3", "alpenblick.example", "info@alpenblick.example"],
] as const;

const snapshot = async () => ({
  mailboxes: await h.db.select().from(mailboxes).orderBy(mailboxes.id),
  domains: await h.db.select().from(domains).orderBy(domains.id),
  forwards: await h.db.select().from(forwards),
  spam: await h.db.select().from(spamSettings).orderBy(spamSettings.mailboxId),
  audit: (await h.db.select({ id: auditLog.id }).from(auditLog)).length,
});

async function expectNotFound(fn: () => unknown) {
  await expect((async () => fn())()).rejects.toBeInstanceOf(NotFoundError);
}

describe.each(cases)("%s against %s", (attacker, victimDomain, victimAddress) => {
  let actor: Actor;
  let subId: number;
  let domainId: number;
  let mailboxId: number;
  let ownSubId: number;
  beforeAll(async () => {
    actor = customer(attacker);
    const d = await f.domain(victimDomain);
    subId = d.subscriptionId;
    domainId = d.id;
    mailboxId = (await f.mailbox(victimAddress))?.id ?? 0;
    ownSubId =
      (
        await firstRow(
          h.db
            .select({ id: subscriptions.id })
            .from(subscriptions)
            .where(eq(subscriptions.customerId, actor.customerId ?? 0))
            .limit(1),
        )
      )?.id ?? 0;
  });

  it("cannot read the subscription, its mailboxes or the mailbox", async () => {
    await expectNotFound(async () => await getSubscriptionForCustomer(actor, subId, h.db));
    await expectNotFound(async () => await getPanelMailbox(actor, subId, mailboxId, h.db));
    // Own subscription in the URL, foreign mailbox id: still not found.
    await expectNotFound(async () => await getPanelMailbox(actor, ownSubId, mailboxId, h.db));
    expect((await listSubscriptionMailboxes(actor, subId, {}, h.db)).items).toEqual([]);
  });

  it("cannot create, change, forward, filter or delete, and nothing changes", async () => {
    const before = await snapshot();
    const pw = { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    await expectNotFound(() =>
      createMailbox(actor, { subscriptionId: subId, domainId, localPart: "eindringling", quotaMb: null, ...pw }, {}, h.db),
    );
    await expectNotFound(() =>
      createMailbox(actor, { subscriptionId: ownSubId, domainId, localPart: "eindringling", quotaMb: null, ...pw }, {}, h.db),
    );
    await expectNotFound(() =>
      updateMailboxSettings(actor, { subscriptionId: subId, mailboxId, enabled: false, quotaMb: 1, ...pw }, {}, h.db),
    );
    await expectNotFound(() =>
      updateMailboxSettings(actor, { subscriptionId: ownSubId, mailboxId, enabled: false, quotaMb: 1, ...pw }, {}, h.db),
    );
    await expectNotFound(
      async () => await setForwarding(actor, { subscriptionId: subId, mailboxId, targets: "dieb@example.org", keepCopy: false }, {}, h.db),
    );
    await expectNotFound(async () => await setSpamFilter(actor, { subscriptionId: subId, mailboxId, enabled: false }, {}, h.db));
    await expectNotFound(
      async () => await deleteMailboxes(actor, { subscriptionId: subId, mailboxIds: [mailboxId], confirmed: "yes" }, {}, h.db),
    );
    await expectNotFound(
      async () => await deleteMailboxes(actor, { subscriptionId: ownSubId, mailboxIds: [mailboxId], confirmed: "yes" }, {}, h.db),
    );
    expect(await snapshot()).toEqual(before);
  });
});

it("deletes nothing when one selected id of many is foreign", async () => {
  const kunde = customer("kunde");
  const d = await f.domain("citywerk.example");
  const own = (await f.mailbox("info@citywerk.example"))?.id ?? 0;
  const foreign = (await f.mailbox("info@zweite-firma.example"))?.id ?? 0;
  const before = await snapshot();
  await expectNotFound(
    async () => await deleteMailboxes(kunde, { subscriptionId: d.subscriptionId, mailboxIds: [own, foreign], confirmed: "yes" }, {}, h.db),
  );
  expect(await snapshot()).toEqual(before);
});
