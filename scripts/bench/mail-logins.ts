/**
 * Mail logins against the 1,000,000-mailbox database with Kontor's production argon2id hashes
 * (LOGIN + SELECT INBOX + LOGOUT over IMAP; EHLO + AUTH PLAIN + QUIT over submission; 10 in parallel),
 * next to the anchor: the same Dovecot config with a `static` passdb (no password work at all),
 * started side by side and measured in alternating slices of the same window.
 *   first:    every login is a mailbox never logged in before (argon2 in an auth worker)
 *   repeated: 50 mailboxes logged in again and again (the Lua passdb's remembered HMAC)
 * CPU per login is Dovecot's whole process tree (login, imap/submission, auth, workers, log) plus the
 * benchmark's own client process, which shares the machine.
 */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_PASSWORD } from "@/db/seed";
import { dovecotInstalled, freePort, startDovecot, stopDovecot } from "@/scripts/lib/dovecot-process";
import { startSmtpSink } from "@/scripts/lib/smtp-sink";
import { imapLoginSelect, submissionAuth } from "./mail-login-client";
import { cpuSeconds } from "./server";
import { BENCH } from "./shape";

const PARALLEL = 10;
const REPEATED_MAILBOXES = 50;

export type LoginRun = { logins: number; failures: number; seconds: number; perSecond: number; dovecotCpuMs: number; clientCpuMs: number };
export type MailLoginReport =
  | { skipped: string }
  | {
      imapFirst: LoginRun;
      imapRepeated: LoginRun;
      imapStatic: LoginRun;
      submissionRepeated: LoginRun;
      submissionStatic: LoginRun;
      /** repeated ÷ static: the share of Dovecot's own limit that Kontor's passdb leaves. */
      imapRatio: number;
      submissionRatio: number;
    };

type Instance = { pid: number; imap: number; submission: number; dir: string };
type Login = (port: number, user: string, pass: string) => Promise<boolean>;

