import { eq, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { canonicalDomain } from "@/lib/validation/names";
import * as schema from "./schema";
import type { PanelKind } from "./schema";
import { onlyRow, firstRow } from "@/db/rows";

/**
 * Builders of the records a hosting installation consists of: the one place both the demo seed
 * (db/seed.ts) and the test factories (tests/support/factories.ts, a thin layer that picks names)
 * create them. Each keeps the invariants the services keep when they create the same record:
 * canonical domain names, the domain's (and through migration 0007's triggers the subscription's)
 * mailbox counter, a mailbox's spam settings row, `.NNN` logins of mail accounts, customer numbers
 * from the reseller's range. They write no audit entries: they stand for data that existed before,
 * not for anyone's action. Passwords arrive hashed, because a transaction body must not wait for
 * I/O (db/transaction.ts) and argon2 is slow: hash before, outside the transaction.
 */
export type BuildDb = Pick<BetterSQLite3Database<typeof schema>, "select" | "insert" | "update">;
export type Tenant = { resellerId: number; customerId: number };

export async function buildStaffUser(
  db: BuildDb,
  p: { email: string; role: "admin" | "support"; displayName: string; passwordHash: string },
): Promise<number> {
  return (
    await onlyRow(
      db
        .insert(schema.users)
        .values({ ...p, passwordChangedAt: new Date() })
        .returning({ id: schema.users.id }),
    )
  ).id;
}

export async function buildReseller(db: BuildDb, p: { name: string; customerNumberBase: number; email: string; passwordHash: string }) {
  const id = (
    await onlyRow(
      db.insert(schema.resellers).values({ name: p.name, customerNumberBase: p.customerNumberBase }).returning({ id: schema.resellers.id }),
    )
  ).id;
  const userId = (
    await onlyRow(
      db
        .insert(schema.users)
        .values({
          email: p.email,
          role: "reseller",
          resellerId: id,
          displayName: p.name,
          passwordHash: p.passwordHash,
          passwordChangedAt: new Date(),
        })
        .returning({ id: schema.users.id }),
    )
  ).id;
  return { id, userId };
}

export type PackageSpec = {
  name: string;
  panel: PanelKind;
  maxDomains: number | null;
  maxMailboxes: number | null;
  mailboxQuotaMb: number | null;
  maxForwards: number | null;
  spamFilterEnabled?: boolean;
  forwardingEnabled?: boolean;
};

export async function buildPackage(db: BuildDb, resellerId: number, p: PackageSpec): Promise<number> {
  return (
    await onlyRow(
      db
        .insert(schema.packages)
        .values({ resellerId, ...p })
        .returning({ id: schema.packages.id }),
    )
  ).id;
}

/** The reseller's next customer number (base 10000 → K10001, K10002 …), as createCustomer assigns it. */
export async function nextCustomerNumber(db: Pick<BuildDb, "select">, resellerId: number): Promise<string> {
  const base = (
    await firstRow(
      db.select({ base: schema.resellers.customerNumberBase }).from(schema.resellers).where(eq(schema.resellers.id, resellerId)),
    )
  )?.base;
  if (base === undefined) throw new Error(`no reseller ${resellerId}`);
  const top = (
    await firstRow(
      db
        .select({ n: sql<number | null>`max(cast(substr(${schema.customers.customerNumber}, 2) as integer))` })
        .from(schema.customers)
        .where(eq(schema.customers.resellerId, resellerId)),
    )
  )?.n;
  return `K${Math.max(base, top ?? base) + 1}`;
}

export type CustomerSpec = {
  company: string | null;
  contactName: string;
  contactEmail: string;
  passwordHash: string;
  street?: string;
  postalCode?: string;
  city?: string;
  phone?: string;
  stammdatenConfirmed?: boolean;
};

/** A customer with its KundenServiceCenter login (the contact e-mail). */
export async function buildCustomer(db: BuildDb, resellerId: number, p: CustomerSpec) {
  const customerNumber = await nextCustomerNumber(db, resellerId);
  const id = (
    await onlyRow(
      db
        .insert(schema.customers)
        .values({
          resellerId,
          customerNumber,
          company: p.company,
          contactName: p.contactName,
          contactEmail: p.contactEmail,
          street: p.street ?? "Hauptstraße 1",
          postalCode: p.postalCode ?? "12345",
          city: p.city ?? "Musterstadt",
          phone: p.phone ?? "+49 30 1234567",
          stammdatenConfirmedAt: p.stammdatenConfirmed ? new Date() : null,
        })
        .returning({ id: schema.customers.id }),
    )
  ).id;
  const userId = (
    await onlyRow(
      db
        .insert(schema.users)
        .values({
          email: p.contactEmail,
          role: "customer",
          resellerId,
          customerId: id,
          displayName: p.company || p.contactName,
          passwordHash: p.passwordHash,
          passwordChangedAt: new Date(),
        })
        .returning({ id: schema.users.id }),
    )
  ).id;
  return { id, userId, customerNumber, resellerId };
}

export async function buildSubscription(db: BuildDb, tenant: Tenant, packageId: number): Promise<number> {
  return (
    await onlyRow(
      db
        .insert(schema.subscriptions)
        .values({ ...tenant, packageId })
        .returning({ id: schema.subscriptions.id }),
    )
  ).id;
}

export async function buildDomain(db: BuildDb, tenant: Tenant, subscriptionId: number, name: string) {
  const canonical = canonicalDomain(name);
  const id = (
    await onlyRow(
      db
        .insert(schema.domains)
        .values({ ...tenant, subscriptionId, name: canonical })
        .returning({ id: schema.domains.id }),
    )
  ).id;
  return { id, name: canonical };
}

/** A mailbox with its spam settings; the domain's and the subscription's counters count it. */
export async function buildMailbox(
  db: BuildDb,
  tenant: Tenant,
  domain: { id: number; name: string },
  localPart: string,
  p: { passwordHash: string; quotaMb: number | null },
) {
  const address = `${localPart}@${domain.name}`;
  const id = (
    await onlyRow(
      db
        .insert(schema.mailboxes)
        .values({
          ...tenant,
          domainId: domain.id,
          localPart,
          address,
          passwordHash: p.passwordHash,
          quotaMb: p.quotaMb,
          passwordChangedAt: new Date(),
        })
        .returning({ id: schema.mailboxes.id }),
    )
  ).id;
  await db.insert(schema.spamSettings).values({ mailboxId: id, ...tenant });
  await db
    .update(schema.domains)
    .set({ mailboxCount: sql`${schema.domains.mailboxCount} + 1` })
    .where(eq(schema.domains.id, domain.id));
  return { id, address };
}

/** Mail account `.NNN` of a customer (package without panel), with the addresses routed to it. */
export async function buildMailAccount(
  db: BuildDb,
  tenant: Tenant & { customerNumber: string },
  p: {
    number: number;
    passwordHash: string;
    quotaMb: number | null;
    addresses?: { domain: { id: number; name: string }; localPart: string }[];
    /** As after an order: the password is the generated start password, to be replaced at the first login. */
    mustChangePassword?: boolean;
  },
) {
  const login = `${tenant.customerNumber.toLowerCase()}.${String(p.number).padStart(3, "0")}`;
  const own = { resellerId: tenant.resellerId, customerId: tenant.customerId };
  const id = (
    await onlyRow(
      db
        .insert(schema.mailAccounts)
        .values({
          ...own,
          number: p.number,
          login,
          passwordHash: p.passwordHash,
          quotaMb: p.quotaMb,
          mustChangePassword: p.mustChangePassword ?? false,
          passwordChangedAt: new Date(),
        })
        .returning({ id: schema.mailAccounts.id }),
    )
  ).id;
  for (const a of p.addresses ?? []) {
    await db
      .insert(schema.mailAccountAddresses)
      .values({ ...own, mailAccountId: id, domainId: a.domain.id, localPart: a.localPart, address: `${a.localPart}@${a.domain.name}` });
  }
  return { id, login };
}

/** An E-Mail-Alias of a domain delivering to `targets` (full addresses), as the alias service stores it. */
export async function buildAlias(db: BuildDb, tenant: Tenant, domain: { id: number; name: string }, localPart: string, targets: string[]) {
  const address = `${localPart}@${domain.name}`;
  const id = (
    await onlyRow(
      db
        .insert(schema.mailAliases)
        .values({ ...tenant, domainId: domain.id, localPart, address })
        .returning({ id: schema.mailAliases.id }),
    )
  ).id;
  if (targets.length) await db.insert(schema.mailAliasTargets).values(targets.map((target) => ({ ...tenant, aliasId: id, target })));
  return { id, address };
}
