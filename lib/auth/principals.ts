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
// Read on every request (lib/auth/session.ts), hence prepared; explicit columns, no password hashes.
const userById = preparedQuery((db) =>
  db
    .select({
      role: users.role,
      email: users.email,
      resellerId: users.resellerId,
      customerId: users.customerId,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, byId.id))
    .prepare(),
);
const mailAccountById = preparedQuery((db) =>
  db
    .select({
      login: mailAccounts.login,
      resellerId: mailAccounts.resellerId,
      customerId: mailAccounts.customerId,
      enabled: mailAccounts.enabled,
      number: mailAccounts.number,
      mustChangePassword: mailAccounts.mustChangePassword,
      sessionVersion: mailAccounts.sessionVersion,
    })
    .from(mailAccounts)
    .where(eq(mailAccounts.id, byId.id))
    .prepare(),
);
const mailboxById = preparedQuery((db) =>
  db
    .select({
      address: mailboxes.address,
      resellerId: mailboxes.resellerId,
      customerId: mailboxes.customerId,
      enabled: mailboxes.enabled,
      sessionVersion: mailboxes.sessionVersion,
    })
    .from(mailboxes)
    .where(eq(mailboxes.id, byId.id))
    .prepare(),
);

/** Loads the current state of a principal as an Actor; undefined when gone or disabled. */
export async function loadActor(db: Db, kind: PrincipalKind, id: number): Promise<Actor | undefined> {
  if (kind === "user") {
    const u = await firstRow(userById(db).execute({ id }));
    if (!u || u.disabled) return undefined;
    return {
      kind,
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
  if (kind === "mail_account") {
    const a = await firstRow(mailAccountById(db).execute({ id }));
    if (!a || !a.enabled || a.number !== 1) return undefined;
    return {
      kind,
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
  const m = await firstRow(mailboxById(db).execute({ id }));
  if (!m || !m.enabled) return undefined;
  return {
    kind,
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
