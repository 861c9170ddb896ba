import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { argon2Hash, argon2Verify, hashPoolStats } from "@/lib/auth/hash-pool";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";

const CHEAP = { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** Nice values of this process's threads (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return fs.readdirSync("/proc/self/task").flatMap((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      return [Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16])];
    } catch {
      return [];
    }
  });
}

describe("hash pool", () => {
  it("hashes and verifies many passwords at once on at most SLOTS low-priority threads", async () => {
    const passwords = Array.from({ length: 12 }, (_, i) => `pass-${i}-äß €`);
    const hashes = await Promise.all(passwords.map((p) => argon2Hash(p, CHEAP)));
    expect(new Set(hashes).size).toBe(12);
    const checks = await Promise.all(hashes.map((h, i) => argon2Verify(h, passwords[i])));
    expect(checks).toEqual(Array(12).fill(true));
    const wrong = await Promise.all(hashes.map((h, i) => argon2Verify(h, passwords[(i + 1) % 12])));
    expect(wrong).toEqual(Array(12).fill(false));

    const { threads, slots, peakBusy } = hashPoolStats();
    expect(threads).toBeGreaterThan(0);
    expect(threads).toBeLessThanOrEqual(slots);
    expect(peakBusy).toBe(slots);
    // Every hash thread runs at nice 10 (a test process may still hold an earlier file's idle hash
    // threads, hence at least); the main thread and V8's threads stay at the process's own nice value:
    // 0, or the nice value the run was started with (as in `nice -n 5 npm test`).
    const own = os.getPriority();
    expect(own, "the test needs a process below nice 10 to tell the hash threads apart").toBeLessThan(10);
    const nice = threadNiceValues();
    expect(nice.filter((n) => n === 10).length).toBeGreaterThanOrEqual(threads);
    expect(nice.filter((n) => n === own).length).toBeGreaterThan(0);
  });

  it("answers false for a malformed stored hash instead of failing", async () => {
    expect(await argon2Verify("$argon2id$not-a-hash", "x")).toBe(false);
    expect(await verifyPassword("{ARGON2ID}garbage", "x")).toBe(false);
  });

  it("writes Dovecot's {ARGON2ID} scheme with OWASP's parameters", async () => {
    const stored = await hashPassword("Sommer 2026!");
    expect(stored).toMatch(/^\{ARGON2ID\}\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "Sommer 2026!")).toBe(true);
    expect(await verifyPassword(stored, "Sommer 2026")).toBe(false);
  });

  it("lets a script that hashed end by itself (an idle hash thread keeps nothing alive)", () => {
    const script = "import { hashPassword } from './lib/auth/password-hash.ts'; console.log((await hashPassword('x')).slice(0, 10));";
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("{ARGON2ID}");
  }, 30_000);
});
