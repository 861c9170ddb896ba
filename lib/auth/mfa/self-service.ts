import "server-only";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { and, eq, isNotNull } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mfaFactors, mfaRecoveryCodes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { AuditAction } from "@/lib/services/audit/actions";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { verifyPassword } from "../password-hash";
import { clearFailures, lockedFor, recordFailure } from "../throttle";
import { loadUserForMfa, userHasSecondFactor } from "./factors";
import { replaceRecoveryCodes } from "./recovery-codes";
import { beginTotpEnrolment, confirmTotpFactor } from "./totp";
import { beginKeyRegistration, finishKeyRegistration } from "./webauthn";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/** Second factors belong to KundenServiceCenter accounts (users); mail logins have none. */
function ownUserId(actor: Actor): number {
  if (actor.kind !== "user") throw new ForbiddenError();
  return actor.id;
}

const audit = async (db: Pick<Db, "insert">, actor: Actor, action: AuditAction, ip: string, details: Record<string, string | number>) =>
  await writeAudit(db, actor, {
    action,
    targetKind: "user",
    targetId: actor.id,
    targetLabel: actor.label,
    resellerId: actor.resellerId,
    customerId: actor.customerId,
    ip,
    details,
  });

/**
 * Adding a factor to an account that already has one needs the password again: otherwise a stolen
 * session could plant its own factor. The very first factor (enrolment) follows a fresh login.
 */
async function stepUpIfProtected(db: Db, actor: Actor, password: string | undefined) {
  if (await userHasSecondFactor(db, actor.id)) await checkPassword(db, actor, password ?? "");
}

export async function startTotp(actor: Actor, input: { password?: string }, db: Db = getDb()) {
  const userId = ownUserId(actor);
  await stepUpIfProtected(db, actor, input.password);
  return beginTotpEnrolment(userId, actor.label, db);
}

/** The first confirmed factor comes with 10 fresh recovery codes, returned once for display. */
async function afterFactorAdded(db: Db, actor: Actor, hadFactor: boolean, kind: string, ip: string): Promise<string[] | null> {
  await audit(db, actor, "mfa.factor_added", ip, { kind });
  return hadFactor ? null : await replaceRecoveryCodes(db, actor.id);
}

export async function confirmTotp(actor: Actor, input: { factorId: number; code: string; label: string }, ip: string, db: Db = getDb()) {
  const userId = ownUserId(actor);
  const hadFactor = await userHasSecondFactor(db, userId);
  if (!(await confirmTotpFactor(userId, input.factorId, input.code, input.label, db))) {
    throw new ValidationError("errors.checkFields", { code: ["mfa.codeWrong"] });
  }
  return await afterFactorAdded(db, actor, hadFactor, "totp", ip);
}

export async function startKeyRegistration(actor: Actor, input: { password?: string }, db: Db = getDb()) {
  const userId = ownUserId(actor);
  await stepUpIfProtected(db, actor, input.password);
  return beginKeyRegistration(userId, actor.label, db);
}

export async function finishKey(actor: Actor, input: { response: RegistrationResponseJSON; label: string }, ip: string, db: Db = getDb()) {
  const userId = ownUserId(actor);
  const hadFactor = await userHasSecondFactor(db, userId);
  if (!(await finishKeyRegistration(userId, input.response, input.label, db))) throw new ValidationError("mfa.keyFailed");
  return await afterFactorAdded(db, actor, hadFactor, "webauthn", ip);
}

/**
 * Changes to the factors need the current password again. Wrong entries count against the same
 * account budget as wrong logins, so this form is no side door for guessing.
 */
async function checkPassword(db: Db, actor: Actor, password: string) {
  const key = `acct:ksc:${actor.label.toLowerCase()}`;
  if ((await lockedFor(db, [key])) > 0) throw new ValidationError("mfa.tooManyAttempts");
  const user = await loadUserForMfa(db, actor.id);
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    await recordFailure(db, [key]);
    throw new ValidationError("errors.checkFields", { password: ["mfa.passwordWrong"] });
  }
  await clearFailures(db, key);
}

export async function removeFactor(actor: Actor, input: { factorId: number; password: string }, ip: string, db: Db = getDb()) {
  const userId = ownUserId(actor);
  await checkPassword(db, actor, input.password);
  await transaction(db, async (tx) => {
    const gone = await firstRow(
      tx
        .delete(mfaFactors)
        .where(and(eq(mfaFactors.id, input.factorId), eq(mfaFactors.userId, userId)))
        .returning({ kind: mfaFactors.kind }),
    );
    if (!gone) throw new NotFoundError();
    const left = await firstRow(
      tx
        .select({ id: mfaFactors.id })
        .from(mfaFactors)
        .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt))),
    );
    // Recovery codes only stand in for a factor; without any factor they would be a password of their own.
    if (!left) await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await audit(tx, actor, "mfa.factor_removed", ip, { kind: gone.kind });
  });
}

export async function regenerateCodes(actor: Actor, input: { password: string }, ip: string, db: Db = getDb()): Promise<string[]> {
  const userId = ownUserId(actor);
  await checkPassword(db, actor, input.password);
  if (!(await userHasSecondFactor(db, userId))) throw new ValidationError("mfa.noFactor");
  return await transaction(db, async (tx) => {
    await audit(tx, actor, "mfa.recovery_codes_renewed", ip, {});
    return await replaceRecoveryCodes(tx, userId);
  });
}
