import { firstRow } from "@/db/rows";
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { preparedQuery } from "@/db/prepared";
import { customers, mailAccounts, mailboxes, users, type PrincipalKind } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { canonicalAddress, canonicalCustomerNumber } from "@/lib/validation/names";
import type { LoginArea } from "./login-areas";

export type Credentialed = { kind: PrincipalKind; id: number; passwordHash: string };

/**
 * The accounts one login area may check. The area only narrows the search: a mailbox address typed
 * under "KundenServiceCenter" is not a panel user and so is simply unknown there.
 */
export async function findLoginCandidate(db: Db, area: LoginArea, identifier: string): Promise<Credentialed | undefined> {
  const name = identifier.trim();
  if (area === "ksc") {
    const number = canonicalCustomerNumber(name);
    if (number) {
      const row = await firstRow(
        db
          .select({ id: users.id, passwordHash: users.passwordHash })
          .from(users)
          .innerJoin(customers, eq(users.customerId, customers.id))
          .where(and(eq(customers.customerNumber, number), eq(users.role, "customer"), eq(users.disabled, false))),
      );
      return withKind("user", row);
    }
    const row = await firstRow(
      db
        .select({ id: users.id, passwordHash: users.passwordHash })
        .from(users)
        .where(and(eq(users.email, name.toLowerCase()), eq(users.disabled, false))),
    );
    return withKind("user", row);
  }
  if (area === "mailadmin") {
    // Only account .001 opens the E-Mail-Administration; .002 and later are plain mail accounts.
    const row = await firstRow(
      db
        .select({ id: mailAccounts.id, passwordHash: mailAccounts.passwordHash })
        .from(mailAccounts)
        .where(and(eq(mailAccounts.login, name.toLowerCase()), eq(mailAccounts.number, 1), eq(mailAccounts.enabled, true))),
    );
    return withKind("mail_account", row);
  }
  const row = await firstRow(
    db
      .select({ id: mailboxes.id, passwordHash: mailboxes.passwordHash })
      .from(mailboxes)
      .where(and(eq(mailboxes.address, canonicalAddress(name)), eq(mailboxes.enabled, true))),
  );
  return withKind("mailbox", row);
}

function withKind(kind: PrincipalKind, row: { id: number; passwordHash: string } | undefined): Credentialed | undefined {
  return row ? { kind, ...row } : undefined;
}

const byId = { id: sql.placeholder("id") };
// Explicit columns, never password hashes. Shared with getActor's per-request query (session-actor.ts).
export const USER_FIELDS = {
  role: users.role,
  email: users.email,
  resellerId: users.resellerId,
  customerId: users.customerId,
  disabled: users.disabled,
  sessionVersion: users.sessionVersion,
};
export const MAIL_ACCOUNT_FIELDS = {
  login: mailAccounts.login,
  resellerId: mailAccounts.resellerId,
  customerId: mailAccounts.customerId,
  enabled: mailAccounts.enabled,
  number: mailAccounts.number,
  mustChangePassword: mailAccounts.mustChangePassword,
  sessionVersion: mailAccounts.sessionVersion,
};
export const MAILBOX_FIELDS = {
  address: mailboxes.address,
  resellerId: mailboxes.resellerId,
  customerId: mailboxes.customerId,
  enabled: mailboxes.enabled,
  sessionVersion: mailboxes.sessionVersion,
};
type Row<F extends Record<string, { _: { data: unknown; notNull: boolean } }>> = {
  [K in keyof F]: F[K]["_"]["notNull"] extends true ? F[K]["_"]["data"] : F[K]["_"]["data"] | null;
};
export type UserRow = Row<typeof USER_FIELDS>;
export type MailAccountRow = Row<typeof MAIL_ACCOUNT_FIELDS>;
export type MailboxRow = Row<typeof MAILBOX_FIELDS>;

const userById = preparedQuery((db) => db.select(USER_FIELDS).from(users).where(eq(users.id, byId.id)));
const mailAccountById = preparedQuery((db) => db.select(MAIL_ACCOUNT_FIELDS).from(mailAccounts).where(eq(mailAccounts.id, byId.id)));
const mailboxById = preparedQuery((db) => db.select(MAILBOX_FIELDS).from(mailboxes).where(eq(mailboxes.id, byId.id)));

/** Loads the current state of a principal as an Actor; undefined when gone or disabled. */
export async function loadActor(db: Db, kind: PrincipalKind, id: number): Promise<Actor | undefined> {
  if (kind === "user") return userActor(id, await firstRow(userById(db).execute({ id })));
  if (kind === "mail_account") return mailAccountActor(id, await firstRow(mailAccountById(db).execute({ id })));
  return mailboxActor(id, await firstRow(mailboxById(db).execute({ id })));
}

export function userActor(id: number, u: UserRow | undefined): Actor | undefined {
  if (!u || u.disabled) return undefined;
  return {
    kind: "user",
    id,
    role: u.role,
    label: u.email,
    resellerId: u.resellerId,
    customerId: u.customerId,
    mailboxId: null,
    mustChangePassword: false,
    sessionVersion: u.sessionVersion,
  };
}

/** Only account .001 opens the E-Mail-Administration. */
export function mailAccountActor(id: number, a: MailAccountRow | undefined): Actor | undefined {
  if (!a || !a.enabled || a.number !== 1) return undefined;
  return {
    kind: "mail_account",
    id,
    role: "mailadmin",
    label: a.login,
    resellerId: a.resellerId,
    customerId: a.customerId,
    mailboxId: null,
    mustChangePassword: a.mustChangePassword,
    sessionVersion: a.sessionVersion,
  };
}

export function mailboxActor(id: number, m: MailboxRow | undefined): Actor | undefined {
  if (!m || !m.enabled) return undefined;
  return {
    kind: "mailbox",
    id,
    role: "mailbox",
    label: m.address,
    resellerId: m.resellerId,
    customerId: m.customerId,
    mailboxId: id,
    mustChangePassword: false,
    sessionVersion: m.sessionVersion,
  };
}
