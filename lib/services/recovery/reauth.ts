import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccounts, mailboxes, reauthConfirmations, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { clearFailures, lockedFor, recordFailure } from "@/lib/auth/throttle";
import { upgradeImportedHash } from "@/lib/services/passwords/set-password";
import type { Actor } from "@/lib/authz/actor";
import { firstRow } from "@/db/rows";

/** How long "Konto bearbeiten" stays open after the current password was confirmed. */
export const REAUTH_WINDOW_MS = 10 * 60 * 1000;

export type ReauthResult =
  { ok: true; validUntil: Date } | { ok: false; reason: "wrong" } | { ok: false; reason: "throttled"; retryAfterMs: number };

async function storedHash(db: Db, actor: Actor): Promise<string | undefined> {
  if (actor.kind === "user") return (await firstRow(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, actor.id))))?.h;
  if (actor.kind === "mail_account")
    return (await firstRow(db.select({ h: mailAccounts.passwordHash }).from(mailAccounts).where(eq(mailAccounts.id, actor.id))))?.h;
  return (await firstRow(db.select({ h: mailboxes.passwordHash }).from(mailboxes).where(eq(mailboxes.id, actor.id))))?.h;
}

/**
 * Checks the actor's current password. Wrong answers count toward the same per-account budget as
 * failed logins of that principal and lock it the same way, so this form cannot be used for guessing.
 * A right answer upgrades a hash that came from an import (lib/services/import) to argon2id.
 */
export async function checkCurrentPassword(
  actor: Actor,
  password: string,
  ip: string,
  db: Db = getDb(),
  now = Date.now(),
): Promise<ReauthResult> {
  const keys = [`reauth:${actor.kind}:${actor.id}`, `ip:${ip}`];
  const wait = await lockedFor(db, keys, now);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterMs: wait };
  const hash = await storedHash(db, actor);
  if (!hash || !(await verifyPassword(hash, password))) {
    await recordFailure(db, keys, now);
    return { ok: false, reason: "wrong" };
  }
  await clearFailures(db, keys[0]);
  // The user has just proved the password: an imported hash becomes Kontor's argon2id, as at login.
  await upgradeImportedHash({ kind: actor.kind, id: actor.id }, hash, password, db);
  return { ok: true, validUntil: new Date(now + REAUTH_WINDOW_MS) };
}

/** Confirms the current password and opens the 10-minute window, stored server-side. */
export async function confirmReauth(actor: Actor, password: string, ip: string, db: Db = getDb(), now = Date.now()): Promise<ReauthResult> {
  const result = await checkCurrentPassword(actor, password, ip, db, now);
  if (!result.ok) return result;
  const values = { principalKind: actor.kind, principalId: actor.id, confirmedAt: new Date(now), sessionVersion: actor.sessionVersion };
  await db
    .insert(reauthConfirmations)
    .values(values)
    .onConflictDoUpdate({ target: [reauthConfirmations.principalKind, reauthConfirmations.principalId], set: values });
  return result;
}

/** End of the open window, or null. A password change (new session version) closes it. */
export async function reauthValidUntil(actor: Actor, db: Db = getDb(), now = Date.now()): Promise<Date | null> {
  const row = await firstRow(
    db
      .select()
      .from(reauthConfirmations)
      .where(and(eq(reauthConfirmations.principalKind, actor.kind), eq(reauthConfirmations.principalId, actor.id))),
  );
  if (!row || row.sessionVersion !== actor.sessionVersion) return null;
  const until = row.confirmedAt.getTime() + REAUTH_WINDOW_MS;
  return until > now ? new Date(until) : null;
}
