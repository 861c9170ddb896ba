/**
 * Delivery over SMTP into the 1,000,000-mailbox database: Kontor's Postfix (its sqlite lookup tables
 * over Kontor's views, pgsql ones on PostgreSQL) hands each message to Kontor's Dovecot over LMTP, which
 * writes it into the Maildir. Next to it, the anchor: a second Postfix of the same config whose lookups are texthash files
 * in memory (no database), delivering into the same Dovecot. Both take the same number of messages to
 * different mailboxes never delivered to before, in alternating slices of the same window. A delivery
 * counts once Postfix's log says `status=sent` through Dovecot's LMTP port, so the rate includes queue,
 * lookups, LMTP, Dovecot's userdb and quota, Sieve (default script) and the Maildir write.
 */
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import pg from "pg";
import { childProcessEnv } from "@/lib/config";
import { dovecotInstalled, freePort, startDovecot, stopDovecot } from "@/scripts/lib/dovecot-process";
import { POSTFIX_TABLES } from "@/lib/mail/postfix-contract";
import { postfixInstalled, startPostfix, stopPostfix } from "@/scripts/lib/postfix-process";
import { startSmtpSink } from "@/scripts/lib/smtp-sink";

/** SMTP connections the sender keeps open, each sending message after message. */
const CONNECTIONS = 10;
const SLICES = 4;
/** Bounded wait for the last delivery of a slice. */
const SLICE_TIMEOUT_MS = 180_000;
const LOOKUPS = 20_000;
/** Fewer on PostgreSQL, where each lookup is a round trip. */
const PG_LOOKUPS = 5000;

export type DeliveryRun = { messages: number; delivered: number; seconds: number; perSecond: number };
export type LookupCost = Record<string, number>;
export type DeliveryReport =
  | { skipped: string }
  | { kontor: DeliveryRun; anchor: DeliveryRun; ratio: number; lookupMicroseconds: LookupCost; messageBytes: number; database: string };

type Instance = { name: string; dir: string; port: number; log: string };

const ENV = childProcessEnv(["/usr/sbin", "/usr/bin", "/sbin"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deliveries through Dovecot's LMTP port that Postfix has logged so far. */
function delivered(log: string, lmtpPort: number): number {
  let text = "";
  try {
    text = fs.readFileSync(log, "utf8");
  } catch {
    return 0;
  }
  const marker = `relay=127.0.0.1[127.0.0.1]:${lmtpPort},`;
  let n = 0;
  for (const line of text.split("\n")) if (line.includes(" status=sent ") && line.includes(marker)) n++;
  return n;
}

async function slice(instance: Instance, lmtpPort: number, recipients: string[], body: string): Promise<DeliveryRun> {
  const before = delivered(instance.log, lmtpPort);
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: instance.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const started = performance.now();
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < recipients.length) {
          const to = recipients[next++];
          await transport.sendMail({ from: "bench@sender.example", to, subject: `bench ${next}`, text: body });
        }
      }),
    );
  } finally {
    transport.close();
  }
  const deadline = Date.now() + SLICE_TIMEOUT_MS;
  let done = delivered(instance.log, lmtpPort) - before;
  while (done < recipients.length && Date.now() < deadline) {
    await sleep(50);
    done = delivered(instance.log, lmtpPort) - before;
  }
  const seconds = (performance.now() - started) / 1000;
  return { messages: recipients.length, delivered: done, seconds, perSecond: done / seconds };
}

function sum(runs: DeliveryRun[]): DeliveryRun {
  const messages = runs.reduce((a, r) => a + r.messages, 0);
  const done = runs.reduce((a, r) => a + r.delivered, 0);
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  return { messages, delivered: done, seconds, perSecond: done / seconds };
}

/**
 * The anchor's lookups: texthash files (read into memory at start) with exactly the recipients and
 * domains of its slices, in place of the sqlite tables; everything else in main.cf stays Kontor's.
 */
