/**
 * npm run bench:profile -- <scenario> [--seconds N]: one worker with --cpu-prof under load on one
 * benchmark page, then prints where the CPU time went (self time by function and by package). For
 * finding what to make faster; uses the last benchmark build (.next-bench).
 */
import fs from "node:fs";
import path from "node:path";
import { prepareDataSet } from "./data-set";
import { runLoad } from "./load";
import { startServer } from "./server";
import { sessionCookie } from "./sessions";
import { summarizeProfile } from "./profile-summary";

const args = process.argv.slice(2);
const scenario = args[0] ?? "plesk";
const seconds = Number(args[args.indexOf("--seconds") + 1]) || 8;
const PORT = Number(process.env.KONTOR_BENCH_PORT) || 3390;
const dir = path.resolve("bench/profiles", new Date().toISOString().replace(/[:.]/g, "-"));
fs.mkdirSync(dir, { recursive: true });

const data = prepareDataSet(path.resolve("bench/large/kontor-large.db"));
const server = await startServer(
  {
    NEXT_DIST_DIR: ".next-bench",
    KONTOR_DB: data.file,
    AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
    AUTH_URL: `http://127.0.0.1:${PORT}`,
    NODE_ENV: "production",
    KONTOR_WORKERS: "1",
  },
  PORT,
  ["--cpu-prof", `--cpu-prof-dir=${dir}`],
);
const base = server.baseUrl;
try {
  const who = {
    plesk: data.bigDomainOwnerUserId,
    support: data.supportUserId,
    record: data.supportUserId,
    domains: data.bigCustomerUserId,
    customers: data.resellerUserId,
  };
  const urls = {
    plesk: `/panel/${data.bigSubscriptionId}/mail`,
    support: `/support/mailboxes?q=${encodeURIComponent(data.prefix)}`,
    record: `/support/mailboxes/${data.recordMailboxId}`,
    domains: "/ksc/domains",
    customers: "/reseller/customers",
  } as const;
  const key = scenario as keyof typeof urls;
  if (!(key in urls)) throw new Error(`scenario: one of ${Object.keys(urls).join(", ")}`);
  const cookie = await sessionCookie(base, data.file, "user", who[key]);
  await runLoad({ name: "warm-up", url: base + urls[key], cookie, seconds: 3 }, server.proc.pid ?? 0);
  const r = await runLoad({ name: scenario, url: base + urls[key], cookie, seconds }, server.proc.pid ?? 0);
  console.log(
    `${scenario}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.cpuMsPerRequest.toFixed(1)} ms CPU/req, non-2xx ${r.non2xx}`,
  );
} finally {
  await server.stop();
  await new Promise((r) => setTimeout(r, 2500));
}
const profiles = fs.readdirSync(dir).map((f) => path.join(dir, f));
const biggest = profiles.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
if (biggest) summarizeProfile(biggest);
