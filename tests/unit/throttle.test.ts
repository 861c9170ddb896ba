import { describe, expect, it } from "vitest";
import { lockedFor, MAX_FAILURES, recordFailure, WINDOW_MS } from "@/lib/auth/throttle";
import { createTestDb } from "../support/test-db";

describe("throttle", () => {
  it("forgets failures older than the window", async () => {
    const { db } = await createTestDb();
    const t0 = 1_000_000;
    for (let i = 0; i < MAX_FAILURES - 1; i++) await recordFailure(db, ["k"], t0);
    await recordFailure(db, ["k"], t0 + WINDOW_MS + 1);
    expect(await lockedFor(db, ["k"], t0 + WINDOW_MS + 2)).toBe(0);
  });

  it("grows the delay with each lock", async () => {
    const { db } = await createTestDb();
    let now = 5_000_000;
    for (let i = 0; i < MAX_FAILURES; i++) await recordFailure(db, ["k"], now);
    const first = await lockedFor(db, ["k"], now);
    now += first + 1;
    await recordFailure(db, ["k"], now);
    const second = await lockedFor(db, ["k"], now);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  });
});