function switchToStaticMaps(instance: Instance, recipients: string[]) {
  const conf = path.join(instance.dir, "conf");
  const write = (name: string, lines: string[]) => {
    fs.writeFileSync(path.join(conf, name), `${lines.join("\n")}\n`);
    return `texthash:${path.join(conf, name)}`;
  };
  const domains = write("static-domains", [...new Set(recipients.map((r) => `${r.split("@")[1]} OK`))]);
  const mailboxes = write(
    "static-recipients",
    recipients.map((r) => `${r} OK`),
  );
  const virtual = write(
    "static-virtual",
    recipients.map((r) => `${r} ${r}`),
  );
  const disabled = write("static-disabled", ["nobody@disabled.invalid 550 5.2.1 Mailbox disabled"]);
  const set = [
    `virtual_mailbox_domains = ${domains}`,
    `virtual_mailbox_maps = ${mailboxes}`,
    `virtual_alias_maps = ${virtual}`,
    "proxy_read_maps =",
    `smtpd_recipient_restrictions = check_recipient_access ${disabled}, reject_unlisted_recipient, ${
      spawnSync("postconf", ["-c", conf, "-h", "smtpd_recipient_restrictions"], { env: ENV, encoding: "utf8" })
        .stdout.split(",")
        .map((s) => s.trim())
        .filter((s) => s.startsWith("check_policy_service"))[0]
    }`,
  ];
  const r = spawnSync("postconf", ["-c", conf, "-e", ...set], { env: ENV, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`postconf failed: ${r.stderr}`);
  const reload = spawnSync("postfix", ["-c", conf, "reload"], { env: ENV, encoding: "utf8" });
  if (reload.status !== 0) throw new Error(`postfix reload failed: ${reload.stderr}`);
}

/** The key Postfix looks up in a table for a recipient: the catch-all table answers only "@domain". */
const lookupKey = (table: string, address: string) => (table === POSTFIX_TABLES.catchall.name ? `@${address.split("@")[1]}` : address);

/** Microseconds per lookup of each of Postfix's queries, straight on the SQLite file (warm). */
function lookupCostSqlite(file: string, addresses: string[]): LookupCost {
  const db = new Database(file, { readonly: true });
  try {
    const out: LookupCost = {};
    for (const t of Object.values(POSTFIX_TABLES)) {
      const stmt = db.prepare(t.query.replaceAll("'%s'", "@key"));
      const keys = addresses.map((a) => lookupKey(t.name, a));
      for (let i = 0; i < 1000; i++) stmt.all({ key: keys[i % keys.length] });
      const started = performance.now();
      for (let i = 0; i < LOOKUPS; i++) stmt.all({ key: keys[i % keys.length] });
      out[t.name] = ((performance.now() - started) * 1000) / LOOKUPS;
    }
    return out;
  } finally {
    db.close();
  }
}

/**
 * The same on PostgreSQL, as Postfix's pgsql client asks: the query text with the key quoted in (no
 * prepared statement), one connection over TCP, one lookup after the other (round trip included).
 */
async function lookupCostPostgres(url: string, addresses: string[]): Promise<LookupCost> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const timed = async (texts: string[]) => {
      for (let i = 0; i < 500; i++) await client.query(texts[i % texts.length]);
      const started = performance.now();
      for (let i = 0; i < PG_LOOKUPS; i++) await client.query(texts[i % texts.length]);
      return ((performance.now() - started) * 1000) / PG_LOOKUPS;
    };
    // The round trip alone, for comparison: what any query costs over this connection.
    const out: LookupCost = { "round trip (SELECT 1)": await timed(["SELECT 1"]) };
    for (const t of Object.values(POSTFIX_TABLES)) {
      out[t.name] = await timed(addresses.map((a) => t.query.replaceAll("'%s'", client.escapeLiteral(lookupKey(t.name, a)))));
    }
    return out;
  } finally {
    await client.end();
  }
}

