import os from "node:os";
import { Worker } from "node:worker_threads";
import { config } from "@/lib/config";

/**
 * argon2id costs ~11 ms of a core and 19 MiB per run. It runs here on a few background threads at low
 * CPU priority (nice 10; Linux sets it per thread), so a login storm uses the CPU that page requests
 * leave over instead of taking turns with them. At most SLOTS hashes run at once per process, the
 * rest wait in line; alone, a process leaves one core free. scripts/serve.mjs, which runs one process
 * per core, also caps the whole machine at cores − 1 hashes (clusterSlot below).
 */
const SLOTS = config().server.hashSlots ?? Math.max(1, os.availableParallelism() - 1);
/** A hash that has not come back by then is reported as failed instead of hanging a login. */
const JOB_TIMEOUT_MS = 30_000;

// Plain CommonJS evaluated as the thread's code: no file to locate after bundling. `require` resolves
// from the working directory, the project root, where @node-rs/argon2 is installed.
const THREAD_CODE = `
const { parentPort } = require("node:worker_threads");
try { require("node:os").setPriority(10); } catch {}
const argon2 = require("@node-rs/argon2");
parentPort.on("message", ({ id, op, password, stored, options }) => {
  try {
    const value = op === "hash" ? argon2.hashSync(password, options) : argon2.verifySync(stored, password);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: op === "verify" ? null : String(error && error.message) });
  }
});
`;

type Request = { op: "hash"; password: string; options: object } | { op: "verify"; password: string; stored: string };
type Job = { request: Request; resolve: (value: string | boolean) => void; reject: (error: Error) => void };
type Reply = { id: number; value?: string | boolean; error?: string | null };
type Thread = { worker: Worker; job?: Job & { id: number; timer: NodeJS.Timeout } };

const threads: Thread[] = [];
const queue: Job[] = [];
let nextId = 1;
let peakBusy = 0;

/** The thread only runs argon2 (whose 19 MiB live outside the JS heap): a small heap suffices. */
const THREAD_LIMITS = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 };

function startThread(): Thread {
  const thread: Thread = { worker: new Worker(THREAD_CODE, { eval: true, execArgv: [], resourceLimits: THREAD_LIMITS }) };
  thread.worker.on("message", (reply: Reply) => {
    const job = thread.job;
    if (!job || job.id !== reply.id) return;
    finish(thread);
    // A verify that throws (a malformed stored hash) is a mismatch, as with the async API before.
    if (reply.error === undefined) job.resolve(reply.value as string | boolean);
    else if (reply.error === null) job.resolve(false);
    else job.reject(new Error(`argon2: ${reply.error}`));
  });
  const replace = (error: Error) => {
    const job = thread.job;
    threads.splice(threads.indexOf(thread), 1);
    if (job) {
      finish(thread);
      job.reject(error);
    }
    void thread.worker.terminate();
  };
  thread.worker.on("error", replace);
  thread.worker.on("exit", (code) => threads.includes(thread) && replace(new Error(`hash thread ended (${code})`)));
  // An idle thread must not keep a script (seed, backup) alive; a busy one must, until its answer is in.
  // (Adding a "message" listener refs the worker again, so this comes after the listeners.)
  thread.worker.unref();
  threads.push(thread);
  return thread;
}

function finish(thread: Thread) {
  if (thread.job) clearTimeout(thread.job.timer);
  thread.job = undefined;
  thread.worker.unref();
  dispatch();
}

function dispatch() {
  while (queue.length) {
    const idle = threads.find((t) => !t.job) ?? (threads.length < SLOTS ? startThread() : undefined);
    if (!idle) return;
    const job = queue.shift() as Job;
    const id = nextId++;
    const timer = setTimeout(() => {
      idle.worker.emit("error", new Error("argon2: timed out"));
    }, JOB_TIMEOUT_MS);
    timer.unref();
    idle.job = { ...job, id, timer };
    idle.worker.ref();
    peakBusy = Math.max(peakBusy, threads.filter((t) => t.job).length);
    idle.worker.postMessage({ id, ...job.request });
  }
}

function runHere(request: Request): Promise<string | boolean> {
  return new Promise((resolve, reject) => {
    queue.push({ request, resolve, reject });
    dispatch();
  });
}

/**
 * Under scripts/serve.mjs every worker has its own hash threads; the primary process hands out the
 * machine's hash slots (cores − 1), so two workers never hash more at once than one process would.
 */
const inCluster = config().server.clusterHash && typeof process.send === "function";
const granted = new Map<number, () => void>();
let nextSlotRequest = 1;
if (inCluster) {
  process.on("message", (message: { kontorHash?: string; id?: number } | null) => {
    if (message?.kontorHash !== "granted" || message.id === undefined) return;
    const waiter = granted.get(message.id);
    granted.delete(message.id);
    // A grant for a request that gave up waiting goes straight back.
    if (waiter) waiter();
    else process.send?.({ kontorHash: "release" });
  });
}

function clusterSlot(): Promise<void> {
  if (!inCluster) return Promise.resolve();
  const id = nextSlotRequest++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      granted.delete(id);
      reject(new Error("argon2: no hash slot from the primary process"));
    }, JOB_TIMEOUT_MS);
    granted.set(id, () => {
      clearTimeout(timer);
      resolve();
    });
    process.send?.({ kontorHash: "acquire", id });
  });
}

async function run(request: Request): Promise<string | boolean> {
  await clusterSlot();
  try {
    return await runHere(request);
  } finally {
    if (inCluster) process.send?.({ kontorHash: "release" });
  }
}

export async function argon2Hash(password: string, options: object): Promise<string> {
  return (await run({ op: "hash", password, options })) as string;
}

export async function argon2Verify(stored: string, password: string): Promise<boolean> {
  return (await run({ op: "verify", password, stored })) === true;
}

/** For tests and load checks: threads now, the most that may exist, the most that ever hashed at once. */
export function hashPoolStats() {
  return { threads: threads.length, slots: SLOTS, peakBusy };
}
