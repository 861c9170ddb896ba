import os from "node:os";
import { describe, expect, it } from "vitest";
import { withHashSlot } from "@/lib/auth/hash-slots";

describe("hash slots", () => {
  it("never runs more hashes at once than cores − 1, and runs them all", async () => {
    let active = 0;
    let peak = 0;
    const job = () =>
      withHashSlot(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return 1;
      });
    const results = await Promise.all(Array.from({ length: 20 }, job));
    expect(results.reduce((a, b) => a + b, 0)).toBe(20);
    expect(peak).toBe(Math.max(1, os.availableParallelism() - 1));
  });
});
