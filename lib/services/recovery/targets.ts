import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, mailAccounts, mailboxes, users, type PrincipalKind } from "@/db/schema";
import type { LoginArea } from "@/lib/auth/login-areas";
import { canonicalAddress, canonicalCustomerNumber } from "@/lib/validation/names";
import { roleHas } from "@/lib/authz/permissions";
import { firstRow } from "@/db/rows";

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
export async function findRecoveryTarget(db: Db, area: LoginArea, identifier: string): Promise<RecoveryTarget | undefined> {
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
      ? await firstRow(base.where(and(eq(customers.customerNumber, number), eq(users.role, "customer"), eq(users.disabled, false))))
      : await firstRow(base.where(and(eq(users.email, name.toLowerCase()), eq(users.disabled, false))));
    if (!row) return undefined;
    const sendTo = roleHas(row.role, "customer.self") && row.contact ? row.contact : row.email;
    return { kind: "user", id: row.id, label: row.email, sendTo, resellerId: row.resellerId, customerId: row.customerId };
  }
  if (area === "mailadmin") {
    const row = await firstRow(
      db
        .select({
          id: mailAccounts.id,
          login: mailAccounts.login,
          resellerId: mailAccounts.resellerId,
          customerId: mailAccounts.customerId,
          contact: customers.contactEmail,
        })
        .from(mailAccounts)
        .innerJoin(customers, eq(mailAccounts.customerId, customers.id))
        .where(and(eq(mailAccounts.login, name.toLowerCase()), eq(mailAccounts.number, 1), eq(mailAccounts.enabled, true))),
    );
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
  const row = await firstRow(
    db
      .select({
        id: mailboxes.id,
        address: mailboxes.address,
        recovery: mailboxes.recoveryEmail,
        resellerId: mailboxes.resellerId,
        customerId: mailboxes.customerId,
      })
      .from(mailboxes)
      .where(and(eq(mailboxes.address, address), eq(mailboxes.enabled, true))),
  );
  if (!row) return undefined;
  return { kind: "mailbox", id: row.id, label: row.address, sendTo: row.recovery, resellerId: row.resellerId, customerId: row.customerId };
}

/** The same facts for a principal already known (a link being redeemed, support choosing an account). */
export async function loadRecoveryTarget(db: Db, kind: PrincipalKind, id: number): Promise<RecoveryTarget | undefined> {
  if (kind === "user") {
    const row = await firstRow(db.select({ email: users.email, disabled: users.disabled }).from(users).where(eq(users.id, id)));
    return row && !row.disabled ? await findRecoveryTarget(db, "ksc", row.email) : undefined;
  }
  if (kind === "mail_account") {
    const row = await firstRow(db.select({ login: mailAccounts.login }).from(mailAccounts).where(eq(mailAccounts.id, id)));
    return row && (await findRecoveryTarget(db, "mailadmin", row.login));
  }
  const row = await firstRow(db.select({ address: mailboxes.address }).from(mailboxes).where(eq(mailboxes.id, id)));
  return row && (await findRecoveryTarget(db, "mailbox", row.address));
}
