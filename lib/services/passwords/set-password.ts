import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailAccounts, mailboxes, recoveryTokens, users, type PrincipalKind } from "@/db/schema";
import { isKontorHash, storedScheme } from "@/lib/auth/hash-schemes";
import { hashPassword } from "@/lib/auth/password-hash";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { validateNewPassword } from "@/lib/password/validate-new-password";
import type { AuditAction } from "@/lib/services/audit/actions";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

export type PasswordTarget = { kind: PrincipalKind; id: number };

type Loaded = { hash: string; names: string[]; label: string; resellerId: number | null; customerId: number | null };

/** Current hash and the names the new password must not contain. Callers have already scoped the id. */
async function loadTarget(db: Pick<Db, "select">, target: PasswordTarget): Promise<Loaded | undefined> {
  if (target.kind === "user") {
    const u = await firstRow(db.select().from(users).where(eq(users.id, target.id)));
    return u && { hash: u.passwordHash, names: [u.email], label: u.email, resellerId: u.resellerId, customerId: u.customerId };
  }
  if (target.kind === "mail_account") {
    const a = await firstRow(db.select().from(mailAccounts).where(eq(mailAccounts.id, target.id)));
    return a && { hash: a.passwordHash, names: [a.login], label: a.login, resellerId: a.resellerId, customerId: a.customerId };
  }
  const m = await firstRow(
    db
      .select({
        hash: mailboxes.passwordHash,
        address: mailboxes.address,
        domain: domains.name,
        resellerId: mailboxes.resellerId,
        customerId: mailboxes.customerId,
      })
      .from(mailboxes)
      .innerJoin(domains, eq(mailboxes.domainId, domains.id))
      .where(eq(mailboxes.id, target.id)),
  );
  return m && { hash: m.hash, names: [m.address], label: m.address, resellerId: m.resellerId, customerId: m.customerId };
}

export type SetPasswordOptions = {
  /** Who acts; null for an anonymous recovery link. */
  actor: Pick<Actor, "kind" | "id" | "label"> | null;
  ip?: string | null;
  action: AuditAction;
  /** Marks the password as one to change at next login (generated passwords). */
  mustChange?: boolean;
  /**
   * The policy is already checked: generated passwords satisfy it by construction, and forms that
   * report every field's errors at once checked it themselves.
   */
  skipPolicy?: boolean;
  /** The current password the user has just proved (own changes): the new one must differ from it. */
  currentPassword?: string;
  details?: Record<string, string | number | boolean | null>;
};

/**
 * The one way any password changes in Kontor: policy check, one argon2id hash (outside the
 * transaction, it is async; no other argon2 work: "not the same as now" compares with the proved
 * current password, never with the stored hash), then in one transaction the new hash, a bumped session
 * version (ending every other session), voided recovery links and the audit entry. Dovecot sees the new
 * hash (and the password version its trigger moved) at the next login.
 */
export async function setPassword(target: PasswordTarget, newPassword: string, opts: SetPasswordOptions, db: Db = getDb()) {
  const current = await loadTarget(db, target);
  if (!current) throw new NotFoundError();
  if (!opts.skipPolicy) {
    const errors = validateNewPassword(
      newPassword,
      { names: current.names, currentPassword: opts.currentPassword },
      await getPasswordPolicyOptions(db),
    );
    if (errors.length) throw new ValidationError("errors.checkFields", { newPassword: errors });
  }
  const hash = await hashPassword(newPassword);
  await transaction(
    db,
    async (tx) => {
      await writePasswordHash(tx, target, hash, { endSessions: true, mustChange: opts.mustChange });
      await writeAudit(tx, opts.actor, {
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

type Tx = Db;

/**
 * The one write of a password hash, inside the caller's transaction: a new password (setPassword),
 * an imported hash (lib/services/import) or the argon2id upgrade of an imported one
 * (upgradeImportedHash). Everything Dovecot's passdb depends on changes here and only here.
 * `endSessions` bumps the session version and voids recovery links (a new password); an upgrade of
 * the same password keeps them.
 */
export async function writePasswordHash(
  tx: Tx,
  target: PasswordTarget,
  hash: string,
  opts: { endSessions: boolean; mustChange?: boolean },
) {
  const now = new Date();
  const bump = opts.endSessions
    ? { passwordHash: hash, passwordChangedAt: now, sessionVersion: sql`session_version + 1` }
    : { passwordHash: hash };
  if (target.kind === "user") await tx.update(users).set(bump).where(eq(users.id, target.id));
  else if (target.kind === "mailbox")
    await tx
      .update(mailboxes)
      .set({ ...bump, updatedAt: now })
      .where(eq(mailboxes.id, target.id));
  else
    await tx
      .update(mailAccounts)
      .set(opts.endSessions ? { ...bump, mustChangePassword: !!opts.mustChange } : bump)
      .where(eq(mailAccounts.id, target.id));
  if (!opts.endSessions) return;
  await tx
    .update(recoveryTokens)
    .set({ usedAt: now })
    .where(and(eq(recoveryTokens.principalKind, target.kind), eq(recoveryTokens.principalId, target.id), isNull(recoveryTokens.usedAt)));
}

/**
 * Kontor saw the plaintext of a principal whose stored hash came from an import (a login or a
 * current-password check passed): it is replaced by Kontor's argon2id. Only if the row still holds
 * the hash that was verified, so a password changed meanwhile is never overwritten.
 */
export async function upgradeImportedHash(target: PasswordTarget, verifiedHash: string, password: string, db: Db = getDb()) {
  if (isKontorHash(verifiedHash)) return false;
  const hash = await hashPassword(password);
  return await transaction(
    db,
    async (tx) => {
      const current = await loadTarget(tx, target);
      if (current?.hash !== verifiedHash) return false;
      await writePasswordHash(tx, target, hash, { endSessions: false });
      await writeAudit(tx, null, {
        action: "password.hash_upgraded",
        targetKind: target.kind,
        targetId: target.id,
        targetLabel: current.label,
        resellerId: current.resellerId,
        customerId: current.customerId,
        details: { from: storedScheme(verifiedHash) ?? "unknown" },
      });
      return true;
    },
    { behavior: "immediate" },
  );
}
