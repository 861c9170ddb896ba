/** Reads a V8 .cpuprofile and prints the heaviest functions and packages by self time. */
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const packageOf = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url) ?? /\.next-bench\/server\/(chunks\/ssr|chunks|app)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return "node";
  return url ? "other" : "(native/gc)";
};

export function summarizeProfile(file: string, top = 40) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id);
    if (!n) continue;
    const f = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/.*node_modules\//, "").replace(/.*\.next-bench\//, "")}:${n.callFrame.lineNumber}`;
    fn.set(f, (fn.get(f) ?? 0) + us);
    const p = packageOf(n.callFrame.url) + (n.callFrame.url ? "" : ` ${n.callFrame.functionName}`);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const pct = (us: number) => ((100 * us) / total).toFixed(1).padStart(5) + " %";
  console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  console.log("\nBy package:");
  for (const [k, v] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(v)}  ${k}`);
  console.log("\nBy function:");
  for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
}

if (process.argv[1]?.endsWith("profile-summary.ts") && process.argv[2]) summarizeProfile(process.argv[2]);
