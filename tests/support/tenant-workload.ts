import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { packages, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { setSpamFilter } from "@/lib/services/mailboxes/set-spam-filter";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { orderPackage } from "@/lib/services/orders/order-package";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { createMailboxSchema, deleteMailboxesSchema, mailboxSettingsSchema, spamFilterSchema } from "@/lib/validation/mailbox";
import { firstRow } from "@/db/rows";

/**
 * LD-03's workload: a reseller's new customers, each with a subscription and three mailboxes, then
 * every customer at once changing a password and quota, switching a spam filter off, adding and
 * deleting a mailbox, and trying to change its neighbour's mailbox. Everything goes through the
 * services with the forms' zod schemas, as the server actions do. Shared by the integration test
 * (in-process tenants) and tenant-writer.ts (a second process writing to the same database file).
 */

export type Tenant = {
  customerId: number;
  customerNumber: string;
  subscriptionId: number;
  domainId: number;
  mailboxIds: [number, number, number];
};

export type Ack =
  | { kind: "password"; customerId: number; mailboxId: number; password: string; quotaMb: number }
  | { kind: "spamOff"; customerId: number; mailboxId: number }
  | { kind: "create"; customerId: number; mailboxId: number; address: string; password: string }
  | { kind: "delete"; customerId: number; mailboxId: number }
  | { kind: "foreignRefused"; customerId: number; mailboxId: number; password: string; error: string };

export type WorkloadResult = { tenants: Tenant[]; acks: Ack[]; failures: string[] };

const password = (n: number | string) => `Kiefernzapfen-Mondlicht-${n}-Ostwind`;

async function actorFor(db: Db, email: string): Promise<Actor> {
  const user = await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, email)));
  const actor = user && (await loadActor(db, "user", user.id));
  if (!actor) throw new Error(`no actor ${email}`);
  return actor;
}

/** `tag` keeps names apart between processes: customers c<tag>-<i>@…, domains t<tag>-<i>.example. */
async function setUpTenant(db: Db, reseller: Actor, packageId: number, tag: string, i: number): Promise<Tenant> {
  const email = `c${tag}-${i}@last.example`;
  const customer = await createCustomer(
    reseller,
    {
      company: `Last ${tag} ${i}`,
      contactName: `Kontakt ${i}`,
      street: "Weg 1",
      postalCode: "12345",
      city: "Stadt",
      country: "DE",
      phone: "+49 30 1",
      contactEmail: email,
    },
    "192.0.2.10",
    db,
  );
  const order = await orderPackage(reseller, { customerId: customer.id, packageId, domain: `t${tag}-${i}.example` }, "192.0.2.10", db);
  const actor = await actorFor(db, email);
  const domainId = (await getSubscriptionForCustomer(actor, order.subscriptionId, db)).domains[0].id;
  const ids: number[] = [];
  for (const local of ["a", "b", "d"]) {
    const pw = password(`${tag}${i}${local}`);
    const input = createMailboxSchema.parse({
      subscriptionId: order.subscriptionId,
      domainId,
      localPart: local,
      quotaMb: "",
      newPassword: pw,
      confirmPassword: pw,
    });
    const created = await createMailbox(actor, input, { ip: "192.0.2.10" }, db);
    if (!created) throw new Error("createMailbox returned nothing");
    ids.push(created.id);
  }
  return {
    customerId: customer.id,
    customerNumber: customer.customerNumber,
    subscriptionId: order.subscriptionId,
    domainId,
    mailboxIds: ids as Tenant["mailboxIds"],
  };
}

