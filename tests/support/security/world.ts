import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import type { Role } from "@/lib/authz/permissions";
import { createSeededDb } from "../seeded-db";
import { firstRow, onlyRow } from "@/db/rows";

const {
  customers,
  domains,
  forwards,
  importJobs,
  mailAliases,
  mailAliasTargets,
  mailAccountAddresses,
  mailAccounts,
  mailboxes,
  mfaFactors,
  packages,
  reauthConfirmations,
  senderRules,
  subscriptions,
  tickets,
  ticketMessages,
  users,
} = schema;

/**
 * Two tenants of the demo data, each with one record of every kind an action can target:
 * A = reseller "Nordlicht" (R1) with customer K10001, B = reseller "Südwind" (R2) with customer K20001.
 * Every attacker of the security matrix sits in B; every record it aims at belongs to A. The seed has
 * no tickets, forwards, sender rules, second factors or mail accounts in B, so they are added here.
 */
export type TenantIds = {
  resellerId: number;
  customerId: number;
  customerUserId: number;
  packageId: number;
  /** A package no subscription uses, so deleting it would succeed. */
  unusedPackageId: number;
  subscriptionId: number;
  domainId: number;
  domainName: string;
  mailboxId: number;
  mailboxAddress: string;
  /** A second subscription of the same customer, for moves. */
  otherSubscriptionId: number;
  noPanelSubscriptionId: number;
  noPanelDomainId: number;
  adminAccountId: number;
  accountId: number;
  addressId: number;
  ticketId: number;
  forwardId: number;
  senderRuleId: number;
  factorId: number;
  /** An alias on the panel domain and one on the domain without panel. */
  aliasId: number;
  noPanelAliasId: number;
  /** A running import job (its lease held, so nothing runs it during the matrix). */
  importJobId: number;
};

export type World = {
  a: TenantIds;
  b: TenantIds;
  staff: { adminUserId: number; supportUserId: number; resellerUserId: number };
  /** The acting principal of each role: all in tenant B (admin and support have no tenant). */
  actors: Record<Role, Actor>;
};

function one<T>(row: T | null | undefined, what: string): T {
  if (row === null || row === undefined) throw new Error(`world: no ${what}`);
  return row;
}