/**
 * `file` is the SQLite data set (the recipients are read from it); with `databaseUrl`, Kontor's
 * Postfix (pgsql tables) and Dovecot (Lua userdb) read its PostgreSQL copy there instead.
 */
export async function measureDelivery(file: string, messages: number, databaseUrl?: string): Promise<DeliveryReport> {
  if (!dovecotInstalled(databaseUrl !== undefined)) return { skipped: "Dovecot is not installed (scripts/install-deps.sh --system)" };
  if (!postfixInstalled()) return { skipped: "Postfix is not installed (scripts/install-deps.sh --system)" };
  const perSlice = Math.max(1, Math.floor(messages / SLICES));
  // Spread over the whole data set (every domain size), each mailbox once: 2 × messages distinct ones.
  const db = new Database(file, { readonly: true });
  const total = (db.prepare("SELECT count(*) AS n FROM mailboxes WHERE enabled = 1").get() as { n: number }).n;
  const step = Math.max(1, Math.floor(total / (perSlice * SLICES * 2)));
  const addresses = (
    db.prepare("SELECT address FROM mailboxes WHERE enabled = 1 AND id % ? = 0 ORDER BY id LIMIT ?").all(step, perSlice * SLICES * 2) as {
      address: string;
    }[]
  ).map((r) => r.address);
  db.close();
  if (addresses.length < perSlice * SLICES * 2) return { skipped: `the data set has only ${addresses.length} usable mailboxes` };
  const kontorRecipients = addresses.filter((_, i) => i % 2 === 0);
  const anchorRecipients = addresses.filter((_, i) => i % 2 === 1);
  const body = `${"Eine kleine Nachricht für den Benchmark. ".repeat(20)}\n`;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-bench-delivery-"));
  fs.chmodSync(tmp, 0o755);
  const sink = await startSmtpSink({ dir: path.join(tmp, "sink"), port: await freePort() });
  const dovecotDir = path.join(tmp, "dovecot");
  const postfixes: Instance[] = [];
  try {
    const ports = { imap: await freePort(), submission: await freePort(), lmtp: await freePort() };
    const quotaStatusPort = await freePort();
    await startDovecot({ dbPath: file, databaseUrl, dir: dovecotDir, ports, relayPort: sink.port, quotaStatusPort });
    for (const name of ["kontor", "anchor"]) {
      const dir = path.join(tmp, `postfix-${name}`);
      const port = await freePort();
      const started = await startPostfix({
        dbPath: file,
        databaseUrl,
        dir,
        smtpPort: port,
        internalPort: await freePort(),
        lmtpPort: ports.lmtp,
        quotaStatusPort,
        relayhost: `[127.0.0.1]:${sink.port}`,
      });
      postfixes.push({ name, dir, port, log: started.log });
    }
    const [kontor, anchor] = postfixes;
    switchToStaticMaps(anchor, anchorRecipients);
    await sleep(1500); // the reload restarts smtpd and the other daemons
    const kontorRuns: DeliveryRun[] = [];
    const anchorRuns: DeliveryRun[] = [];
    for (let i = 0; i < SLICES; i++) {
      const part = (list: string[]) => list.slice(i * perSlice, (i + 1) * perSlice);
      anchorRuns.push(await slice(anchor, ports.lmtp, part(anchorRecipients), body));
      kontorRuns.push(await slice(kontor, ports.lmtp, part(kontorRecipients), body));
    }
    const k = sum(kontorRuns);
    const a = sum(anchorRuns);
    return {
      kontor: k,
      anchor: a,
      ratio: k.perSecond / a.perSecond,
      lookupMicroseconds: databaseUrl ? await lookupCostPostgres(databaseUrl, kontorRecipients) : lookupCostSqlite(file, kontorRecipients),
      messageBytes: Buffer.byteLength(body),
      database: databaseUrl ? "postgresql" : "sqlite",
    };
  } finally {
    for (const p of postfixes) await stopPostfix(p.dir).catch(() => false);
    await stopDovecot(dovecotDir);
    await sink.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
