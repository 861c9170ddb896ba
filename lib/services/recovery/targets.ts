import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, mailAccounts, mailboxes, users, type PrincipalKind } from "@/db/schema";
import type { LoginArea } from "@/lib/auth/login-areas";
import { canonicalAddress, canonicalCustomerNumber } from "@/lib/validation/names";
import { roleHas } from "@/lib/authz/permissions";

/** Whose password a link resets and where the link goes: always an address already on file. */
export type RecoveryTarget = {
  kind: PrincipalKind;
  id: number;
  label: string;
  /** Null for a mailbox without a stored recovery address. */
  sendTo: string | null;
  resellerId: number | null;
  customerId: number | null;
};

/**
 * The account named in "Passwort vergessen?", searched like the login does for that Loginbereich.
 * Customers get the link at the contact address of their Stammdaten, staff at their login address,
 * the `.001` account at its customer's contact address, a mailbox at its stored recovery address
 * (sendTo null when none is stored).
 */
export function findRecoveryTarget(db: Db, area: LoginArea, identifier: string): RecoveryTarget | undefined {
  const name = identifier.trim();
  if (area === "ksc") {
    const number = canonicalCustomerNumber(name);
    const base = db
      .select({
        id: users.id,
        email: users.email,
        role: users.role,
        resellerId: users.resellerId,
        customerId: users.customerId,
        contact: customers.contactEmail,
      })
      .from(users)
      .leftJoin(customers, eq(users.customerId, customers.id));
    const row = number
      ? base.where(and(eq(customers.customerNumber, number), eq(users.role, "customer"), eq(users.disabled, false))).get()
      : base.where(and(eq(users.email, name.toLowerCase()), eq(users.disabled, false))).get();
    if (!row) return undefined;
    const sendTo = roleHas(row.role, "customer.self") && row.contact ? row.contact : row.email;
    return { kind: "user", id: row.id, label: row.email, sendTo, resellerId: row.resellerId, customerId: row.customerId };
  }
  if (area === "mailadmin") {
    const row = db
      .select({
        id: mailAccounts.id,
        login: mailAccounts.login,
        resellerId: mailAccounts.resellerId,
        customerId: mailAccounts.customerId,
        contact: customers.contactEmail,
      })
      .from(mailAccounts)
      .innerJoin(customers, eq(mailAccounts.customerId, customers.id))
      .where(and(eq(mailAccounts.login, name.toLowerCase()), eq(mailAccounts.number, 1), eq(mailAccounts.enabled, true)))
      .get();
    return (
      row && {
        kind: "mail_account",
        id: row.id,
        label: row.login,
        sendTo: row.contact,
        resellerId: row.resellerId,
        customerId: row.customerId,
      }
    );
  }
  const address = canonicalAddress(name);
  if (!address) return undefined;
  const row = db
    .select({
      id: mailboxes.id,
      address: mailboxes.address,
      recovery: mailboxes.recoveryEmail,
      resellerId: mailboxes.resellerId,
      customerId: mailboxes.customerId,
    })
    .from(mailboxes)
    .where(and(eq(mailboxes.address, address), eq(mailboxes.enabled, true)))
    .get();
  if (!row) return undefined;
  return { kind: "mailbox", id: row.id, label: row.address, sendTo: row.recovery, resellerId: row.resellerId, customerId: row.customerId };
}

/** The same facts for a principal already known (a link being redeemed, support choosing an account). */
export function loadRecoveryTarget(db: Db, kind: PrincipalKind, id: number): RecoveryTarget | undefined {
  if (kind === "user") {
    const row = db.select({ email: users.email, disabled: users.disabled }).from(users).where(eq(users.id, id)).get();
    return row && !row.disabled ? findRecoveryTarget(db, "ksc", row.email) : undefined;
  }
  if (kind === "mail_account") {
    const row = db.select({ login: mailAccounts.login }).from(mailAccounts).where(eq(mailAccounts.id, id)).get();
    return row && findRecoveryTarget(db, "mailadmin", row.login);
  }
  const row = db.select({ address: mailboxes.address }).from(mailboxes).where(eq(mailboxes.id, id)).get();
  return row && findRecoveryTarget(db, "mailbox", row.address);
}
