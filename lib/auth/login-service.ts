import "server-only";
import { type Db, getDb } from "@/db";
import { writeAudit } from "@/lib/services/audit/write-audit";
import type { LoginArea } from "./login-areas";
import { issueLoginGrant } from "./login-grants";
import { burnVerification, verifyPassword } from "./password-hash";
import { factorKinds, userHasSecondFactor } from "./mfa/factors";
import { createPendingLogin } from "./mfa/pending-login";
import { findLoginCandidate, loadActor } from "./principals";
import { clearFailures, lockedFor, recordFailure } from "./throttle";

export type LoginAttempt = { area: LoginArea; identifier: string; password: string; ip: string };
export type LoginResult =
  | { ok: true; grant: string; role: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number }
  /** Password right, but the account has a second factor: nothing is opened until it is passed. */
  | { ok: false; reason: "secondFactor"; pendingToken: string; methods: { totp: boolean; webauthn: boolean } };

/**
 * Checks a login. Unknown accounts and wrong passwords take the same path and the same argon2 cost,
 * so neither the answer nor its timing tells whether an account exists.
 */
export async function attemptLogin(attempt: LoginAttempt, db: Db = getDb()): Promise<LoginResult> {
  const accountKey = `acct:${attempt.area}:${attempt.identifier.trim().toLowerCase()}`;
  const keys = [accountKey, `ip:${attempt.ip}`];
  const wait = lockedFor(db, keys);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterMs: wait };

  const candidate = findLoginCandidate(db, attempt.area, attempt.identifier);
  const valid = candidate
    ? await verifyPassword(candidate.passwordHash, attempt.password)
    : (await burnVerification(attempt.password), false);
  const actor = valid && candidate ? loadActor(db, candidate.kind, candidate.id) : undefined;

  if (!candidate || !actor) {
    recordFailure(db, keys);
    const nowLocked = lockedFor(db, keys);
    if (nowLocked > 0) {
      writeAudit(db, null, { action: "login.locked", ip: attempt.ip, details: { area: attempt.area } });
      return { ok: false, reason: "throttled", retryAfterMs: nowLocked };
    }
    return { ok: false, reason: "invalid" };
  }

  if (candidate.kind === "user" && userHasSecondFactor(db, candidate.id)) {
    // The account's failure counter is kept until the second factor passes, so wrong codes add up
    // with wrong passwords instead of being forgiven by re-entering a known password.
    return { ok: false, reason: "secondFactor", pendingToken: createPendingLogin(db, candidate.id, accountKey), methods: factorKinds(db, candidate.id) };
  }

  clearFailures(db, accountKey);
  writeAudit(db, actor, {
    action: "login.success",
    targetKind: candidate.kind,
    targetId: candidate.id,
    targetLabel: actor.label,
    resellerId: actor.resellerId,
    customerId: actor.customerId,
    ip: attempt.ip,
    details: { area: attempt.area },
  });
  return { ok: true, grant: issueLoginGrant(db, candidate.kind, candidate.id), role: actor.role };
}
