/**
 * Server CPU per request of several pages, measured in short slices taken in turn, round after round:
 * on a shared machine the load drifts within minutes, and a page measured for 15 s after its anchor
 * was measured meets another load than the anchor did (a ratio of the same code moved between 1.15 and
 * 1.9 × from one run to the next). In slices every page, the anchor included, meets the same drift.
 * Used by `npm run bench` (one server: each page against the empty page), by pages-compare.ts (several
 * builds side by side) and by `npm run bench:pg` (each configuration's instances and database server).
 */
import { type LoadSpec, runLoad } from "./load";

/** Rounds of slices the benchmarks take their pages' CPU ratios from, each slice a fifth of a page's run. */
export const SLICE_ROUNDS = 5;

export type SliceSum = { cpuMs: number; requests: number; non2xx: number };

/**
 * One thing to load: `load` runs one slice of a page for `seconds` and says what it cost (undefined:
 * this target has no such page).
 */
export type SliceTarget = { key: string; load: (page: string, seconds: number) => Promise<SliceSum | undefined> };

/** A target that is one server process: its CPU time counts, with the request of each page it serves. */
export function serverTarget(key: string, pid: number, specOf: (page: string) => LoadSpec | undefined): SliceTarget {
  return {
    key,
    load: async (page, seconds) => {
      const spec = specOf(page);
      if (!spec) return undefined;
      const r = await runLoad({ ...spec, seconds }, pid);
      return { cpuMs: r.cpuMsPerRequest * r.requests, requests: r.requests, non2xx: r.non2xx + r.errors };
    },
  };
}

/** sums.get(target key)?.get(page name): CPU and requests added up over the slices. */
export type SliceSums = Map<string, Map<string, SliceSum>>;

export async function measureInSlices(options: {
  pages: string[];
  targets: SliceTarget[];
  rounds: number;
  seconds: number;
  onRound?: (round: number) => void;
}): Promise<SliceSums> {
  const sums: SliceSums = new Map(options.targets.map((t) => [t.key, new Map<string, SliceSum>()]));
  for (let round = 0; round < options.rounds; round++) {
    for (const page of options.pages) {
      for (const target of options.targets) {
        const slice = await target.load(page, options.seconds);
        if (!slice) continue;
        const perPage = sums.get(target.key);
        const sum = perPage?.get(page) ?? { cpuMs: 0, requests: 0, non2xx: 0 };
        perPage?.set(page, {
          cpuMs: sum.cpuMs + slice.cpuMs,
          requests: sum.requests + slice.requests,
          non2xx: sum.non2xx + slice.non2xx,
        });
      }
    }
    options.onRound?.(round);
  }
  return sums;
}

/** CPU ms per request of one page over all its slices; undefined when it was not measured. */
export function cpuPerRequest(sums: SliceSums, key: string, page: string): number | undefined {
  const sum = sums.get(key)?.get(page);
  return sum?.requests ? sum.cpuMs / sum.requests : undefined;
}
