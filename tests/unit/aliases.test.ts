import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { domains, mailAliases, mailAliasTargets, mailboxes, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError } from "@/lib/errors";
import { setCatchAll } from "@/lib/services/aliases/catch-all";
import { listAliases, otherAddressesOf } from "@/lib/services/aliases/list-aliases";
import { deleteAlias, saveAlias } from "@/lib/services/aliases/save-alias";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { aliasSchema } from "@/lib/validation/alias";
import { displayAddress } from "@/lib/validation/names";
import { fieldErrorsOf } from "../support/field-errors";
import { aCustomerWithPackage, aDomain, aDomainWithMailboxes, aMailAccount, emptyDb, type TestDb } from "../support/factories";
import { NEW_PASSWORD } from "../support/reseller-admin/actors";
import { firstRow } from "@/db/rows";

/**
 * A customer with a Business subscription (citywerk.example and grüne-wiese.example) and a package
 * without panel (dorfladen.example, accounts .001 and .002 with konto2@ routed to it); another
 * customer of the same reseller with a mailbox of its own.
 */
let handle: { db: TestDb };
let customer: Actor;
let other: Actor;
let mailAdmin: Actor;
let domain: { id: number; name: string; subscriptionId: number };
let otherDomain: { id: number; name: string; subscriptionId: number };
const ctx = { ip: "192.0.2.9" };

/** A fresh mailbox of a domain, so the tests do not lean on the seed's addresses. */
async function mailbox(d: typeof domain, prefix: string) {
  const localPart = `${prefix}${Math.random().toString(36).slice(2, 8)}`;
  return (await createMailbox(
    customer,
    {
      subscriptionId: d.subscriptionId,
      domainId: d.id,
      localPart,
      quotaMb: null,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    },
    ctx,
    handle.db,
  ))!;
}
const input = (d: typeof domain, localPart: string, targets: string[]) =>
  aliasSchema.parse({ subscriptionId: String(d.subscriptionId), domainId: String(d.id), localPart, targets: targets.join("\n") });

beforeAll(async () => {
  handle = await emptyDb();
  const db = handle.db;
  const business = await aCustomerWithPackage(db, {
    domain: "citywerk.example",
    package: { name: "Business", panel: "plesk10", maxDomains: null, maxMailboxes: 200, maxForwards: null },
  });
  customer = business.customer.actor;
  domain = { ...business.domain, subscriptionId: business.subscriptionId };
  otherDomain = { ...(await aDomain(db, business, "grüne-wiese.example")), subscriptionId: business.subscriptionId };
  const owner = { reseller: business.reseller, customer: business.customer };
  const noPanel = await aCustomerWithPackage(db, { ...owner, domain: "dorfladen.example", package: { panel: "none" } });
  mailAdmin = (await aMailAccount(db, { sub: noPanel, extraAccounts: 1 })).admin.actor;
  other = (await aDomainWithMailboxes(db, 1, { sub: await aCustomerWithPackage(db, { reseller: business.reseller }) })).customer.actor;
});

