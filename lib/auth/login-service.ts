import "server-only";
import { type Db, getDb } from "@/db";
import { redeemRobotCheck } from "@/lib/robot-check/challenge";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { upgradeImportedHash } from "@/lib/services/passwords/set-password";
import type { LoginArea } from "./login-areas";
import { issueLoginGrant } from "./login-grants";
import { burnVerification, verifyPassword } from "./password-hash";
import { factorKinds, userHasSecondFactor } from "./mfa/factors";
import { createPendingLogin } from "./mfa/pending-login";
import { findLoginCandidate, loadActor } from "./principals";
import { clearFailures, lockedFor, recordFailure } from "./throttle";

/** robotCheck: the widget's payload, needed only while the address is suspicious. */
export type LoginAttempt = { area: LoginArea; identifier: string; password: string; ip: string; robotCheck?: string };
export type LoginResult =
  | { ok: true; grant: string; role: string }
  /** robotCheck: the next attempt from this address must pass the robot check. */
  | { ok: false; reason: "invalid"; robotCheck?: true }
  /** The address is suspicious and the robot check was missing or failed: the password was not checked. */
  | { ok: false; reason: "robotCheck" }
  | { ok: false; reason: "throttled"; retryAfterMs: number }
  /** Password right, but the account has a second factor: nothing is opened until it is passed. */
  | { ok: false; reason: "secondFactor"; pendingToken: string; methods: { totp: boolean; webauthn: boolean } };

/** How long each attempt from a suspicious address waits before its password is checked. */
export const SUSPICIOUS_ADDRESS_PAUSE_MS = 1000;

const addressKey = (ip: string) => `ip:${ip}`;

/**
 * Too many failures from one address do not lock anybody out: an office behind one NAT address shares
 * it, and the address may be anybody's. Instead every further attempt from there must pass the robot
 * check and waits a moment. Only the account's own counter locks (see attemptLogin).
 */
export async function addressNeedsRobotCheck(ip: string, db: Db = getDb()): Promise<boolean> {
  return (await lockedFor(db, [addressKey(ip)])) > 0;
}

type Options = { pause?: (ms: number) => Promise<void> };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks a login. Unknown accounts and wrong passwords take the same path and the same argon2 cost,
 * so neither the answer nor its timing tells whether an account exists.
 */
export async function attemptLogin(attempt: LoginAttempt, db: Db = getDb(), { pause = sleep }: Options = {}): Promise<LoginResult> {
  const accountKey = `acct:${attempt.area}:${attempt.identifier.trim().toLowerCase()}`;
  const wait = await lockedFor(db, [accountKey]);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterMs: wait };
  const suspicious = await addressNeedsRobotCheck(attempt.ip, db);
  if (suspicious) {
    if (!attempt.robotCheck || !(await redeemRobotCheck(attempt.robotCheck, db))) return { ok: false, reason: "robotCheck" };
    await pause(SUSPICIOUS_ADDRESS_PAUSE_MS);
  }

  const candidate = await findLoginCandidate(db, attempt.area, attempt.identifier);
  const valid = candidate
    ? await verifyPassword(candidate.passwordHash, attempt.password)
    : (await burnVerification(attempt.password), false);
  const actor = valid && candidate ? await loadActor(db, candidate.kind, candidate.id) : undefined;

  if (!candidate || !actor) {
    await recordFailure(db, [accountKey, addressKey(attempt.ip)]);
    const nowLocked = await lockedFor(db, [accountKey]);
    if (nowLocked > 0) {
      await writeAudit(db, null, { action: "login.locked", ip: attempt.ip, details: { area: attempt.area } });
      return { ok: false, reason: "throttled", retryAfterMs: nowLocked };
    }
    if (!(await addressNeedsRobotCheck(attempt.ip, db))) return { ok: false, reason: "invalid" };
    if (!suspicious) await writeAudit(db, null, { action: "login.address_suspicious", ip: attempt.ip, details: { area: attempt.area } });
    return { ok: false, reason: "invalid", robotCheck: true };
  }

  if (candidate.kind === "user" && (await userHasSecondFactor(db, candidate.id))) {
    // The account's failure counter is kept until the second factor passes, so wrong codes add up
    // with wrong passwords instead of being forgiven by re-entering a known password.
    return {
      ok: false,
      reason: "secondFactor",
      pendingToken: await createPendingLogin(db, candidate.id, accountKey),
      methods: await factorKinds(db, candidate.id),
    };
  }

  await clearFailures(db, accountKey);
  // The plaintext is at hand only now: an imported hash becomes Kontor's argon2id (no-op otherwise).
  await upgradeImportedHash({ kind: candidate.kind, id: candidate.id }, candidate.passwordHash, attempt.password, db);
  await writeAudit(db, actor, {
    action: "login.success",
    targetKind: candidate.kind,
    targetId: candidate.id,
    targetLabel: actor.label,
    resellerId: actor.resellerId,
    customerId: actor.customerId,
    ip: attempt.ip,
    details: { area: attempt.area },
  });
  return { ok: true, grant: await issueLoginGrant(db, candidate.kind, candidate.id), role: actor.role };
}
