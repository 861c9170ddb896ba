/** Starts the production server for the benchmark and reads its CPU time and peak memory from /proc. */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";

const TICKS_PER_SECOND = 100;

export type ServerHandle = { proc: ChildProcess; baseUrl: string; stop: () => Promise<void> };

/** The benchmark's own session secret: the build checks it as the server would, and api.ts signs keys with it. */
export const BENCH_AUTH_SECRET = "bench-secret-0123456789abcdef0123456789";

/** What every benchmark server is started with: the production build in `dist`, its URL and secret. */
export function benchServerEnv(port: number, dist = process.env.NEXT_DIST_DIR ?? ".next-bench") {
  return {
    NEXT_DIST_DIR: dist,
    AUTH_SECRET: BENCH_AUTH_SECRET,
    AUTH_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: "production" as const,
    KONTOR_BENCH: "1",
  };
}

/** `cwd`: another checkout's server (scripts/bench/pages-compare.ts runs an older commit's build). */
export async function startServer(env: NodeJS.ProcessEnv, port: number, nodeArgs: string[] = [], cwd?: string): Promise<ServerHandle> {
  // Another server on the port would silently answer instead of ours, with another database.
  const taken = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is already in use; stop what listens there first`);
  // The same production server as the demo: scripts/serve.mjs (one Next worker per core).
  const proc = spawn(process.execPath, [...nodeArgs, "scripts/serve.mjs", "--host", "127.0.0.1", "--port", String(port)], {
    env: { ...process.env, ...env },
    cwd,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/login`)).status < 500) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    proc,
    baseUrl,
    stop: async () => {
      for (const pid of processTree(proc.pid ?? 0))
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          /* already gone */
        }
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}

/** The server and every process it started (Next may fork workers). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/**
 * User + system CPU seconds of the whole server tree. With `reaped`, also what the root's ended
 * children used (Dovecot's master reaps its login and mail processes).
 */
export function cpuSeconds(root: number, reaped = false): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
      if (reaped && pid === root) ticks += Number(fields[13]) + Number(fields[14]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * Samples the server tree's memory until stopped. PSS (proportional set size) counts a page shared by
 * several processes once in total, so its sum is the physical memory the server uses; summing RSS
 * would count the Node binary and libraries once per worker. Both are reported. Several roots (instances
 * of the panel) are summed.
 */
export function sampleMemory(roots: number | number[], everyMs = 250) {
  let peakPssMb = 0;
  let peakRssMb = 0;
  let phase = "start";
  const byPhase: Record<string, number> = {};
  const sample = () => {
    let pss = 0;
    let rss = 0;
    for (const pid of [roots].flat().flatMap(processTree)) {
      try {
        const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
        pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
        rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      } catch {
        /* the process ended meanwhile */
      }
    }
    peakPssMb = Math.max(peakPssMb, pss / 1024);
    byPhase[phase] = Math.max(byPhase[phase] ?? 0, Math.round(pss / 1024));
    peakRssMb = Math.max(peakRssMb, rss / 1024);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    /** Names what runs from now on, so the report shows which scenario needed the memory. */
    phase: (name: string) => {
      sample();
      phase = name;
    },
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakPssMb, peakRssMb, peakPssMbByScenario: byPhase };
    },
  };
}

/** Peak resident memory (VmHWM) in MB, summed over the server tree. */
export function peakMemoryMb(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const match = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += match ? Number(match[1]) : 0;
    } catch {
      /* the process ended meanwhile */
    }
  }
  return kb / 1024;
}
