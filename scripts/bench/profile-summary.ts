/**
 * Reads a V8 .cpuprofile and prints where the CPU went, in ms per request: by package, by function
 * (self time) and by function including what it called. With windows (from profile.ts), only the
 * samples of each measured load run count, so start-up, module loading and warm-up do not drown the
 * page; a page's window is printed next to the empty page's, and the difference is what the page
 * itself costs.
 *   npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [windows.json]
 */
import fs from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };

/** A measured load run: V8's sample clock is CLOCK_MONOTONIC in µs, the same as process.hrtime. */
export type ProfileWindow = { name: string; startUs: number; endUs: number; requests: number };

const packageOf = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url) ?? /\.next-bench[^/]*\/server\/(chunks\/ssr|chunks|app)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return "node";
  return url ? "other" : "(native/gc)";
};

// Next's runtime and the build's chunks are minified; their source maps name the original file and
// line (React's own production files keep readable names), which is what a reader can act on.
const maps = new Map<string, { map: SourceMap; sources: Map<string, string[]> } | null>();
function originalOf(url: string, line: number, column: number): string | undefined {
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (!file.endsWith(".js")) return undefined;
  if (!maps.has(file)) {
    try {
      const payload = JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as { sources?: string[]; sourcesContent?: string[] };
      const sources = new Map((payload.sources ?? []).map((src, i) => [src, (payload.sourcesContent?.[i] ?? "").split("\n")]));
      maps.set(file, { map: new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]), sources });
    } catch {
      maps.set(file, null);
    }
  }
  const m = maps.get(file);
  if (!m) return undefined;
  const entry = m.map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
  if (!entry.originalSource) return undefined;
  const text = (m.sources.get(entry.originalSource)?.[entry.originalLine ?? 0] ?? "").trim().slice(0, 60);
  return `${entry.originalSource.replace(/^.*?(node_modules|compiled|src)\//, "")}:${(entry.originalLine ?? 0) + 1} ${text}`;
}

const frameName = (n: Node) => {
  const { functionName, url, lineNumber, columnNumber } = n.callFrame;
  const original = url ? originalOf(url, lineNumber, columnNumber) : undefined;
  const where = `${url.replace(/.*node_modules\//, "").replace(/.*\.next-bench[^/]*\//, "")}:${lineNumber}`;
  return `${functionName || "(anon)"} ${original ? `[${original}]` : where}`;
};

type Tally = { total: number; pkg: Map<string, number>; self: Map<string, number>; inclusive: Map<string, number> };

function tally(profile: Profile, from = -Infinity, to = Infinity): Tally {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const t: Tally = { total: 0, pkg: new Map(), self: new Map(), inclusive: new Map() };
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    const n = byId.get(id);
    if (at < from || at > to || !n || n.callFrame.functionName === "(idle)") return;
    t.total += us;
    add(t.self, frameName(n), us);
    add(t.pkg, packageOf(n.callFrame.url) + (n.callFrame.url ? "" : ` ${n.callFrame.functionName}`), us);
    // Inclusive: every distinct function on the stack once (recursion counted once).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const f = frameName(node);
      if (!seen.has(f)) add(t.inclusive, f, us);
      seen.add(f);
    }
  });
  return t;
}

/** Whole profile in per cent (the old output). */
export function summarizeProfile(file: string, top = 40) {
  const t = tally(JSON.parse(fs.readFileSync(file, "utf8")) as Profile);
  const pct = (us: number) => ((100 * us) / t.total).toFixed(1).padStart(5) + " %";
  console.log(`\n${file}: ${(t.total / 1e6).toFixed(1)} s sampled`);
  console.log("\nBy package:");
  for (const [k, v] of [...t.pkg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(v)}  ${k}`);
  console.log("\nBy function:");
  for (const [k, v] of [...t.self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
}

/**
 * ms per request in each window, side by side with the first window (the empty page), sorted by the
 * difference: what the page spends that an empty page of the same build does not.
 */
export function compareWindows(file: string, windows: ProfileWindow[], top = 30) {
  if (!windows.length) return;
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const [base, ...pages] = windows.map((w) => ({ w, t: tally(profile, w.startUs, w.endUs) }));
  const ms = (us: number, w: ProfileWindow) => (w.requests ? us / 1000 / w.requests : 0);
  const col = (v: number) => v.toFixed(3).padStart(8);
  for (const { w, t } of pages) {
    console.log(
      `\n== ${w.name}: ${col(ms(t.total, w))} ms/req sampled  (${base.w.name}: ${col(ms(base.t.total, base.w))} ms/req)   ` +
        `ratio ${(ms(t.total, w) / ms(base.t.total, base.w)).toFixed(2)}`,
    );
    for (const [title, key] of [
      ["package, self", "pkg"],
      ["function, self", "self"],
      ["function, inclusive", "inclusive"],
    ] as const) {
      console.log(`\n  ${title}: page  empty  difference (ms/req)`);
      const names = new Set([...t[key].keys(), ...base.t[key].keys()]);
      const rows = [...names].map((k) => {
        const page = ms(t[key].get(k) ?? 0, w);
        const empty = ms(base.t[key].get(k) ?? 0, base.w);
        return { k, page, empty, diff: page - empty };
      });
      for (const r of rows.sort((a, b) => b.diff - a.diff).slice(0, key === "pkg" ? 12 : top))
        console.log(`  ${col(r.page)} ${col(r.empty)} ${col(r.diff)}  ${r.k}`);
      if (key !== "inclusive") continue;
      // Kontor's own functions (source-mapped to app/, components/, lib/, db/), however small.
      console.log(`\n  Kontor's code, inclusive: page  empty  difference (ms/req)`);
      for (const r of rows.filter((x) => /\[(\.\.\/)+(app|components|lib|db)\//.test(x.k)).slice(0, top))
        console.log(`  ${col(r.page)} ${col(r.empty)} ${col(r.diff)}  ${r.k.replace(/\[(\.\.\/)+/, "[")}`);
    }
  }
}

if (process.argv[1]?.endsWith("profile-summary.ts") && process.argv[2]) {
  const [file, windowsFile] = process.argv.slice(2);
  if (windowsFile) compareWindows(file, JSON.parse(fs.readFileSync(windowsFile, "utf8")) as ProfileWindow[]);
  else summarizeProfile(file);
}
