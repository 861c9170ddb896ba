import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { qualified } from "@/db/dialect";
import { firstRow } from "@/db/rows";
import { preparedQuery } from "@/db/prepared";
import { mailAccounts, mailboxes, mfaFactors, revokedSessions, settings, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { roleHas } from "@/lib/authz/permissions";
import { MFA_POLICY_KEY, parseMfaPolicy } from "./mfa/policy-store";
import { MAIL_ACCOUNT_FIELDS, MAILBOX_FIELDS, USER_FIELDS, mailAccountActor, mailboxActor, userActor } from "./principals";
import type { SessionPrincipal } from "./session-principal";

/**
 * What getActor reads on every request, in one query instead of up to four round trips (the session's
 * revocation, the account, and for staff the second-factor policy and whether a factor exists). On
 * PostgreSQL each was a round trip of its own. Nothing here is remembered beyond the request: a
 * revocation, a password change (session version), a disabled account or a new policy counts at the
 * very next request, as before.
 */
const isRevoked = sql<number>`(CASE WHEN EXISTS (SELECT 1 FROM ${revokedSessions} WHERE ${qualified("revoked_sessions", "sid")} = ${sql.placeholder("sid")}) THEN 1 ELSE 0 END)`;
const byId = sql.placeholder("id");
const policyValue = sql`(SELECT ${qualified("settings", "value")} FROM ${settings} WHERE ${qualified("settings", "key")} = ${MFA_POLICY_KEY})`;
const hasConfirmedFactor = sql<number>`(CASE WHEN EXISTS (SELECT 1 FROM ${mfaFactors} WHERE ${qualified("mfa_factors", "user_id")} = ${qualified("users", "id")} AND ${qualified("mfa_factors", "confirmed_at")} IS NOT NULL) THEN 1 ELSE 0 END)`;

const userSession = preparedQuery((db) =>
  db
    .select({
      ...USER_FIELDS,
      revoked: isRevoked,
      // The settings row's JSON, decoded as the column would be on either database.
      mfaPolicy: policyValue.mapWith(settings.value),
      hasFactor: hasConfirmedFactor,
    })
    .from(users)
    .where(eq(users.id, byId)),
);
const mailAccountSession = preparedQuery((db) =>
  db
    .select({ ...MAIL_ACCOUNT_FIELDS, revoked: isRevoked })
    .from(mailAccounts)
    .where(eq(mailAccounts.id, byId)),
);
const mailboxSession = preparedQuery((db) =>
  db
    .select({ ...MAILBOX_FIELDS, revoked: isRevoked })
    .from(mailboxes)
    .where(eq(mailboxes.id, byId)),
);

/**
 * Whether a staff actor must still enrol a second factor, as read by the same query that loaded it
 * (lib/auth/mfa/enrolment.ts asks here first). Keyed by the actor object, which lives for one request.
 */
const enrolment = new WeakMap<Actor, boolean>();

export function mustEnrolAsLoaded(actor: Actor): boolean | undefined {
  return enrolment.get(actor);
}

/** The session's actor unless the session was revoked or the account is gone or disabled. */
export async function loadSessionActor(db: Db, p: SessionPrincipal): Promise<Actor | undefined> {
  // Both flags are 1 or 0 on both databases; any other value fails closed (revoked, must enrol).
  const values = { id: p.id, sid: p.sid };
  if (p.kind === "mail_account") {
    const row = await firstRow(mailAccountSession(db).execute(values));
    return row && row.revoked === 0 ? mailAccountActor(p.id, row) : undefined;
  }
  if (p.kind === "mailbox") {
    const row = await firstRow(mailboxSession(db).execute(values));
    return row && row.revoked === 0 ? mailboxActor(p.id, row) : undefined;
  }
  const row = await firstRow(userSession(db).execute(values));
  const actor = row && row.revoked === 0 ? userActor(p.id, row) : undefined;
  if (actor && row) {
    const required = roleHas(actor.role, "mfa.required") && parseMfaPolicy(row.mfaPolicy).enforceStaff;
    enrolment.set(actor, required && row.hasFactor !== 1);
  }
  return actor;
}
