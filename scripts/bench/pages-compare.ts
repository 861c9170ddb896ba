/**
 * Page CPU of two or more builds in one window: each build's production server in turn (rounds
 * alternate, so a change in the machine's load hits every build alike), the benchmark's pages on the
 * 1,000,000-mailbox data set, server CPU per request, and the ratio to the empty page of the same
 * build where it has one (/bench/empty, KONTOR_BENCH=1; builds from before the anchor have none).
 * For "what did this change buy" and for comparing with an older commit's build:
 *   npx tsx scripts/bench/pages-compare.ts --build now=.:.next-bench --build old=/path/to/checkout:.next-bench
 *     [--rounds 2] [--seconds 8] [--workers 1]
 * Each build must have been built before (NEXT_DIST_DIR=<dist> next build in its checkout).
 * Writes bench/results/<stamp>-pages-compare.json.
 */
import fs from "node:fs";
import path from "node:path";
import { prepareDataSet } from "./data-set";
import { type LoadResult, runLoad } from "./load";
import { startServer } from "./server";
import { sessionCookie } from "./sessions";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const builds = args
  .map((a, i) => (args[i - 1] === "--build" ? a : undefined))
  .filter((a): a is string => !!a)
  .map((spec) => {
    const [name, dir, dist] = spec.split(/[=:]/);
    if (!name || !dir || !dist) throw new Error(`--build name=dir:distDir, not ${spec}`);
    return { name, dir: path.resolve(dir), dist };
  });
if (!builds.length) throw new Error("at least one --build name=dir:distDir");
const rounds = Number(option("rounds", "2"));
const seconds = Number(option("seconds", "8"));
const workers = option("workers", "");
const PORT = Number(process.env.KONTOR_BENCH_PORT) || 3390;

const data = prepareDataSet(path.resolve("bench/large/kontor-large.db"));
const pages = [
  { name: "Plesk address list, first page", url: `/panel/${data.bigSubscriptionId}/mail`, user: data.bigDomainOwnerUserId },
  {
    name: "Plesk address list, deep page",
    url: `/panel/${data.bigSubscriptionId}/mail?after=${encodeURIComponent(data.deepCursor)}`,
    user: data.bigDomainOwnerUserId,
  },
  { name: "Support search", url: `/support/mailboxes?q=${encodeURIComponent(data.prefix)}`, user: data.supportUserId },
  { name: "Domainverwaltung, 1,000 domains", url: "/ksc/domains", user: data.bigCustomerUserId },
  { name: "Reseller customer list", url: "/reseller/customers", user: data.resellerUserId },
  { name: "Mailbox record (support)", url: `/support/mailboxes/${data.recordMailboxId}`, user: data.supportUserId },
];

type Run = { build: string; round: number; empty?: LoadResult; pages: (LoadResult & { toEmpty?: number })[] };
const runs: Run[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const build of builds) {
    const server = await startServer(
      {
        NEXT_DIST_DIR: build.dist,
        KONTOR_DB: data.file,
        AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
        AUTH_URL: `http://127.0.0.1:${PORT}`,
        NODE_ENV: "production",
        KONTOR_BENCH: "1",
        ...(workers ? { KONTOR_WORKERS: workers } : {}),
      },
      PORT,
      [],
      build.dir,
    );
    const pid = server.proc.pid ?? 0;
    try {
      const cookies = new Map<number, string>();
      for (const p of pages) if (!cookies.has(p.user)) cookies.set(p.user, await sessionCookie(server.baseUrl, data.file, "user", p.user));
      const emptyUrl = `${server.baseUrl}/bench/empty`;
      const hasEmpty = (await fetch(emptyUrl, { headers: { cookie: cookies.get(data.bigDomainOwnerUserId) ?? "" } })).status === 200;
      const specs = [
        ...(hasEmpty ? [{ name: "empty page", url: emptyUrl, cookie: cookies.get(data.bigDomainOwnerUserId) }] : []),
        ...pages.map((p) => ({ name: p.name, url: server.baseUrl + p.url, cookie: cookies.get(p.user) })),
      ];
      // Warm-up, not counted: a fresh worker runs unoptimised code for its first few thousand requests.
      for (const spec of specs) await runLoad({ ...spec, seconds: Math.min(4, seconds) }, pid);
      const run: Run = { build: build.name, round, pages: [] };
      for (const spec of specs) {
        const r = await runLoad({ ...spec, seconds }, pid);
        if (r.non2xx || r.errors) console.warn(`! ${build.name} ${spec.name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        if (spec.name === "empty page") run.empty = r;
        else run.pages.push({ ...r, toEmpty: run.empty ? r.cpuMsPerRequest / run.empty.cpuMsPerRequest : undefined });
        console.log(
          `  round ${round} ${build.name.padEnd(8)} ${spec.name.padEnd(34)} ${r.cpuMsPerRequest.toFixed(2).padStart(6)} ms CPU/req`,
        );
      }
      runs.push(run);
    } finally {
      await server.stop();
    }
  }
}

const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`\nserver CPU ms/request (× empty page of the same build), rounds in order; load average now ${load}`);
const names = ["empty page", ...pages.map((p) => p.name)];
console.log(["page".padEnd(34), ...builds.map((b) => b.name.padEnd(28))].join(" "));
for (const name of names) {
  const cells = builds.map((b) =>
    runs
      .filter((r) => r.build === b.name)
      .map((r) => {
        if (name === "empty page") return r.empty ? r.empty.cpuMsPerRequest.toFixed(2) : "–";
        const p = r.pages.find((x) => x.name === name);
        return p ? `${p.cpuMsPerRequest.toFixed(2)}${p.toEmpty ? ` (${p.toEmpty.toFixed(2)})` : ""}` : "–";
      })
      .join(", ")
      .padEnd(28),
  );
  console.log([name.padEnd(34), ...cells].join(" "));
}
fs.mkdirSync("bench/results", { recursive: true });
const out = path.join("bench/results", `${new Date().toISOString().replace(/[:.]/g, "-")}-pages-compare.json`);
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), seconds, rounds, loadAverageAtEnd: load, builds, runs }, null, 2));
console.log(`\nWritten ${out}`);
