/**
 * Page CPU of two or more builds in one window: every build's production server runs side by side
 * (ports from KONTOR_BENCH_PORT on, two apart), and each page is loaded on one build after the other
 * in short slices, `--rounds` times, so that the shared machine's drifting load hits every build
 * alike. Server CPU per request summed over the slices, on the 1,000,000-mailbox data set, and the
 * ratio to the empty page of the same build where it has one (/bench/empty, KONTOR_BENCH=1; builds
 * from before that anchor have none).
 * For "what did this change buy" and for comparing with an older commit's build:
 *   npx tsx scripts/bench/pages-compare.ts --build now=.:.next-bench --build old=/path/to/checkout:.next-bench
 *     [--rounds 6] [--seconds 3] [--workers 1] [--data FILE]
 * Each build must have been built before (NEXT_DIST_DIR=<dist> next build in its checkout).
 * Runs on a working copy (data-set.ts) of the data set (--data: the set to copy, default
 * bench/large/kontor-large.db). With --copy-per-build every build gets its own copy, migrated with its
 * own checkout's migrations: for a change that adds or replaces an index, which would otherwise serve
 * every build alike (the set to copy must not be migrated past the oldest build's schema).
 * Writes bench/results/<stamp>-pages-compare.json.
 */
import fs from "node:fs";
import path from "node:path";
import { prepareDataSet, workingCopy } from "./data-set";
import { runLoad } from "./load";
import { cpuPerRequest, measureInSlices, serverTarget, type SliceSums } from "./interleaved";
import { benchServerEnv, startServer } from "./server";
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
const rounds = Number(option("rounds", "6"));
const seconds = Number(option("seconds", "3"));
const workers = option("workers", "");
const PORT = Number(process.env.KONTOR_BENCH_PORT) || 3390;

const source = path.resolve(option("data", "bench/large/kontor-large.db"));
const copies = args.includes("--copy-per-build") ? builds.map(() => workingCopy(source)) : [workingCopy(source)];
const dataOf = copies.map((copy, i) =>
  prepareDataSet(copy.file, copies.length > 1 ? path.join(builds[i].dir, "db", "migrations") : undefined),
);
const data = dataOf[0];
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

let sums: SliceSums = new Map();
const servers = await Promise.all(
  builds.map(async (build, i) => {
    const port = PORT + 2 * i;
    const server = await startServer(
      {
        ...benchServerEnv(port, build.dist),
        KONTOR_DB: (dataOf[i] ?? data).file,
        ...(workers ? { KONTOR_WORKERS: workers } : {}),
      },
      port,
      [],
      build.dir,
    );
    // startServer gives up waiting after 30 s; on a loaded machine a worker may take longer to start.
    for (
      let i = 0;
      i < 240 &&
      !(await fetch(`${server.baseUrl}/login`).then(
        (r) => r.status < 500,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 500));
    return { build, server, pid: server.proc.pid ?? 0 };
  }),
);
try {
  const specsOf = new Map<string, { name: string; url: string; cookie?: string }[]>();
  for (const [i, { build, server }] of servers.entries()) {
    const cookies = new Map<number, string>();
    for (const p of pages)
      if (!cookies.has(p.user)) cookies.set(p.user, await sessionCookie(server.baseUrl, (dataOf[i] ?? data).file, "user", p.user));
    const emptyUrl = `${server.baseUrl}/bench/empty`;
    const owner = cookies.get(data.bigDomainOwnerUserId) ?? "";
    const hasEmpty = (await fetch(emptyUrl, { headers: { cookie: owner } })).status === 200;
    specsOf.set(build.name, [
      ...(hasEmpty ? [{ name: "empty page", url: emptyUrl, cookie: owner }] : []),
      ...pages.map((p) => ({ name: p.name, url: server.baseUrl + p.url, cookie: cookies.get(p.user) })),
    ]);
  }
  // Warm-up, not counted: a fresh worker runs unoptimised code for its first few thousand requests.
  for (const { build, pid } of servers) for (const spec of specsOf.get(build.name) ?? []) await runLoad({ ...spec, seconds: 4 }, pid);
  // Every page on every build in turn, round after round (interleaved.ts).
  sums = await measureInSlices({
    pages: ["empty page", ...pages.map((p) => p.name)],
    targets: servers.map(({ build, pid }) =>
      serverTarget(build.name, pid, (name) => specsOf.get(build.name)?.find((x) => x.name === name)),
    ),
    rounds,
    seconds,
    onRound: (round) => console.log(`  round ${round + 1} of ${rounds} done`),
  });
} finally {
  for (const { server } of servers) await server.stop();
  for (const copy of copies) copy.remove();
}

const perRequest = (build: string, page: string) => cpuPerRequest(sums, build, page);
const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`\nserver CPU ms/request (× empty page of the same build), ${rounds} slices of ${seconds} s each; load average now ${load}`);
const names = ["empty page", ...pages.map((p) => p.name)];
console.log(["page".padEnd(34), ...builds.map((b) => b.name.padEnd(16))].join(" "));
const table: Record<string, Record<string, { cpuMsPerRequest?: number; toEmpty?: number; requests?: number; non2xx?: number }>> = {};
for (const name of names) {
  const cells = builds.map((b) => {
    const ms = perRequest(b.name, name);
    const empty = perRequest(b.name, "empty page");
    const toEmpty = ms !== undefined && empty !== undefined && name !== "empty page" ? ms / empty : undefined;
    const sum = sums.get(b.name)?.get(name);
    (table[name] ??= {})[b.name] = { cpuMsPerRequest: ms, toEmpty, requests: sum?.requests, non2xx: sum?.non2xx };
    if (sum?.non2xx) console.warn(`! ${b.name} ${name}: ${sum.non2xx} non-2xx or errors`);
    return `${ms === undefined ? "–" : ms.toFixed(2)}${toEmpty === undefined ? "" : ` (${toEmpty.toFixed(2)})`}`.padEnd(16);
  });
  console.log([name.padEnd(34), ...cells].join(" "));
}
fs.mkdirSync("bench/results", { recursive: true });
const out = path.join("bench/results", `${new Date().toISOString().replace(/[:.]/g, "-")}-pages-compare.json`);
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), seconds, rounds, loadAverageAtEnd: load, builds, table }, null, 2));
console.log(`\nWritten ${out}`);
