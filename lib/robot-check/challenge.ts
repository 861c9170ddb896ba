import "server-only";
import { createHash, createHmac, randomInt } from "node:crypto";
import { createChallenge, type Challenge, type Solution, sha, verifySolution } from "altcha/lib";
import { lt } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { robotCheckUsed } from "@/db/schema";
import { authSecret } from "@/lib/config";

/** A challenge is valid for ten minutes; long enough to fill a form, short enough to bound the used-set. */
export const CHALLENGE_TTL_MS = 10 * 60 * 1000;
const ALGORITHM = "SHA-256";
/**
 * The server picks the counter, so the browser's work is the counter itself (SHA-256 each):
 * tens of thousands of hashes take well under a second for a person, and add up for a bot farm.
 */
const MIN_COUNTER = 5_000;
const MAX_COUNTER = 40_000;

/** Kept apart from the session secret by derivation, so one key never serves two purposes. */
function hmacKey(): string {
  return createHmac("sha256", authSecret()).update("kontor.robot-check.v1").digest("hex");
}

export async function createRobotChallenge(now = Date.now()): Promise<Challenge> {
  return createChallenge({
    algorithm: ALGORITHM,
    cost: 1,
    counter: randomInt(MIN_COUNTER, MAX_COUNTER),
    deriveKey: sha.deriveKey,
    expiresAt: new Date(now + CHALLENGE_TTL_MS),
    hmacSignatureSecret: hmacKey(),
  });
}

type Payload = { challenge: Challenge; solution: Solution };

function parsePayload(raw: string): Payload | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(raw, "base64").toString("utf8"));
    if (!data || typeof data !== "object") return null;
    const { challenge, solution } = data as Partial<Payload>;
    // The widget's "test" mode posts null challenge and solution: refused here like any forgery.
    if (!challenge?.parameters || typeof challenge.signature !== "string") return null;
    if (!solution || typeof solution.counter !== "number" || typeof solution.derivedKey !== "string") return null;
    if (challenge.parameters.algorithm !== ALGORITHM) return null;
    return { challenge, solution };
  } catch {
    return null;
  }
}

/**
 * Checks the widget's payload and redeems it: a valid solution counts once. The redemption is an
 * insert on the challenge's hash, so a replay (or a race of parallel posts) finds the row taken.
 */
export async function redeemRobotCheck(raw: string, db: Db = getDb(), now = Date.now()): Promise<boolean> {
  if (!raw || raw.length > 4000) return false;
  const payload = parsePayload(raw);
  if (!payload) return false;
  const result = await verifySolution({
    challenge: payload.challenge,
    solution: payload.solution,
    deriveKey: sha.deriveKey,
    hmacSignatureSecret: hmacKey(),
  });
  const expiresAt = (payload.challenge.parameters.expiresAt ?? 0) * 1000;
  if (!result.verified || expiresAt <= now) return false;
  const challengeHash = createHash("sha256")
    .update(payload.challenge.signature as string)
    .digest("hex");
  await db.delete(robotCheckUsed).where(lt(robotCheckUsed.expiresAt, new Date(now)));
  const inserted = await db
    .insert(robotCheckUsed)
    .values({ challengeHash, expiresAt: new Date(expiresAt) })
    .onConflictDoNothing()
    .returning({ challengeHash: robotCheckUsed.challengeHash });
  return inserted.length === 1;
}