describe("aliases", () => {
  it("delivers to mailboxes of the customer and outside addresses, and the mailbox sees it among its addresses", async () => {
    const a = await mailbox(domain, "a");
    const b = await mailbox(otherDomain, "b");
    const saved = await saveAlias(
      customer,
      input(domain, "team", [a.address, b.address.toUpperCase(), "partner@outside.example"]),
      ctx,
      handle.db,
    );
    expect(saved!.address).toBe(`team@${domain.name}`);
    const row = (await listAliases(customer, domain.subscriptionId, handle.db)).find((x) => x.id === saved!.id);
    expect(row?.targets).toEqual([a.address, b.address, "partner@outside.example"].sort().map(displayAddress));
    expect((await otherAddressesOf({ id: a.id, address: a.address }, handle.db)).aliases).toEqual([`team@${domain.name}`]);
  });

  it("refuses an alias equal to a mailbox, and a mailbox equal to an alias", async () => {
    const a = await mailbox(domain, "taken");
    const errors = await fieldErrorsOf(
      async () => await saveAlias(customer, input(domain, a.address.split("@")[0], ["x@outside.example"]), ctx, handle.db),
    );
    expect(errors.localPart).toEqual(["aliases.errors.addressIsMailbox"]);
    await saveAlias(customer, input(domain, "reserved", ["x@outside.example"]), ctx, handle.db);
    const mbErrors = await fieldErrorsOf(() =>
      createMailbox(
        customer,
        {
          subscriptionId: domain.subscriptionId,
          domainId: domain.id,
          localPart: "reserved",
          quotaMb: null,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        },
        ctx,
        handle.db,
      ),
    );
    expect(mbErrors.localPart).toEqual(["panel.errors.addressTaken"]);
  });

  it("refuses loops when they are saved, directly and through other aliases", async () => {
    const self = await fieldErrorsOf(async () => await saveAlias(customer, input(domain, "self", [`self@${domain.name}`]), ctx, handle.db));
    // The alias does not exist yet, so pointing at itself is an unknown address of the customer.
    expect(self.targets).toEqual(["aliases.errors.targetUnknown"]);
    const box = await mailbox(domain, "loop");
    const one = (await saveAlias(customer, input(domain, "loop-one", [box.address]), ctx, handle.db))!;
    await saveAlias(customer, input(domain, "loop-two", [`loop-one@${domain.name}`]), ctx, handle.db);
    const errors = await fieldErrorsOf(
      async () => await saveAlias(customer, { ...input(domain, "loop-one", [`loop-two@${domain.name}`]), aliasId: one.id }, ctx, handle.db),
    );
    expect(errors.targets).toEqual(["aliases.errors.loop"]);
    expect((await firstRow(handle.db.select().from(mailAliases).where(eq(mailAliases.id, one.id))))?.address).toBe(
      `loop-one@${domain.name}`,
    );
  });

  it("takes the aliases that pointed at a renamed alias along, leaving no stale target", async () => {
    const box = await mailbox(domain, "rename-box");
    const old = (await saveAlias(customer, input(domain, "rename-old", [box.address]), ctx, handle.db))!;
    const via = (await saveAlias(
      customer,
      input(domain, "rename-via", [`rename-old@${domain.name}`, "x@outside.example"]),
      ctx,
      handle.db,
    ))!;
    await saveAlias(customer, { ...input(domain, "rename-new", [box.address]), aliasId: old.id }, ctx, handle.db);
    const targetsOf = async (id: number) =>
      (await handle.db.select({ target: mailAliasTargets.target }).from(mailAliasTargets).where(eq(mailAliasTargets.aliasId, id)))
        .map((r) => r.target)
        .sort();
    expect(await targetsOf(via.id)).toEqual([`rename-new@${domain.name}`, "x@outside.example"]);
    expect(
      await handle.db
        .select()
        .from(mailAliasTargets)
        .where(eq(mailAliasTargets.target, `rename-old@${domain.name}`)),
    ).toEqual([]);
  });

  it("drops targets pointing at a deleted alias, and aliases left with none, along the chain", async () => {
    const box = await mailbox(domain, "chain-box");
    const first = (await saveAlias(customer, input(domain, "chain-first", [box.address]), ctx, handle.db))!;
    const second = (await saveAlias(customer, input(domain, "chain-second", [`chain-first@${domain.name}`]), ctx, handle.db))!;
    const third = (await saveAlias(
      customer,
      input(domain, "chain-third", [`chain-second@${domain.name}`, "y@outside.example"]),
      ctx,
      handle.db,
    ))!;
    await deleteAlias(customer, { subscriptionId: domain.subscriptionId, aliasId: first.id }, ctx, handle.db);
    const alive = async (id: number) => (await firstRow(handle.db.select().from(mailAliases).where(eq(mailAliases.id, id)))) !== undefined;
    expect([await alive(second.id), await alive(third.id)]).toEqual([false, true]);
    expect(
      await handle.db.select({ target: mailAliasTargets.target }).from(mailAliasTargets).where(eq(mailAliasTargets.aliasId, third.id)),
    ).toEqual([{ target: "y@outside.example" }]);
  });

  it("refuses 10,000 targets, invalid ones and another customer's addresses beside the field, changing nothing", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `t${i}@outside.example`);
    expect((await fieldErrorsOf(async () => await saveAlias(customer, input(domain, "many", many), ctx, handle.db))).targets).toEqual([
      "aliases.errors.tooManyTargets",
    ]);
    expect(
      (await fieldErrorsOf(async () => await saveAlias(customer, input(domain, "bad", ["not an address"]), ctx, handle.db))).targets,
    ).toEqual(["aliases.errors.targetInvalid"]);
    const foreign = (await firstRow(
      handle.db.select({ address: mailboxes.address }).from(mailboxes).where(eq(mailboxes.customerId, other.customerId!)),
    ))!;
    expect(
      (await fieldErrorsOf(async () => await saveAlias(customer, input(domain, "steal", [foreign.address]), ctx, handle.db))).targets,
    ).toEqual(["aliases.errors.targetOtherCustomer"]);
    expect(await handle.db.select().from(mailAliases).where(eq(mailAliases.localPart, "many"))).toEqual([]);
  });

  it("answers NotFound for another customer's domain or alias", async () => {
    await expect(async () => await saveAlias(other, input(domain, "x", ["a@outside.example"]), ctx, handle.db)).rejects.toThrow(
      NotFoundError,
    );
    const mine = (await saveAlias(customer, input(domain, "mine", ["a@outside.example"]), ctx, handle.db))!;
    await expect(
      async () => await deleteAlias(other, { subscriptionId: domain.subscriptionId, aliasId: mine.id }, ctx, handle.db),
    ).rejects.toThrow(NotFoundError);
    await deleteAlias(customer, { subscriptionId: domain.subscriptionId, aliasId: mine.id }, ctx, handle.db);
    expect(await firstRow(handle.db.select().from(mailAliases).where(eq(mailAliases.id, mine.id)))).toBeUndefined();
  });

  it("counts aliases against the package's limit", async () => {
    const sub = (await firstRow(
      handle.db.select({ packageId: subscriptions.packageId }).from(subscriptions).where(eq(subscriptions.id, otherDomain.subscriptionId)),
    ))!;
    const used = (
      await handle.db
        .select()
        .from(mailAliases)
        .innerJoin(domains, eq(domains.id, mailAliases.domainId))
        .where(eq(domains.subscriptionId, otherDomain.subscriptionId))
    ).length;
    await handle.db
      .update(packages)
      .set({ maxAliases: used + 1 })
      .where(eq(packages.id, sub.packageId));
    try {
      await saveAlias(customer, input(otherDomain, "last", ["a@outside.example"]), ctx, handle.db);
      expect(
        (await fieldErrorsOf(async () => await saveAlias(customer, input(otherDomain, "over", ["a@outside.example"]), ctx, handle.db)))
          ._form,
      ).toEqual(["aliases.errors.limit"]);
    } finally {
      await handle.db.update(packages).set({ maxAliases: null }).where(eq(packages.id, sub.packageId));
    }
  });

  it("drops targets of a deleted mailbox, and aliases left with none", async () => {
    const box = await mailbox(domain, "gone");
    const alias = (await saveAlias(customer, input(domain, "only-gone", [box.address]), ctx, handle.db))!;
    await deleteMailboxes(customer, { subscriptionId: domain.subscriptionId, mailboxIds: [box.id], confirmed: "yes" }, ctx, handle.db);
    expect(await firstRow(handle.db.select().from(mailAliases).where(eq(mailAliases.id, alias.id)))).toBeUndefined();
  });

  it("lets the E-Mail-Administration keep aliases on its domains only", async () => {
    const admin = mailAdmin;
    const noPanel = (await firstRow(
      handle.db.select({ id: domains.id, name: domains.name }).from(domains).where(eq(domains.name, "dorfladen.example")),
    ))!;
    const saved = await saveAlias(
      admin,
      aliasSchema.parse({ domainId: String(noPanel.id), localPart: "laden", targets: `konto2@${noPanel.name}` }),
      ctx,
      handle.db,
    );
    expect(saved!.address).toBe("laden@dorfladen.example");
    await expect(
      async () =>
        await saveAlias(
          admin,
          aliasSchema.parse({ domainId: String(domain.id), localPart: "x", targets: "a@outside.example" }),
          ctx,
          handle.db,
        ),
    ).rejects.toThrow(NotFoundError);
  });
});

describe("catch-all", () => {
  it("takes a mailbox of the same domain, refuses one of another domain, and switches off", async () => {
    const box = await mailbox(domain, "catch");
    const foreignBox = await mailbox(otherDomain, "elsewhere");
    const base = { subscriptionId: domain.subscriptionId, domainId: domain.id };
    await setCatchAll(customer, { ...base, mailboxId: box.id }, ctx, handle.db);
    expect((await firstRow(handle.db.select({ c: domains.catchAllMailboxId }).from(domains).where(eq(domains.id, domain.id))))?.c).toBe(
      box.id,
    );
    expect(
      (await fieldErrorsOf(async () => await setCatchAll(customer, { ...base, mailboxId: foreignBox.id }, ctx, handle.db))).mailboxId,
    ).toEqual(["aliases.errors.catchAllOtherDomain"]);
    expect((await otherAddressesOf({ id: box.id, address: box.address }, handle.db)).catchAllDomains).toEqual([domain.name]);
    await setCatchAll(customer, { ...base, mailboxId: null }, ctx, handle.db);
    expect(
      (await firstRow(handle.db.select({ c: domains.catchAllMailboxId }).from(domains).where(eq(domains.id, domain.id))))?.c,
    ).toBeNull();
  });
});
