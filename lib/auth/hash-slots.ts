import os from "node:os";

/**
 * argon2id takes ~11 ms of one core and 19 MiB per run. Unbounded, a login storm fills libuv's pool and
 * every core, and page requests wait behind it. At most (cores − 1) hashes run at once, so one core
 * always stays free for everything else; further logins queue here instead. scripts/serve.mjs, which runs
 * one process per core, hands each its share through KONTOR_HASH_SLOTS.
 */
const SLOTS = Number(process.env.KONTOR_HASH_SLOTS) || Math.max(1, os.availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

export async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
