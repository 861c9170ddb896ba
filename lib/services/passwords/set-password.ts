import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailAccounts, mailboxes, recoveryTokens, users, type PrincipalKind } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { validateNewPassword } from "@/lib/password/validate-new-password";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";

export type PasswordTarget = { kind: PrincipalKind; id: number };

type Loaded = { hash: string; names: string[]; label: string; resellerId: number | null; customerId: number | null };

/** Current hash and the names the new password must not contain. Callers have already scoped the id. */
function loadTarget(db: Db, target: PasswordTarget): Loaded | undefined {
  if (target.kind === "user") {
    const u = db.select().from(users).where(eq(users.id, target.id)).get();
    return u && { hash: u.passwordHash, names: [u.email], label: u.email, resellerId: u.resellerId, customerId: u.customerId };
  }
  if (target.kind === "mail_account") {
    const a = db.select().from(mailAccounts).where(eq(mailAccounts.id, target.id)).get();
    return a && { hash: a.passwordHash, names: [a.login], label: a.login, resellerId: a.resellerId, customerId: a.customerId };
  }
  const m = db
    .select({
      hash: mailboxes.passwordHash,
      address: mailboxes.address,
      domain: domains.name,
      resellerId: mailboxes.resellerId,
      customerId: mailboxes.customerId,
    })
    .from(mailboxes)
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .where(eq(mailboxes.id, target.id))
    .get();
  return m && { hash: m.hash, names: [m.address], label: m.address, resellerId: m.resellerId, customerId: m.customerId };
}

export type SetPasswordOptions = {
  /** Who acts; null for an anonymous recovery link. */
  actor: Pick<Actor, "kind" | "id" | "label"> | null;
  ip?: string | null;
  action: string;
  /** Marks the password as one to change at next login (generated passwords). */
  mustChange?: boolean;
  /** Generated passwords skip the policy (they satisfy it by construction). */
  skipPolicy?: boolean;
  details?: Record<string, string | number | boolean | null>;
};

/**
 * The one way any password changes in Kontor: policy check, argon2id hash (outside the transaction,
 * it is async), then in one transaction the new hash, a bumped session version (ending every other
 * session), voided recovery links and the audit entry. Dovecot sees the new hash at the next login.
 */
export async function setPassword(target: PasswordTarget, newPassword: string, opts: SetPasswordOptions, db: Db = getDb()) {
  const current = loadTarget(db, target);
  if (!current) throw new NotFoundError();
  if (!opts.skipPolicy) {
    const errors = await validateNewPassword(
      newPassword,
      { names: current.names, currentHash: current.hash },
      getPasswordPolicyOptions(db),
    );
    if (errors.length) throw new ValidationError("errors.checkFields", { newPassword: errors });
  }
  const hash = await hashPassword(newPassword);
  const now = new Date();
  db.transaction(
    (tx) => {
      const bump = { passwordHash: hash, passwordChangedAt: now, sessionVersion: sql`session_version + 1` };
      if (target.kind === "user") tx.update(users).set(bump).where(eq(users.id, target.id)).run();
      else if (target.kind === "mailbox")
        tx.update(mailboxes)
          .set({ ...bump, updatedAt: now })
          .where(eq(mailboxes.id, target.id))
          .run();
      else
        tx.update(mailAccounts)
          .set({ ...bump, mustChangePassword: !!opts.mustChange })
          .where(eq(mailAccounts.id, target.id))
          .run();
      tx.update(recoveryTokens)
        .set({ usedAt: now })
        .where(and(eq(recoveryTokens.principalKind, target.kind), eq(recoveryTokens.principalId, target.id), isNull(recoveryTokens.usedAt)))
        .run();
      writeAudit(tx, opts.actor, {
        action: opts.action,
        targetKind: target.kind,
        targetId: target.id,
        targetLabel: current.label,
        resellerId: current.resellerId,
        customerId: current.customerId,
        ip: opts.ip,
        details: opts.details,
      });
    },
    { behavior: "immediate" },
  );
}