/** All of one customer's writes at once; each resolves to an acknowledgement or a failure text. */
function tenantWrites(db: Db, actor: Actor, t: Tenant, neighbour: Tenant, n: number): Promise<Ack>[] {
  const [a, b, d] = t.mailboxIds;
  const sub = String(t.subscriptionId);
  const newPassword = password(`neu${n}`);
  const quota = 500 + n;
  const foreignPassword = password(`fremd${n}`);
  return [
    (async () => {
      const input = mailboxSettingsSchema.parse({
        subscriptionId: sub,
        mailboxId: String(a),
        enabled: "on",
        quotaMb: String(quota),
        newPassword,
        confirmPassword: newPassword,
      });
      await updateMailboxSettings(actor, input, { ip: "192.0.2.20" }, db);
      return { kind: "password", customerId: t.customerId, mailboxId: a, password: newPassword, quotaMb: quota } as const;
    })(),
    (async () => {
      await setSpamFilter(actor, spamFilterSchema.parse({ subscriptionId: sub, mailboxId: String(b) }), { ip: "192.0.2.20" }, db);
      return { kind: "spamOff", customerId: t.customerId, mailboxId: b } as const;
    })(),
    (async () => {
      const pw = password(`plus${n}`);
      const input = createMailboxSchema.parse({
        subscriptionId: sub,
        domainId: String(t.domainId),
        localPart: "neu",
        quotaMb: "",
        newPassword: pw,
        confirmPassword: pw,
      });
      const created = await createMailbox(actor, input, { ip: "192.0.2.20" }, db);
      if (!created) throw new Error("createMailbox returned nothing");
      return { kind: "create", customerId: t.customerId, mailboxId: created.id, address: created.address, password: pw } as const;
    })(),
    (async () => {
      await deleteMailboxes(
        actor,
        deleteMailboxesSchema.parse({ subscriptionId: sub, mailboxIds: String(d), confirmed: "yes" }),
        { ip: "192.0.2.20" },
        db,
      );
      return { kind: "delete", customerId: t.customerId, mailboxId: d } as const;
    })(),
    (async () => {
      const target = neighbour.mailboxIds[0];
      const input = mailboxSettingsSchema.parse({
        subscriptionId: sub,
        mailboxId: String(target),
        enabled: "on",
        quotaMb: "1",
        newPassword: foreignPassword,
        confirmPassword: foreignPassword,
      });
      try {
        await updateMailboxSettings(actor, input, { ip: "192.0.2.20" }, db);
      } catch (e) {
        return {
          kind: "foreignRefused",
          customerId: t.customerId,
          mailboxId: target,
          password: foreignPassword,
          error: (e as Error).constructor.name,
        } as const;
      }
      throw new Error(`customer ${t.customerId} changed mailbox ${target} of customer ${neighbour.customerId}`);
    })(),
  ];
}

/** Sets up `count` customers of the reseller concurrently, then runs all their writes concurrently. */
export async function runTenantWorkload(
  db: Db,
  resellerEmail: string,
  packageName: string,
  count: number,
  tag: string,
): Promise<WorkloadResult> {
  const reseller = await actorFor(db, resellerEmail);
  const pkg = await firstRow(
    db
      .select({ id: packages.id })
      .from(packages)
      .where(and(eq(packages.resellerId, reseller.resellerId ?? -1), eq(packages.name, packageName))),
  );
  if (!pkg) throw new Error(`reseller ${resellerEmail} has no package ${packageName}`);
  const failures: string[] = [];
  const setUp = await Promise.allSettled(Array.from({ length: count }, (_, i) => setUpTenant(db, reseller, pkg.id, tag, i)));
  const tenants = setUp.flatMap((s, i) =>
    s.status === "fulfilled" ? [s.value] : (failures.push(`set-up ${tag}-${i}: ${String(s.reason)}`), []),
  );
  const writes = tenants.map(async (t, i) => {
    const actor = await actorFor(db, `c${tag}-${i}@last.example`);
    return Promise.allSettled(tenantWrites(db, actor, t, tenants[(i + 1) % tenants.length], i));
  });
  const settled = (await Promise.all(writes)).flat();
  const acks = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : (failures.push(`write: ${String(s.reason)}`), [])));
  return { tenants, acks, failures };
}
