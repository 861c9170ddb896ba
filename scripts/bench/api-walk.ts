/**
 * A script reading every mailbox of the 200,000-mailbox domain through the API, as a hoster's billing
 * or backup script would: `kontor mailbox list <domain> --all --csv --limit 500` (the CLI follows the
 * cursors one page after the other). Reports the wall time, mailboxes per second, the server's CPU per
 * page and the CLI's peak memory, and checks that every mailbox arrived exactly once, in order.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { benchApiKey } from "./api";
import { cpuSeconds, sampleMemory } from "./server";
import { BENCH } from "./shape";

/** The largest page the API serves (DOMAIN_MAILBOX_PAGE_MAX): what a script that reads everything asks for. */
const PAGE = 500;

export type WalkResult = {
  name: string;
  mailboxes: number;
  pages: number;
  seconds: number;
  mailboxesPerSecond: number;
  serverCpuMsPerPage: number;
  cliPeakPssMb: number;
  complete: boolean;
};

export async function measureFullWalk(base: string, dbFile: string, serverPid: number): Promise<WalkResult> {
  const { token, domain } = benchApiKey(dbFile);
  const db = new Database(dbFile, { readonly: true });
  const expected = (db.prepare("SELECT count(*) AS n FROM mailboxes WHERE domain_id = ?").get(BENCH.bigDomainId) as { n: number }).n;
  db.close();

  const cpuBefore = cpuSeconds(serverPid);
  const started = performance.now();
  const cli = spawn(
    process.execPath,
    [path.resolve("cli/kontor.mjs"), "mailbox", "list", domain, "--all", "--csv", "--limit", String(PAGE)],
    {
      env: { ...process.env, KONTOR_URL: base, KONTOR_API_KEY: token },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const memory = sampleMemory(cli.pid ?? 0, 100);
  const addresses: string[] = [];
  let rest = "";
  cli.stdout.setEncoding("utf8");
  cli.stdout.on("data", (chunk: string) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) addresses.push(line.split(",")[1] ?? "");
  });
  const code = await new Promise<number | null>((resolve) => cli.on("close", resolve));
  const seconds = (performance.now() - started) / 1000;
  const { peakPssMb } = memory.stop();
  if (code !== 0) throw new Error(`kontor mailbox list ended with exit code ${String(code)}`);

  const rows = addresses.slice(1); // the CSV header
  // The API pages by local part; each must come after the one before it: none twice, none skipped between.
  const locals = rows.map((a) => a.slice(0, a.lastIndexOf("@")));
  const inOrder = locals.every((l, i) => i === 0 || locals[i - 1] < l);
  const pages = Math.ceil(expected / PAGE);
  return {
    name: `API: every mailbox of the 200k domain (kontor mailbox list --all, pages of ${PAGE})`,
    mailboxes: rows.length,
    pages,
    seconds,
    mailboxesPerSecond: rows.length / seconds,
    serverCpuMsPerPage: ((cpuSeconds(serverPid) - cpuBefore) * 1000) / pages,
    cliPeakPssMb: peakPssMb,
    complete: rows.length === expected && inOrder,
  };
}