async function run(instance: Instance, login: Login, port: number, users: string[], seconds: number): Promise<LoginRun> {
  const cpu0 = cpuSeconds(instance.pid, true);
  const client0 = process.cpuUsage();
  const started = performance.now();
  const end = Date.now() + seconds * 1000;
  let next = 0;
  let logins = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (Date.now() < end) {
        const user = users[next++ % users.length];
        if (await login(port, user, DEMO_PASSWORD).catch(() => false)) logins++;
        else failures++;
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const client = process.cpuUsage(client0);
  const dovecotCpu = cpuSeconds(instance.pid, true) - cpu0;
  const n = Math.max(1, logins);
  return {
    logins,
    failures,
    seconds: wall,
    perSecond: logins / wall,
    dovecotCpuMs: (dovecotCpu * 1000) / n,
    clientCpuMs: (client.user + client.system) / 1000 / n,
  };
}

/** Adds up alternating slices of the same measurement. */
function sum(runs: LoginRun[]): LoginRun {
  const logins = runs.reduce((a, r) => a + r.logins, 0);
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  const weighted = (key: "dovecotCpuMs" | "clientCpuMs") => runs.reduce((a, r) => a + r[key] * r.logins, 0) / Math.max(1, logins);
  return {
    logins,
    failures: runs.reduce((a, r) => a + r.failures, 0),
    seconds,
    perSecond: logins / seconds,
    dovecotCpuMs: weighted("dovecotCpuMs"),
    clientCpuMs: weighted("clientCpuMs"),
  };
}

async function start(
  file: string,
  databaseUrl: string | undefined,
  dir: string,
  relayPort: number,
  staticPassword?: string,
): Promise<Instance> {
  const ports = { imap: await freePort(), submission: await freePort(), lmtp: await freePort() };
  const quotaStatusPort = await freePort();
  const { pid } = await startDovecot({ dbPath: file, databaseUrl, dir, ports, relayPort, staticPassword, quotaStatusPort });
  return { pid, imap: ports.imap, submission: ports.submission, dir };
}

/**
 * measureMailLogins in a node process of its own (mail-logins-run.ts), as `npm run bench` and `bench:pg`
 * run it. The load generator shares the 2-core machine with Dovecot, so its CPU per login limits the
 * logins per second too: inside the benchmark's own process (its heap, the memory sampler beside it)
 * it cost ~0.47 ms per IMAP login, in a process of its own 0.33–0.39 ms (session 16). On PostgreSQL the
 * process must also start with KONTOR_DATABASE_URL set: the schema module picks its tables at load.
 * `data`: the SQLite data set (the working copy of the run); `databaseUrl`: Dovecot reads its copy there.
 */
export function measureMailLoginsApart(seconds: number, { data, databaseUrl }: { data: string; databaseUrl?: string }): MailLoginReport {
  const out = path.join(os.tmpdir(), `kontor-bench-mail-${process.pid}.json`);
  execFileSync(
    process.execPath,
    ["--import", "tsx", "scripts/bench/mail-logins-run.ts", "--seconds", String(seconds), "--data", data, "--out", out],
    { env: { ...process.env, ...(databaseUrl ? { KONTOR_DATABASE_URL: databaseUrl } : {}) }, stdio: "inherit" },
  );
  const { mail } = JSON.parse(fs.readFileSync(out, "utf8")) as { mail: MailLoginReport };
  fs.rmSync(out);
  return mail;
}

/**
 * `file` is the SQLite data set (the addresses are read from it); with `databaseUrl`, Dovecot reads
 * the same data set's copy on PostgreSQL instead.
 */
export async function measureMailLogins(file: string, seconds: number, databaseUrl?: string): Promise<MailLoginReport> {
  if (!dovecotInstalled(databaseUrl !== undefined)) return { skipped: "Dovecot (with dovecot-auth-lua) is not installed" };
  const db = new Database(file, { readonly: true });
  const addresses = (offset: number, limit: number) =>
    (
      db
        .prepare("SELECT address FROM mailboxes WHERE domain_id = ? ORDER BY id LIMIT ? OFFSET ?")
        .all(BENCH.bigDomainId, limit, offset) as {
        address: string;
      }[]
    ).map((r) => r.address);
  const repeated = addresses(0, REPEATED_MAILBOXES);
  // Never logged in before by this run's Dovecot (fresh folder); more than argon2 can verify meanwhile.
  const fresh = addresses(20_000, Math.max(2_000, seconds * 400));
  db.close();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-bench-mail-"));
  fs.chmodSync(tmp, 0o755);
  const sink = await startSmtpSink({ dir: path.join(tmp, "sink"), port: await freePort() });
  const instances: Instance[] = [];
  try {
    const kontor = await start(file, databaseUrl, path.join(tmp, "kontor"), sink.port);
    instances.push(kontor);
    const anchor = await start(file, databaseUrl, path.join(tmp, "static"), sink.port, DEMO_PASSWORD);
    instances.push(anchor);
    const imap: Login = imapLoginSelect;
    const submission: Login = submissionAuth;

    const imapFirst = await run(kontor, imap, kontor.imap, fresh, seconds);
    // Uncounted warm-up: until a pass over the repeated mailboxes makes no auth worker verify anything
    // new ("password verified against its hash" in the log), each of them is remembered everywhere.
    const verified = () =>
      (fs.readFileSync(path.join(kontor.dir, "dovecot.log"), "utf8").match(/password verified against its hash/g) ?? []).length;
    for (let before = -1, pass = 0; verified() !== before && pass < 30; pass++) {
      before = verified();
      await run(kontor, imap, kontor.imap, repeated, 2);
    }
    await run(anchor, imap, anchor.imap, repeated, 2);
    const slices = 4;
    const kontorSlices: LoginRun[] = [];
    const staticSlices: LoginRun[] = [];
    for (let i = 0; i < slices; i++) {
      staticSlices.push(await run(anchor, imap, anchor.imap, repeated, seconds / slices));
      kontorSlices.push(await run(kontor, imap, kontor.imap, repeated, seconds / slices));
    }
    const subKontor: LoginRun[] = [];
    const subStatic: LoginRun[] = [];
    for (let i = 0; i < slices / 2; i++) {
      subStatic.push(await run(anchor, submission, anchor.submission, repeated, seconds / slices));
      subKontor.push(await run(kontor, submission, kontor.submission, repeated, seconds / slices));
    }
    const imapRepeated = sum(kontorSlices);
    const imapStatic = sum(staticSlices);
    const submissionRepeated = sum(subKontor);
    const submissionStatic = sum(subStatic);
    return {
      imapFirst,
      imapRepeated,
      imapStatic,
      submissionRepeated,
      submissionStatic,
      imapRatio: imapRepeated.perSecond / imapStatic.perSecond,
      submissionRatio: submissionRepeated.perSecond / submissionStatic.perSecond,
    };
  } finally {
    for (const i of instances) await stopDovecot(i.dir);
    await sink.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
