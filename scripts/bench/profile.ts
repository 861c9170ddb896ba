/**
 * npm run bench:profile -- <scenario|all> [--seconds N] [--data FILE]: one worker with --cpu-prof under load on the
 * benchmark's empty page and then on each chosen page, and prints, for the measured runs only, where
 * each page's CPU went in ms per request next to the empty page's (profile-summary.ts). For finding
 * what to make faster; uses the last benchmark build (.next-bench, or NEXT_DIST_DIR), on a working
 * copy (data-set.ts) of the data set (--data: the set to copy, default bench/large/kontor-large.db).
 * --pg URL runs the panel on that PostgreSQL database instead (a copy of the same set, as bench:pg keeps
 * in bench/large/postgres; the ids come from the SQLite copy).
 */
import fs from "node:fs";
import path from "node:path";
import { prepareDataSet, workingCopy } from "./data-set";
import { type LoadSpec, runLoad } from "./load";
import { benchServerEnv, startServer } from "./server";
import { sessionCookie } from "./sessions";
import { compareWindows, type ProfileWindow } from "./profile-summary";

const args = process.argv.slice(2);
const scenario = args[0] ?? "plesk";
const seconds = Number(args[args.indexOf("--seconds") + 1]) || 8;
const PORT = Number(process.env.KONTOR_BENCH_PORT) || 3390;
const dir = path.resolve("bench/profiles", new Date().toISOString().replace(/[:.]/g, "-"));
fs.mkdirSync(dir, { recursive: true });
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

const pgUrl = args.includes("--pg") ? args[args.indexOf("--pg") + 1] : undefined;
const copy = workingCopy(path.resolve(args.includes("--data") ? args[args.indexOf("--data") + 1] : "bench/large/kontor-large.db"));
const data = prepareDataSet(copy.file);
const server = await startServer(
  {
    ...benchServerEnv(PORT),
    ...(pgUrl ? { KONTOR_DATABASE_URL: pgUrl } : { KONTOR_DB: data.file }),
    KONTOR_WORKERS: "1",
  },
  PORT,
  ["--cpu-prof", `--cpu-prof-dir=${dir}`],
);
const base = server.baseUrl;
const pid = server.proc.pid ?? 0;
const windows: ProfileWindow[] = [];
try {
  const who = {
    home: data.bigDomainOwnerUserId,
    plesk: data.bigDomainOwnerUserId,
    deep: data.bigDomainOwnerUserId,
    support: data.supportUserId,
    record: data.supportUserId,
    domains: data.bigCustomerUserId,
    customers: data.resellerUserId,
  };
  const urls = {
    home: `/panel/${data.bigSubscriptionId}`,
    plesk: `/panel/${data.bigSubscriptionId}/mail`,
    deep: `/panel/${data.bigSubscriptionId}/mail?after=${encodeURIComponent(data.deepCursor)}`,
    support: `/support/mailboxes?q=${encodeURIComponent(data.prefix)}`,
    record: `/support/mailboxes/${data.recordMailboxId}`,
    domains: "/ksc/domains",
    customers: "/reseller/customers",
  } as const;
  const keys = scenario === "all" ? (Object.keys(urls) as (keyof typeof urls)[]) : [scenario as keyof typeof urls];
  for (const key of keys) if (!(key in urls)) throw new Error(`scenario: all or one of ${Object.keys(urls).join(", ")}`);
  const cookies = new Map<number, string>();
  const cookieOf = async (userId: number) => {
    const known = cookies.get(userId);
    if (known) return known;
    const made = await sessionCookie(base, pgUrl ?? data.file, "user", userId);
    cookies.set(userId, made);
    return made;
  };
  const specs: LoadSpec[] = [{ name: "empty", url: `${base}/bench/empty`, cookie: await cookieOf(data.bigDomainOwnerUserId) }];
  for (const key of keys) specs.push({ name: key, url: base + urls[key], cookie: await cookieOf(who[key]) });
  // Warm-up, not sampled: start-up, module loading and unoptimised code of a fresh worker.
  for (const spec of specs) await runLoad({ ...spec, seconds: 4 }, pid);
  for (const spec of specs) {
    const startUs = nowUs();
    const r = await runLoad({ ...spec, seconds }, pid);
    windows.push({ name: spec.name, startUs, endUs: nowUs(), requests: r.requests });
    console.log(
      `${spec.name}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.cpuMsPerRequest.toFixed(2)} ms CPU/req, non-2xx ${r.non2xx}`,
    );
  }
} finally {
  await server.stop();
  copy.remove();
}
fs.writeFileSync(path.join(dir, "windows.json"), JSON.stringify(windows));
// The worker writes its profile when it exits, which takes a few seconds for a long run.
const profileOf = () => fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile") && !f.includes(`.${pid}.`));
for (let i = 0; i < 120 && !profileOf().length; i++) await new Promise((r) => setTimeout(r, 500));
await new Promise((r) => setTimeout(r, 1000));
const [worker] = profileOf();
if (worker) compareWindows(path.join(dir, worker), windows);
else console.error(`no worker profile in ${dir}`);
