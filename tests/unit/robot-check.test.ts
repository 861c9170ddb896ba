import { type Challenge, sha, solveChallenge } from "altcha/lib";
import { beforeEach, describe, expect, it } from "vitest";
import { robotCheckUsed } from "@/db/schema";
import { CHALLENGE_TTL_MS, createRobotChallenge, redeemRobotCheck } from "@/lib/robot-check/challenge";
import { createTestDb } from "../support/test-db";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeEach(async () => {
  handle = await createTestDb();
});

/** Does what the widget does in the browser: solve, then base64 of the JSON payload. */
async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey: sha.deriveKey });
  if (!solution) throw new Error("unsolved");
  return Buffer.from(
    JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }),
  ).toString("base64");
}

// Real proof of work at production difficulty: a few seconds of hashing on a loaded 2-core machine.
describe("robot check (ALTCHA proof of work)", { timeout: 60_000 }, () => {
  it("accepts a solved challenge once and refuses the replay", async () => {
    const payload = await solve(await createRobotChallenge());
    expect(await redeemRobotCheck(payload, handle.db)).toBe(true);
    expect(await redeemRobotCheck(payload, handle.db)).toBe(false);
    expect(await handle.db.select().from(robotCheckUsed)).toHaveLength(1);
  });

  it("of parallel redemptions of one solution exactly one passes", async () => {
    const payload = await solve(await createRobotChallenge());
    const results = await Promise.all(Array.from({ length: 10 }, () => redeemRobotCheck(payload, handle.db)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("refuses a wrong solution, a forged challenge and the widget's test mode", async () => {
    const challenge = await createRobotChallenge();
    const good = JSON.parse(Buffer.from(await solve(challenge), "base64").toString()) as {
      challenge: Challenge;
      solution: { counter: number };
    };
    const wrong = { ...good, solution: { ...good.solution, counter: good.solution.counter + 1 } };
    expect(await redeemRobotCheck(Buffer.from(JSON.stringify(wrong)).toString("base64"), handle.db)).toBe(false);
    // An easier challenge made up by the client: the signature no longer matches.
    const forged = { ...good, challenge: { ...good.challenge, parameters: { ...good.challenge.parameters, keyPrefix: "00" } } };
    expect(await redeemRobotCheck(Buffer.from(JSON.stringify(forged)).toString("base64"), handle.db)).toBe(false);
    const testMode = Buffer.from(JSON.stringify({ challenge: null, solution: null, test: true })).toString("base64");
    expect(await redeemRobotCheck(testMode, handle.db)).toBe(false);
    expect(await redeemRobotCheck("not base64 json", handle.db)).toBe(false);
    expect(await redeemRobotCheck("", handle.db)).toBe(false);
  });

  it("refuses an expired challenge and purges expired redemptions", async () => {
    const past = Date.now() - CHALLENGE_TTL_MS - 60_000;
    const payload = await solve(await createRobotChallenge(past));
    expect(await redeemRobotCheck(payload, handle.db)).toBe(false);
    await handle.db.insert(robotCheckUsed).values({ challengeHash: "old", expiresAt: new Date(past) });
    expect(await redeemRobotCheck(await solve(await createRobotChallenge()), handle.db)).toBe(true);
    expect((await handle.db.select().from(robotCheckUsed)).map((r) => r.challengeHash)).not.toContain("old");
  });

  it("makes the client work: the key prefix pins one counter in thousands", async () => {
    const challenge = await createRobotChallenge();
    const solution = await solveChallenge({ challenge, deriveKey: sha.deriveKey });
    expect(solution?.counter).toBeGreaterThanOrEqual(5_000);
  });
});
