import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { type Db, getDb } from "@/db";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { issueLoginGrant } from "../login-grants";
import { loadActor } from "../principals";
import { clearFailures, lockedFor, recordFailure } from "../throttle";
import { verifySecondFactorCode } from "./index";
import { consumePendingLogin, findPendingLogin, type PendingLogin, recordWrongCode, setPendingChallenge } from "./pending-login";
import { keyLoginOptions, verifyKeyAssertion } from "./webauthn";

export type SecondStepResult =
  | { ok: true; grant: string; role: string }
  | { ok: false; reason: "invalid" }
  /** Expired, used, voided by too many wrong codes, or unknown: the password must be entered again. */
  | { ok: false; reason: "restart" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

type Step = { token: string; ip: string };

/** The second step with a TOTP or recovery code. */
export async function completeLoginWithCode(step: Step & { code: string }, db: Db = getDb()): Promise<SecondStepResult> {
  return check(step, db, "code", (pending) => verifySecondFactorCode(pending.userId, step.code, db));
}

/** Issues the WebAuthn challenge for this pending login; undefined when the login must restart. */
export async function beginKeyLogin(token: string, db: Db = getDb()) {
  const pending = await findPendingLogin(db, token);
  if (!pending) return undefined;
  const options = await keyLoginOptions(pending.userId, db);
  await setPendingChallenge(db, pending.tokenHash, options.challenge);
  return options;
}

/** The second step with a security key; the challenge is the one stored for this pending login. */
export async function completeLoginWithKey(
  step: Step & { response: AuthenticationResponseJSON },
  db: Db = getDb(),
): Promise<SecondStepResult> {
  return check(step, db, "webauthn", async (pending) => {
    // A challenge answers one assertion only, whether it verifies or not.
    await setPendingChallenge(db, pending.tokenHash, null);
    return pending.challenge ? verifyKeyAssertion(pending.userId, pending.challenge, step.response, db) : Promise.resolve(false);
  });
}

async function check(step: Step, db: Db, method: string, verify: (p: PendingLogin) => Promise<boolean>): Promise<SecondStepResult> {
  const pending = await findPendingLogin(db, step.token);
  if (!pending) return { ok: false, reason: "restart" };
  // Like the password step, only the account's counter locks; failures still count for the address,
  // which makes its next password attempts pass the robot check (lib/auth/login-service.ts).
  const keys = [pending.throttleKey, `ip:${step.ip}`];
  const wait = await lockedFor(db, [pending.throttleKey]);
  if (wait > 0) {
    await consumePendingLogin(db, pending.tokenHash);
    return { ok: false, reason: "throttled", retryAfterMs: wait };
  }
  if (!(await verify(pending))) {
    await recordFailure(db, keys);
    const { voided } = await recordWrongCode(db, pending);
    const nowLocked = await lockedFor(db, [pending.throttleKey]);
    if (nowLocked > 0) {
      await consumePendingLogin(db, pending.tokenHash);
      await writeAudit(db, null, {
        action: "login.locked",
        ip: step.ip,
        targetKind: "user",
        targetId: pending.userId,
        details: { area: "ksc" },
      });
      return { ok: false, reason: "throttled", retryAfterMs: nowLocked };
    }
    return voided ? { ok: false, reason: "restart" } : { ok: false, reason: "invalid" };
  }
  const actor = await loadActor(db, "user", pending.userId);
  if (!(await consumePendingLogin(db, pending.tokenHash)) || !actor) return { ok: false, reason: "restart" };
  await clearFailures(db, pending.throttleKey);
  await writeAudit(db, actor, {
    action: "login.success",
    targetKind: "user",
    targetId: actor.id,
    targetLabel: actor.label,
    resellerId: actor.resellerId,
    customerId: actor.customerId,
    ip: step.ip,
    details: { area: "ksc", secondFactor: method },
  });
  return { ok: true, grant: await issueLoginGrant(db, "user", actor.id), role: actor.role };
}
