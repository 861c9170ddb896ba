import type { LoadResult } from "./load";

export type Budget = { name: string; pass: boolean };

type Report = {
  results: LoadResult[];
  prefix: { medianMs: number; p99Ms: number; usesIndex: boolean };
  dovecot: { loginsPerSecond: number; failures: number; seconds: number } | { skipped: string };
  peakMemoryMb: number;
  memory: { peakPssMb: number; peakRssMb: number; vmHwmSumMb: number; peakPssMbByScenario: Record<string, number> };
  budgets: Budget[];
};

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function printReport(r: Report) {
  console.log(
    `\n${"scenario".padEnd(46)} ${pad("conns", 5)} ${pad("req/s", 8)} ${pad("p50 ms", 7)} ${pad("p99 ms", 7)} ${pad("cpu ms/req", 10)} ${pad("errors", 6)}`,
  );
  for (const x of r.results) {
    console.log(
      `${x.name.padEnd(46)} ${pad(x.connections, 5)} ${pad(x.rps.toFixed(1), 8)} ${pad(x.p50, 7)} ${pad(x.p99, 7)} ${pad(x.cpuMsPerRequest.toFixed(2), 10)} ${pad(x.errors + x.non2xx, 6)}`,
    );
  }
  console.log(
    `\nPrefix search query: median ${r.prefix.medianMs.toFixed(3)} ms, p99 ${r.prefix.p99Ms.toFixed(3)} ms, index used: ${String(r.prefix.usesIndex)}`,
  );
  console.log(
    "skipped" in r.dovecot
      ? `Dovecot passdb: skipped (${r.dovecot.skipped})`
      : `Dovecot passdb: ${r.dovecot.loginsPerSecond.toFixed(0)} IMAP logins/s over ${r.dovecot.seconds} s (cheap test hash), ${r.dovecot.failures} failures`,
  );
  console.log(
    `Peak server memory: ${r.memory.peakPssMb.toFixed(0)} MB PSS (RSS summed over processes: ${r.memory.peakRssMb.toFixed(0)} MB sampled, ${r.memory.vmHwmSumMb.toFixed(0)} MB VmHWM)`,
  );
  console.log(
    `  peak PSS by scenario: ${Object.entries(r.memory.peakPssMbByScenario)
      .map(([k, v]) => `${k} ${v}`)
      .join(" · ")}\n`,
  );
  for (const b of r.budgets) console.log(`${b.pass ? "PASS" : "FAIL"}  ${b.name}`);
}
