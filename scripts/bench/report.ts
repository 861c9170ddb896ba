import type { LoadResult } from "./load";
import type { MailLoginReport } from "./mail-logins";
import type { PathResult } from "./password-paths-types";

export type Budget = { name: string; pass: boolean };

type Report = {
  results: LoadResult[];
  anchors: { emptyPage: LoadResult; floor: LoadResult };
  pageRatios: { name: string; cpuMsPerRequest: number; toEmptyPage: number; toFloor: number }[];
  prefix: { medianMs: number; p99Ms: number; usesIndex: boolean };
  passwordPaths: Record<string, PathResult>;
  mail: MailLoginReport;
  peakMemoryMb: number;
  memory: { peakPssMb: number; peakRssMb: number; vmHwmSumMb: number; peakPssMbByScenario: Record<string, number> };
  budgets: Budget[];
};

const pad = (s: string | number, n: number) => String(s).padStart(n);

function printLoads(r: Report) {
  console.log(
    `\n${"scenario".padEnd(46)} ${pad("conns", 5)} ${pad("req/s", 8)} ${pad("p50 ms", 7)} ${pad("p99 ms", 7)} ${pad("cpu ms/req", 10)} ${pad("errors", 6)}`,
  );
  for (const x of [r.anchors.emptyPage, ...r.results, r.anchors.floor]) {
    console.log(
      `${x.name.padEnd(46)} ${pad(x.connections, 5)} ${pad(x.rps.toFixed(1), 8)} ${pad(x.p50, 7)} ${pad(x.p99, 7)} ${pad(x.cpuMsPerRequest.toFixed(2), 10)} ${pad(x.errors + x.non2xx, 6)}`,
    );
  }
  console.log(`\n${"page CPU per request (slices in turn)".padEnd(46)} ${pad("ms", 7)} ${pad("× empty", 8)} ${pad("× floor", 8)}`);
  for (const p of r.pageRatios) {
    console.log(
      `${p.name.padEnd(46)} ${pad(p.cpuMsPerRequest.toFixed(2), 7)} ${pad(p.toEmptyPage.toFixed(2), 8)} ${pad(p.toFloor.toFixed(1), 8)}`,
    );
  }
}

function printPasswords(r: Report) {
  console.log(`\n${"password path (services, large data set)".padEnd(46)} ${pad("hashes", 7)} ${pad("verifies", 8)} ${pad("cpu ms", 7)}`);
  for (const [name, p] of Object.entries(r.passwordPaths)) {
    console.log(
      `${name.padEnd(46)} ${pad(p.hashesPerRun.toFixed(1), 7)} ${pad(p.verificationsPerRun.toFixed(1), 8)} ${pad(p.cpuMsPerRun.toFixed(1), 7)}`,
    );
  }
}

function printMail(r: Report) {
  const m = r.mail;
  if ("skipped" in m) {
    console.log(`\nMail logins: skipped (${m.skipped})`);
    return;
  }
  console.log(
    `\n${"mail logins (10 parallel)".padEnd(46)} ${pad("/s", 8)} ${pad("dovecot ms", 10)} ${pad("client ms", 9)} ${pad("fails", 5)}`,
  );
  const line = (name: string, x: typeof m.imapFirst) =>
    console.log(
      `${name.padEnd(46)} ${pad(x.perSecond.toFixed(1), 8)} ${pad(x.dovecotCpuMs.toFixed(2), 10)} ${pad(x.clientCpuMs.toFixed(2), 9)} ${pad(x.failures, 5)}`,
    );
  line("IMAP, first logins (argon2id)", m.imapFirst);
  line("IMAP, repeated logins (Kontor's passdb)", m.imapRepeated);
  line("IMAP, anchor: static passdb", m.imapStatic);
  line("Submission, repeated logins (Kontor's passdb)", m.submissionRepeated);
  line("Submission, anchor: static passdb", m.submissionStatic);
  console.log(`  repeated ÷ static: IMAP ${(m.imapRatio * 100).toFixed(0)} %, submission ${(m.submissionRatio * 100).toFixed(0)} %`);
}

export function printReport(r: Report) {
  printLoads(r);
  printPasswords(r);
  printMail(r);
  console.log(
    `\nPrefix search query: median ${r.prefix.medianMs.toFixed(3)} ms, p99 ${r.prefix.p99Ms.toFixed(3)} ms, index used: ${String(r.prefix.usesIndex)}`,
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
