import { and, eq } from "drizzle-orm";
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
import { actorsOf, type Handle, NEW_PASSWORD } from "../support/reseller-admin/actors";
import { createSeededDb } from "../support/seeded-db";

let handle: Handle;
let as: ReturnType<typeof actorsOf>;
let customer: Actor;
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
  handle = await createSeededDb();
  as = actorsOf(handle);
  customer = as.user("kunde@kontor.example");
  const panelDomains = handle.db
    .select({ id: domains.id, name: domains.name, subscriptionId: domains.subscriptionId })
    .from(domains)
    .innerJoin(subscriptions, eq(subscriptions.id, domains.subscriptionId))
    .innerJoin(packages, eq(packages.id, subscriptions.packageId))
    .where(and(eq(domains.customerId, customer.customerId!), eq(packages.panel, "plesk10")))
    .all();
  [domain, otherDomain] = panelDomains;
});

describe("aliases", () => {
  it("delivers to mailboxes of the customer and outside addresses, and the mailbox sees it among its addresses", async () => {
    const a = await mailbox(domain, "a");
    const b = await mailbox(otherDomain, "b");
    const saved = saveAlias(
      customer,
      input(domain, "team", [a.address, b.address.toUpperCase(), "partner@outside.example"]),
      ctx,
      handle.db,
    );
    expect(saved!.address).toBe(`team@${domain.name}`);
    const row = listAliases(customer, domain.subscriptionId, handle.db).find((x) => x.id === saved!.id);
    expect(row?.targets).toEqual([a.address, b.address, "partner@outside.example"].sort().map(displayAddress));
    expect(otherAddressesOf({ id: a.id, address: a.address }, handle.db).aliases).toEqual([`team@${domain.name}`]);
  });

  it("refuses an alias equal to a mailbox, and a mailbox equal to an alias", async () => {
    const a = await mailbox(domain, "taken");
    const errors = await fieldErrorsOf(() =>
      saveAlias(customer, input(domain, a.address.split("@")[0], ["x@outside.example"]), ctx, handle.db),
    );
    expect(errors.localPart).toEqual(["aliases.errors.addressIsMailbox"]);
    saveAlias(customer, input(domain, "reserved", ["x@outside.example"]), ctx, handle.db);
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
    const self = await fieldErrorsOf(() => saveAlias(customer, input(domain, "self", [`self@${domain.name}`]), ctx, handle.db));
    // The alias does not exist yet, so pointing at itself is an unknown address of the customer.
    expect(self.targets).toEqual(["aliases.errors.targetUnknown"]);
    const box = await mailbox(domain, "loop");
    const one = saveAlias(customer, input(domain, "loop-one", [box.address]), ctx, handle.db)!;
    saveAlias(customer, input(domain, "loop-two", [`loop-one@${domain.name}`]), ctx, handle.db);
    const errors = await fieldErrorsOf(() =>
      saveAlias(customer, { ...input(domain, "loop-one", [`loop-two@${domain.name}`]), aliasId: one.id }, ctx, handle.db),
    );
    expect(errors.targets).toEqual(["aliases.errors.loop"]);
    expect(handle.db.select().from(mailAliases).where(eq(mailAliases.id, one.id)).get()?.address).toBe(`loop-one@${domain.name}`);
  });

  it("takes the aliases that pointed at a renamed alias along, leaving no stale target", async () => {
    const box = await mailbox(domain, "rename-box");
    const old = saveAlias(customer, input(domain, "rename-old", [box.address]), ctx, handle.db)!;
    const via = saveAlias(customer, input(domain, "rename-via", [`rename-old@${domain.name}`, "x@outside.example"]), ctx, handle.db)!;
    saveAlias(customer, { ...input(domain, "rename-new", [box.address]), aliasId: old.id }, ctx, handle.db);
    const targetsOf = (id: number) =>
      handle.db
        .select({ target: mailAliasTargets.target })
        .from(mailAliasTargets)
        .where(eq(mailAliasTargets.aliasId, id))
        .all()
        .map((r) => r.target)
        .sort();
    expect(targetsOf(via.id)).toEqual([`rename-new@${domain.name}`, "x@outside.example"]);
    expect(
      handle.db
        .select()
        .from(mailAliasTargets)
        .where(eq(mailAliasTargets.target, `rename-old@${domain.name}`))
        .all(),
    ).toEqual([]);
  });

  it("drops targets pointing at a deleted alias, and aliases left with none, along the chain", async () => {
    const box = await mailbox(domain, "chain-box");
    const first = saveAlias(customer, input(domain, "chain-first", [box.address]), ctx, handle.db)!;
    const second = saveAlias(customer, input(domain, "chain-second", [`chain-first@${domain.name}`]), ctx, handle.db)!;
    const third = saveAlias(customer, input(domain, "chain-third", [`chain-second@${domain.name}`, "y@outside.example"]), ctx, handle.db)!;
    deleteAlias(customer, { subscriptionId: domain.subscriptionId, aliasId: first.id }, ctx, handle.db);
    const alive = (id: number) => handle.db.select().from(mailAliases).where(eq(mailAliases.id, id)).get() !== undefined;
    expect([alive(second.id), alive(third.id)]).toEqual([false, true]);
    expect(
      handle.db.select({ target: mailAliasTargets.target }).from(mailAliasTargets).where(eq(mailAliasTargets.aliasId, third.id)).all(),
    ).toEqual([{ target: "y@outside.example" }]);
  });

  it("refuses 10,000 targets, invalid ones and another customer's addresses beside the field, changing nothing", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `t${i}@outside.example`);
    expect((await fieldErrorsOf(() => saveAlias(customer, input(domain, "many", many), ctx, handle.db))).targets).toEqual([
      "aliases.errors.tooManyTargets",
    ]);
    expect((await fieldErrorsOf(() => saveAlias(customer, input(domain, "bad", ["not an address"]), ctx, handle.db))).targets).toEqual([
      "aliases.errors.targetInvalid",
    ]);
    const foreign = handle.db
      .select({ address: mailboxes.address })
      .from(mailboxes)
      .where(eq(mailboxes.customerId, as.user("kunde2@kontor.example").customerId!))
      .get()!;
    expect((await fieldErrorsOf(() => saveAlias(customer, input(domain, "steal", [foreign.address]), ctx, handle.db))).targets).toEqual([
      "aliases.errors.targetOtherCustomer",
    ]);
    expect(handle.db.select().from(mailAliases).where(eq(mailAliases.localPart, "many")).all()).toEqual([]);
  });

  it("answers NotFound for another customer's domain or alias", async () => {
    const other = as.user("kunde2@kontor.example");
    expect(() => saveAlias(other, input(domain, "x", ["a@outside.example"]), ctx, handle.db)).toThrow(NotFoundError);
    const mine = saveAlias(customer, input(domain, "mine", ["a@outside.example"]), ctx, handle.db)!;
    expect(() => deleteAlias(other, { subscriptionId: domain.subscriptionId, aliasId: mine.id }, ctx, handle.db)).toThrow(NotFoundError);
    deleteAlias(customer, { subscriptionId: domain.subscriptionId, aliasId: mine.id }, ctx, handle.db);
    expect(handle.db.select().from(mailAliases).where(eq(mailAliases.id, mine.id)).get()).toBeUndefined();
  });

  it("counts aliases against the package's limit", async () => {
    const sub = handle.db
      .select({ packageId: subscriptions.packageId })
      .from(subscriptions)
      .where(eq(subscriptions.id, otherDomain.subscriptionId))
      .get()!;
    const used = handle.db
      .select()
      .from(mailAliases)
      .innerJoin(domains, eq(domains.id, mailAliases.domainId))
      .where(eq(domains.subscriptionId, otherDomain.subscriptionId))
      .all().length;
    handle.db
      .update(packages)
      .set({ maxAliases: used + 1 })
      .where(eq(packages.id, sub.packageId))
      .run();
    try {
      saveAlias(customer, input(otherDomain, "last", ["a@outside.example"]), ctx, handle.db);
      expect(
        (await fieldErrorsOf(() => saveAlias(customer, input(otherDomain, "over", ["a@outside.example"]), ctx, handle.db)))._form,
      ).toEqual(["aliases.errors.limit"]);
    } finally {
      handle.db.update(packages).set({ maxAliases: null }).where(eq(packages.id, sub.packageId)).run();
    }
  });

  it("drops targets of a deleted mailbox, and aliases left with none", async () => {
    const box = await mailbox(domain, "gone");
    const alias = saveAlias(customer, input(domain, "only-gone", [box.address]), ctx, handle.db)!;
    deleteMailboxes(customer, { subscriptionId: domain.subscriptionId, mailboxIds: [box.id], confirmed: "yes" }, ctx, handle.db);
    expect(handle.db.select().from(mailAliases).where(eq(mailAliases.id, alias.id)).get()).toBeUndefined();
  });

  it("lets the E-Mail-Administration keep aliases on its domains only", async () => {
    const admin = as.mailAdmin("k10001.001");
    const noPanel = handle.db
      .select({ id: domains.id, name: domains.name })
      .from(domains)
      .where(eq(domains.name, "dorfladen.example"))
      .get()!;
    const saved = saveAlias(
      admin,
      aliasSchema.parse({ domainId: String(noPanel.id), localPart: "laden", targets: `kontakt@${noPanel.name}` }),
      ctx,
      handle.db,
    );
    expect(saved!.address).toBe("laden@dorfladen.example");
    expect(() =>
      saveAlias(admin, aliasSchema.parse({ domainId: String(domain.id), localPart: "x", targets: "a@outside.example" }), ctx, handle.db),
    ).toThrow(NotFoundError);
  });
});

describe("catch-all", () => {
  it("takes a mailbox of the same domain, refuses one of another domain, and switches off", async () => {
    const box = await mailbox(domain, "catch");
    const foreignBox = await mailbox(otherDomain, "elsewhere");
    const base = { subscriptionId: domain.subscriptionId, domainId: domain.id };
    setCatchAll(customer, { ...base, mailboxId: box.id }, ctx, handle.db);
    expect(handle.db.select({ c: domains.catchAllMailboxId }).from(domains).where(eq(domains.id, domain.id)).get()?.c).toBe(box.id);
    expect((await fieldErrorsOf(() => setCatchAll(customer, { ...base, mailboxId: foreignBox.id }, ctx, handle.db))).mailboxId).toEqual([
      "aliases.errors.catchAllOtherDomain",
    ]);
    expect(otherAddressesOf({ id: box.id, address: box.address }, handle.db).catchAllDomains).toEqual([domain.name]);
    setCatchAll(customer, { ...base, mailboxId: null }, ctx, handle.db);
    expect(handle.db.select({ c: domains.catchAllMailboxId }).from(domains).where(eq(domains.id, domain.id)).get()?.c).toBeNull();
  });
});