/** Adds the records the seed lacks and returns every id the matrix needs. */
async function completeTenant(
  db: Db,
  p: { customerEmail: string; panelDomain: string; mailbox: string; otherDomain: string; noPanelDomain: string },
): Promise<TenantIds> {
  const customerUser = one(await firstRow(db.select().from(users).where(eq(users.email, p.customerEmail))), p.customerEmail);
  const resellerId = one(customerUser.resellerId, "reseller id");
  const customerId = one(customerUser.customerId, "customer id");
  const customer = one(await firstRow(db.select().from(customers).where(eq(customers.id, customerId))), "customer");
  const domain = one(await firstRow(db.select().from(domains).where(eq(domains.name, p.panelDomain))), p.panelDomain);
  const mailbox = one(await firstRow(db.select().from(mailboxes).where(eq(mailboxes.address, p.mailbox))), p.mailbox);
  const sub = one(await firstRow(db.select().from(subscriptions).where(eq(subscriptions.id, domain.subscriptionId))), "subscription");
  const hash = customerUser.passwordHash;
  const tenant = { resellerId, customerId };

  // A second panel subscription with one domain, so "move a domain" has a legal target.
  const otherSub = await onlyRow(
    db
      .insert(subscriptions)
      .values({ ...tenant, packageId: sub.packageId })
      .returning(),
  );
  await db.insert(domains).values({ ...tenant, subscriptionId: otherSub.id, name: p.otherDomain });
  const unused = await onlyRow(
    db
      .insert(packages)
      .values({ resellerId, name: "Reserve", panel: "plesk9", maxDomains: 3, maxMailboxes: 3, mailboxQuotaMb: 100, maxForwards: 3 })
      .returning(),
  );

  // Mail accounts (package without panel): reuse the seed's where it has them.
  let noPanel = await firstRow(
    db
      .select({ id: domains.id, subscriptionId: domains.subscriptionId })
      .from(domains)
      .innerJoin(subscriptions, eq(domains.subscriptionId, subscriptions.id))
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .where(and(eq(domains.customerId, customerId), eq(packages.panel, "none"))),
  );
  if (!noPanel) {
    const pkg = await onlyRow(
      db
        .insert(packages)
        .values({ resellerId, name: "Mail Basic", panel: "none", maxDomains: 3, maxMailboxes: 5, mailboxQuotaMb: 1024, maxForwards: 10 })
        .returning(),
    );
    const s = await onlyRow(
      db
        .insert(subscriptions)
        .values({ ...tenant, packageId: pkg.id })
        .returning(),
    );
    const d = await onlyRow(
      db
        .insert(domains)
        .values({ ...tenant, subscriptionId: s.id, name: p.noPanelDomain })
        .returning(),
    );
    noPanel = { id: d.id, subscriptionId: s.id };
    const login = (n: number) => `${customer.customerNumber.toLowerCase()}.${String(n).padStart(3, "0")}`;
    for (const number of [1, 2]) {
      await db
        .insert(mailAccounts)
        .values({ ...tenant, number, login: login(number), passwordHash: hash, quotaMb: 1024, passwordChangedAt: new Date() });
    }
    const second = one(
      await firstRow(
        db
          .select()
          .from(mailAccounts)
          .where(eq(mailAccounts.login, login(2))),
      ),
      "account .002",
    );
    await db
      .insert(mailAccountAddresses)
      .values({ ...tenant, mailAccountId: second.id, domainId: d.id, localPart: "kontakt", address: `kontakt@${p.noPanelDomain}` });
  }
  const accounts = await db.select().from(mailAccounts).where(eq(mailAccounts.customerId, customerId));
  const adminAccount = one(
    accounts.find((x) => x.number === 1),
    "account .001",
  );
  const account = one(
    accounts.find((x) => x.number === 2),
    "account .002",
  );
  const address = one(
    await firstRow(db.select().from(mailAccountAddresses).where(eq(mailAccountAddresses.mailAccountId, account.id))),
    "routed address",
  );

  const ticket = await onlyRow(
    db
      .insert(tickets)
      .values({ ...tenant, openedByUserId: customerUser.id, category: "reset_mailadmin_password", subject: "Passwort .001" })
      .returning(),
  );
  await db.insert(ticketMessages).values({ ...tenant, ticketId: ticket.id, authorUserId: customerUser.id, body: "Bitte neues Passwort." });
  const forward = await onlyRow(
    db
      .insert(forwards)
      .values({ ...tenant, mailboxId: mailbox.id, target: "weiter@example.org" })
      .returning(),
  );
  const rule = await onlyRow(
    db
      .insert(senderRules)
      .values({ ...tenant, mailboxId: mailbox.id, kind: "block", pattern: "@spam.example" })
      .returning(),
  );
  const alias = await onlyRow(
    db
      .insert(mailAliases)
      .values({ ...tenant, domainId: domain.id, localPart: "team", address: `team@${domain.name}` })
      .returning(),
  );
  await db.insert(mailAliasTargets).values({ ...tenant, aliasId: alias.id, target: mailbox.address });
  const noPanelDomainName = one(
    await firstRow(db.select({ name: domains.name }).from(domains).where(eq(domains.id, noPanel.id))),
    "no-panel domain",
  ).name;
  const noPanelAlias = await onlyRow(
    db
      .insert(mailAliases)
      .values({ ...tenant, domainId: noPanel.id, localPart: "laden", address: `laden@${noPanelDomainName}` })
      .returning(),
  );
  await db.insert(mailAliasTargets).values({ ...tenant, aliasId: noPanelAlias.id, target: "extern@example.org" });
  const factor = await onlyRow(
    db
      .insert(mfaFactors)
      .values({
        userId: customerUser.id,
        kind: "webauthn",
        label: "Schlüssel",
        credentialId: `cred-${customerId}`,
        publicKey: "pk",
        confirmedAt: new Date(),
      })
      .returning(),
  );
  const importJob = await onlyRow(
    db
      .insert(importJobs)
      .values({
        ...tenant,
        subscriptionId: sub.id,
        actorKind: "user",
        actorId: customerUser.id,
        source: "csv",
        sha256: "",
        state: "running",
        total: 1,
        leaseUntil: new Date(Date.now() + 3_600_000),
      })
      .returning(),
  );
  // Fresh confirmations so the positive controls reach the write (tickets need confirmed Stammdaten, the account page a re-auth).
  await db.update(customers).set({ stammdatenConfirmedAt: new Date() }).where(eq(customers.id, customerId));
  await db
    .insert(reauthConfirmations)
    .values({ principalKind: "user", principalId: customerUser.id, confirmedAt: new Date(), sessionVersion: customerUser.sessionVersion });

  return {
    resellerId,
    customerId,
    customerUserId: customerUser.id,
    packageId: sub.packageId,
    unusedPackageId: unused.id,
    subscriptionId: sub.id,
    domainId: domain.id,
    domainName: domain.name,
    mailboxId: mailbox.id,
    mailboxAddress: mailbox.address,
    otherSubscriptionId: otherSub.id,
    noPanelSubscriptionId: noPanel.subscriptionId,
    noPanelDomainId: noPanel.id,
    adminAccountId: adminAccount.id,
    accountId: account.id,
    addressId: address.id,
    ticketId: ticket.id,
    forwardId: forward.id,
    senderRuleId: rule.id,
    factorId: factor.id,
    aliasId: alias.id,
    noPanelAliasId: noPanelAlias.id,
    importJobId: importJob.id,
  };
}

