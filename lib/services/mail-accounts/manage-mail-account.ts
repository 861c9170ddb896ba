import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccountAddresses, mailAccounts } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { resolveQuota } from "@/lib/services/mailboxes/mailbox-limits";
import { noPanelAllowance } from "@/lib/services/orders/usage";
import { checkCurrentPassword } from "@/lib/services/passwords/check-current-password";
import { setPassword } from "@/lib/services/passwords/set-password";
import { removeMailboxSieve } from "@/lib/mail/sieve/sync";
import { forgetMailUsers, removeMailHomesSafely } from "@/lib/mail/mail-home-removals";
import { dropTargetsOf, syncForwardingAfterCommit } from "@/lib/services/mail-targets/drop-targets";
import { accountOrThrow, assertMailAdmin } from "./mail-admin-guard";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/** Own prefix, so this form's wrong current passwords lock guessing without mixing with login counters. */
const ownPasswordKeys = (accountId: number, ip: string | null) => [
  `mailadmin-password:${accountId}`,
  `mailadmin-password-ip:${ip ?? "unknown"}`,
];

/**
 * Sets an account's password (Dovecot checks the new hash at the next login). For the administrator's
 * own `.001` the current password must be right, like every change of one's own password; wrong
 * answers are counted and locked. Returns whether it was the admin's own.
 */
export async function setMailAccountPassword(
  actor: Actor,
  accountId: number,
  newPassword: string,
  ip: string | null,
  db: Db = getDb(),
  currentPassword?: string,
) {
  assertMailAdmin(actor);
  const account = await accountOrThrow(db, actor, accountId);
  const isOwn = account.id === actor.id;
  if (isOwn) await checkOwnCurrentPassword(db, account.id, currentPassword ?? "", ip);
  await setPassword(
    { kind: "mail_account", id: account.id },
    newPassword,
    { actor, ip, action: "mailadmin.password_set", ...(isOwn ? { currentPassword } : {}) },
    db,
  );
  return { isOwn };
}

async function checkOwnCurrentPassword(db: Db, accountId: number, currentPassword: string, ip: string | null) {
  if (!currentPassword) throw new ValidationError("errors.checkFields", { currentPassword: ["validation.required"] });
  const storedHash = async () =>
    (await firstRow(db.select({ hash: mailAccounts.passwordHash }).from(mailAccounts).where(eq(mailAccounts.id, accountId))))?.hash;
  await checkCurrentPassword(db, ownPasswordKeys(accountId, ip), storedHash, currentPassword);
}

/**
 * The forced change after a generated `.001` password: the one thing a pending administrator may do.
 * The new password also stops being marked, so the E-Mail-Administration opens.
 */
export async function changePendingAdminPassword(actor: Actor, newPassword: string, ip: string | null, db: Db = getDb()) {
  // Only while a change is pending: afterwards the own password needs the current one (above).
  if (!can(actor, "mailadmin.manage") || !actor.mustChangePassword) throw new ForbiddenError();
  await setPassword(
    { kind: "mail_account", id: actor.id },
    newPassword,
    { actor, ip, action: "mailadmin.password_changed", mustChange: false },
    db,
  );
}

export async function setMailAccountQuota(actor: Actor, accountId: number, requested: number | null, ip: string | null, db: Db = getDb()) {
  const tenant = assertMailAdmin(actor);
  await transaction(
    db,
    async (tx) => {
      const account = await accountOrThrow(tx, actor, accountId);
      // The same rule and message as a mailbox's quota: empty takes the package's value.
      const resolved = resolveQuota(requested, (await noPanelAllowance(tx, tenant.customerId)).quotaMb);
      if ("error" in resolved) throw new ValidationError("errors.checkFields", { quotaMb: [resolved.error] });
      const { quotaMb } = resolved;
      await tx.update(mailAccounts).set({ quotaMb }).where(eq(mailAccounts.id, account.id));
      await writeAudit(tx, actor, {
        action: "mail_account.quota",
        targetKind: "mail_account",
        targetId: account.id,
        targetLabel: account.login,
        ...tenant,
        ip,
        details: { quotaMb },
      });
    },
    { behavior: "immediate" },
  );
}

/**
 * Deletes an account and its routed addresses (a catch-all pointing at it falls back to refusing);
 * the customer's alias and forwarding targets that named those addresses go too (dropTargetsOf).
 * Account `.001` is the administration itself and stays.
 */
export async function deleteMailAccount(actor: Actor, accountId: number, ip: string | null, db: Db = getDb()) {
  const tenant = assertMailAdmin(actor);
  const gone = await transaction(
    db,
    async (tx) => {
      const account = await accountOrThrow(tx, actor, accountId);
      if (account.number === 1) throw new ValidationError("mailAdmin.errors.cannotDeleteAdmin");
      const routed = await tx
        .select({ address: mailAccountAddresses.address })
        .from(mailAccountAddresses)
        .where(eq(mailAccountAddresses.mailAccountId, account.id));
      const deleted = await tx
        .delete(mailAccounts)
        .where(eq(mailAccounts.id, account.id))
        .returning({ login: mailAccounts.login, home: mailAccounts.home });
      await forgetMailUsers(tx, deleted);
      const addresses = routed.map((r) => r.address);
      const changed = await dropTargetsOf(tx, actor, tenant.customerId, { addresses }, ip);
      await writeAudit(tx, actor, {
        action: "mail_account.delete",
        targetKind: "mail_account",
        targetId: account.id,
        targetLabel: account.login,
        ...tenant,
        ip,
      });
      return { deleted, changed };
    },
    { behavior: "immediate" },
  );
  // A later account with the same number must not inherit its autoresponder script nor its Maildir.
  for (const u of gone.deleted) removeMailboxSieve(u.login);
  await syncForwardingAfterCommit(db, gone.changed);
  await removeMailHomesSafely(
    db,
    gone.deleted.map((u) => u.home),
  );
}
