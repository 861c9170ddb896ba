/**
 * Ending a subscription (lib/services/subscriptions/end-subscription.ts) on a database of its own:
 * everything of its domains goes in one transaction, the customer's other subscription and its
 * counters stay as they were, alias targets into the ended domains go, mail accounts go with the last
 * package without panel only, another reseller's subscription is 404, a customer is refused, and the
 * customer can be deleted afterwards.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  domains,
  mailAccountAddresses,
  mailAccounts,
  mailAliases,
  mailAliasTargets,
  mailboxes,
  subscriptions,
} from "@/db/schema";
import { firstRow } from "@/db/rows";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { saveAlias } from "@/lib/services/aliases/save-alias";
import { deleteCustomer } from "@/lib/services/customers/delete-customer";
import { endSubscription } from "@/lib/services/subscriptions/end-subscription";
import { getSubscriptionContents } from "@/lib/services/subscriptions/subscription-contents";
import { aliasSchema } from "@/lib/validation/alias";
import {
  aCustomerWithPackage,
  aDomain,
  aDomainWithMailboxes,
  aMailAccount,
  anAdmin,
  aReseller,
  emptyDb,
  type TestDb,
  type TestSubscription,
} from "../support/factories";

let db: TestDb;
beforeAll(async () => {
  db = (await emptyDb()).db;
});

const rowsOf = async (table: typeof mailboxes | typeof mailAliases | typeof mailAccountAddresses, domainIds: number[]) =>
  (await firstRow(db.select({ n: count() }).from(table).where(inArray(table.domainId, domainIds))))?.n ?? 0;
const counter = async (id: number) =>
  (await firstRow(db.select({ n: subscriptions.mailboxCount }).from(subscriptions).where(eq(subscriptions.id, id))))?.n;
const alias = (sub: TestSubscription, domainId: number, localPart: string, targets: string[]) =>
  saveAlias(
    sub.customer.actor,
    aliasSchema.parse({ subscriptionId: String(sub.subscriptionId), domainId: String(domainId), localPart, targets: targets.join("\n") }),
    { ip: null },
    db,
  );

describe("ending a subscription", () => {
  it("deletes its domains, mailboxes and aliases in one go and leaves the customer's other subscription intact", async () => {
    const ended = await aDomainWithMailboxes(db, 3);
    const second = await aDomain(db, ended);
    const kept = await aDomainWithMailboxes(db, 2, {
      sub: await aCustomerWithPackage(db, { reseller: ended.reseller, customer: ended.customer }),
    });
    await alias(ended, ended.domain.id, "team", [ended.mailboxes[0].address, "x@outside.example"]);
    // Aliases of the subscription that stays: one also names an address outside, one only the ended one.
    await alias(kept, kept.domain.id, "both", [ended.mailboxes[1].address, kept.mailboxes[0].address]);
    await alias(kept, kept.domain.id, "only", [ended.mailboxes[2].address]);
    const keptBefore = await counter(kept.subscriptionId);

    const contents = await getSubscriptionContents(ended.reseller.actor, ended.subscriptionId, db);
    expect(contents).toMatchObject({ mailboxes: 3, aliases: 1, mailAccounts: 0 });
    expect(contents.domains.map((d) => d.id).sort()).toEqual([ended.domain.id, second.id].sort());

    const result = await endSubscription(ended.reseller.actor, ended.subscriptionId, "192.0.2.5", db);
    expect(result.mailboxes).toBe(3);
    const ids = [ended.domain.id, second.id];
    expect(await firstRow(db.select().from(subscriptions).where(eq(subscriptions.id, ended.subscriptionId)))).toBeUndefined();
    expect(await db.select().from(domains).where(inArray(domains.id, ids))).toEqual([]);
    expect(await rowsOf(mailboxes, ids)).toBe(0);
    expect(await rowsOf(mailAliases, ids)).toBe(0);
    // The other subscription: counter and mailboxes unchanged, the alias that only pointed into the ended domain gone.
    expect(await counter(kept.subscriptionId)).toBe(keptBefore);
    expect(await rowsOf(mailboxes, [kept.domain.id])).toBe(2);
    const left = await db
      .select({ address: mailAliases.address, target: mailAliasTargets.target })
      .from(mailAliases)
      .innerJoin(mailAliasTargets, eq(mailAliasTargets.aliasId, mailAliases.id))
      .where(eq(mailAliases.domainId, kept.domain.id));
    expect(left).toEqual([{ address: `both@${kept.domain.name}`, target: kept.mailboxes[0].address }]);
    const audit = await firstRow(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "subscription.end"), eq(auditLog.targetId, ended.subscriptionId))),
    );
    expect(audit?.details).toMatchObject({ mailboxes: 3, aliases: 1, mailAccounts: 0 });
    expect(audit?.ip).toBe("192.0.2.5");
  });

  it("is 404 for another reseller and refused for the customer; the admin may end any", async () => {
    const sub = await aDomainWithMailboxes(db, 1);
    const other = await aReseller(db);
    await expect(endSubscription(other.actor, sub.subscriptionId, null, db)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSubscriptionContents(other.actor, sub.subscriptionId, db)).rejects.toBeInstanceOf(NotFoundError);
    await expect(endSubscription(sub.customer.actor, sub.subscriptionId, null, db)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await counter(sub.subscriptionId)).toBe(1);
    await endSubscription(await anAdmin(db), sub.subscriptionId, null, db);
    expect(await counter(sub.subscriptionId)).toBeUndefined();
  });

  it("lets the customer be deleted once its subscriptions are ended", async () => {
    const sub = await aDomainWithMailboxes(db, 1);
    await expect(deleteCustomer(sub.reseller.actor, sub.customer.id, null, db)).rejects.toBeInstanceOf(ConflictError);
    await endSubscription(sub.reseller.actor, sub.subscriptionId, null, db);
    await deleteCustomer(sub.reseller.actor, sub.customer.id, null, db);
  });

  it("deletes the customer's mail accounts with its last package without panel, not before", async () => {
    const first = await aMailAccount(db, { extraAccounts: 1 });
    const second = await aCustomerWithPackage(db, { reseller: first.reseller, customer: first.customer, package: { panel: "none" } });
    const accounts = async () =>
      (await db.select({ login: mailAccounts.login }).from(mailAccounts).where(eq(mailAccounts.customerId, first.customer.id))).length;

    expect((await getSubscriptionContents(first.reseller.actor, first.subscriptionId, db)).mailAccounts).toBe(0);
    await endSubscription(first.reseller.actor, first.subscriptionId, null, db);
    expect(await accounts()).toBe(2);
    // The routed address lived in the ended domain and went with it.
    expect(await rowsOf(mailAccountAddresses, [first.domain.id])).toBe(0);

    expect((await getSubscriptionContents(first.reseller.actor, second.subscriptionId, db)).mailAccounts).toBe(2);
    await endSubscription(first.reseller.actor, second.subscriptionId, null, db);
    expect(await accounts()).toBe(0);
  });
});