async function actorOf(db: Db, kind: "user" | "mail_account" | "mailbox", id: number): Promise<Actor> {
  return one(await loadActor(db, kind, id), `actor ${kind}:${id}`);
}

/** Builds the world on a seeded in-memory database and returns it with a serialized image for copies. */
export async function buildWorld() {
  const handle = await createSeededDb();
  const db = handle.db;
  const a = await completeTenant(db, {
    customerEmail: "kunde@kontor.example",
    panelDomain: "citywerk.example",
    mailbox: "info@citywerk.example",
    otherDomain: "nordlicht-zwei.example",
    noPanelDomain: "dorfladen.example",
  });
  const b = await completeTenant(db, {
    customerEmail: "kunde3@kontor.example",
    panelDomain: "suedwind-kunde.example",
    mailbox: "info@suedwind-kunde.example",
    otherDomain: "suedwind-zwei.example",
    noPanelDomain: "suedwind-post.example",
  });
  const userId = async (email: string) =>
    one(await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, email))), email).id;
  const staff = {
    adminUserId: await userId("admin@kontor.example"),
    supportUserId: await userId("support@kontor.example"),
    resellerUserId: await userId("reseller@kontor.example"),
  };
  // Staff need a second factor before the support actions run (mandatory 2FA for staff).
  for (const id of [staff.adminUserId, staff.supportUserId, staff.resellerUserId, await userId("reseller2@kontor.example")]) {
    await db.insert(mfaFactors).values({
      userId: id,
      kind: "webauthn",
      label: "Schlüssel",
      credentialId: `cred-staff-${id}`,
      publicKey: "pk",
      confirmedAt: new Date(),
    });
  }
  const actors: Record<Role, Actor> = {
    admin: await actorOf(db, "user", staff.adminUserId),
    support: await actorOf(db, "user", staff.supportUserId),
    reseller: await actorOf(db, "user", await userId("reseller2@kontor.example")),
    customer: await actorOf(db, "user", b.customerUserId),
    mailadmin: await actorOf(db, "mail_account", b.adminAccountId),
    mailbox: await actorOf(db, "mailbox", b.mailboxId),
  };
  const world: World = { a, b, staff, actors };
  return { world, image: handle.sqlite.serialize() };
}

/** A private copy of the world's database: what one test may change without touching the others. */
export function openCopy(image: Buffer) {
  const sqlite = new Database(image);
  sqlite.pragma("foreign_keys = ON");
  return { sqlite, db: drizzle(sqlite, { schema }) as unknown as Db };
}
