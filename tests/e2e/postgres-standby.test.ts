/**
 * Issue 23, a standby database: a PostgreSQL of the test's own with a streaming-replication standby
 * (scripts/lib/postgres-standby.ts), a panel instance (scripts/serve.mjs, the built panel) and Dovecot
 * both pointed at the standby, as after a failover whose new primary is not promoted yet, or as mail
 * servers that read a replica of their own. Proves: /healthz takes the instance out of a load
 * balancer's pool while its database refuses writes; Dovecot on the standby checks exactly the
 * password the panel set on the primary once it is replayed; after the primary stops and the standby
 * is promoted, the same instance is healthy again without a restart, its writes work (ids continue
 * after the primary's) and Dovecot checks the password it sets. Data built by the factories.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { freePort } from "@/scripts/lib/dovecot-process";
import type { RunningPostgres } from "@/scripts/lib/postgres-process";
import type { OwnDovecot } from "../support/own-dovecot";
import { type OwnPostgres, startOwnPostgres } from "../support/own-postgres";
import type { TestDb } from "../support/factories";
import { eventually, expectNothingToHide, healthz } from "./support/healthz";

const IP = "127.0.0.1";
const ON_PRIMARY = "Birke-Strandhafer-Mole-31";
const AFTER_PROMOTION = "Holunder-Brandung-Kap-64";

type Instance = { base: string; process: ChildProcess; log: string };

let primary: OwnPostgres;
let standby: RunningPostgres;
let db: TestDb;
let dovecot: OwnDovecot;
let instance: Instance;
let world: { subscriptionId: number; mailbox: { id: number; address: string }; owner: Actor; domain: string; apiKey: string };
let OLD = "";
let imapLogin: typeof import("../support/mail-clients").imapLogin;
const imap = (user: string, pass: string) => imapLogin(user, pass, dovecot.ports.imap);

/** A production server of the panel on `url`, started even when its /healthz does not say ok. */
async function startInstance(url: string): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["scripts/serve.mjs", "--host", "127.0.0.1", "--port", String(port), "--workers", "1"], {
    env: { ...process.env, KONTOR_DATABASE_URL: url, AUTH_URL: base, KONTOR_PUBLIC_URL: base, KONTOR_HEALTH_SERVICES: "none" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started: Instance = { base, process: child, log: "" };
  const keep = (chunk: Buffer) => (started.log = (started.log + chunk.toString()).slice(-4000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answered = await fetch(`${base}/healthz`).then(
      () => true,
      () => false,
    );
    if (answered) return started;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`instance on ${base} did not start:\n${started.log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  primary = await startOwnPostgres("kontor-standby-");
  // Before the first import of the schema: this test process writes the PostgreSQL tables too.
  process.env.KONTOR_DATABASE_URL = primary.url;
  const { openPostgres } = await import("@/db/postgres");
  db = openPostgres(primary.url, 2);
  const factories = await import("../support/factories");
  OLD = factories.TEST_PASSWORD;
  ({ imapLogin } = await import("../support/mail-clients"));
  const sub = await factories.aDomainWithMailboxes(db, 1, { package: { panel: "plesk10", maxMailboxes: 5 } });
  const { createApiKey } = await import("@/lib/services/api-keys/manage-api-keys");
  const { createApiKeySchema } = await import("@/lib/validation/api-key");
  const key = await createApiKey(
    sub.customer.actor,
    createApiKeySchema.parse({ name: "Bereitschaft", scopes: ["mailboxes:write"] }),
    null,
    db,
  );
  world = {
    subscriptionId: sub.subscriptionId,
    mailbox: sub.mailboxes[0],
    owner: sub.customer.actor,
    domain: sub.domain.name,
    apiKey: key.token,
  };

  const { startStandby } = await import("@/scripts/lib/postgres-standby");
  standby = await startStandby({
    primaryDir: primary.dir,
    dir: path.join(primary.baseDir, "standby"),
    port: await freePort(),
    ephemeral: true,
  });

  const { startDovecot, stopDovecot, confPath } = await import("@/scripts/lib/dovecot-process");
  const dir = path.join(primary.baseDir, "dovecot");
  const ports = { imap: await freePort(), submission: await freePort(), lmtp: await freePort() };
  const quotaStatusPort = await freePort();
  const noSqlite = path.join(primary.baseDir, "no-such.db");
  const { pid } = await startDovecot({
    dbPath: noSqlite,
    databaseUrl: standby.url,
    dir,
    ports,
    relayPort: await freePort(),
    quotaStatusPort,
  });
  dovecot = { dir, ports, quotaStatusPort, pid, conf: confPath(dir), log: path.join(dir, "dovecot.log"), stop: () => stopDovecot(dir) };

  instance = await startInstance(standby.url);
});

afterAll(async () => {
  delete process.env.KONTOR_DATABASE_URL;
  if (instance && instance.process.exitCode === null) {
    const exited = new Promise((resolve) => instance.process.once("exit", resolve));
    instance.process.kill("SIGTERM");
    await exited;
  }
  await dovecot?.stop();
  await (db as unknown as { $client?: { end(): Promise<void> } } | undefined)?.$client?.end();
  if (standby) await (await import("@/scripts/lib/postgres-process")).stopPostgres(standby.dir);
  await primary?.stop();
});

describe("a panel instance and Dovecot on a PostgreSQL standby", () => {
  it("/healthz answers 503 while the database refuses writes: reachable, migrations current, not writable", async () => {
    const answer = await healthz(instance.base);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      status: "fail",
      database: { kind: "postgresql", reachable: true, migrations: "current", writable: false },
    });
    expectNothingToHide(answer);
  });

  it("Dovecot on the standby checks the password set on the primary once it is replayed, and refuses the old one", async () => {
    const user = world.mailbox.address;
    // Logged in before the change: a remembered login must not outlive it.
    expect(await imap(user, OLD)).toBe(true);
    const { updateMailboxSettings } = await import("@/lib/services/mailboxes/update-mailbox-settings");
    const { mailboxSettingsSchema } = await import("@/lib/validation/mailbox");
    const input = mailboxSettingsSchema.parse({
      subscriptionId: String(world.subscriptionId),
      mailboxId: String(world.mailbox.id),
      enabled: "on",
      quotaMb: "1024",
      newPassword: ON_PRIMARY,
      confirmPassword: ON_PRIMARY,
    });
    await updateMailboxSettings(world.owner, input, { ip: IP }, db);
    const { waitForReplay } = await import("@/scripts/lib/postgres-standby");
    await waitForReplay(primary.url, standby.url);
    expect(await imap(user, OLD), "the old password on the standby").toBe(false);
    expect(await imap(user, ON_PRIMARY), "the password set on the primary").toBe(true);
  });

  it("after the primary stops and the standby is promoted, the same instance is healthy and its writes reach Dovecot", async () => {
    const { stopPostgres } = await import("@/scripts/lib/postgres-process");
    const { promoteStandby } = await import("@/scripts/lib/postgres-standby");
    const { mailboxes } = await import("@/db/schema");
    const { max } = await import("drizzle-orm");
    const [{ highest }] = await db.select({ highest: max(mailboxes.id) }).from(mailboxes);
    await stopPostgres(primary.dir);
    promoteStandby(standby.dir);
    // No restart: the next round of checks (at most a second later) sees the promoted database.
    const healthy = await eventually(instance.base, (a) => a.status === 200);
    expect(healthy.body).toEqual({
      status: "ok",
      database: { kind: "postgresql", reachable: true, migrations: "current", writable: true },
    });
    const api = (method: string, url: string, body: unknown) =>
      fetch(`${instance.base}/api/v1${url}`, {
        method,
        headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json", "accept-language": "de" },
        body: JSON.stringify(body),
      });
    const set = await api("PUT", `/mailboxes/${world.mailbox.id}/password`, { password: AFTER_PROMOTION });
    expect(set.status, instance.log).toBe(200);
    expect(await imap(world.mailbox.address, ON_PRIMARY), "the password of before the failover").toBe(false);
    expect(await imap(world.mailbox.address, AFTER_PROMOTION), "the password set after it").toBe(true);
    // The ids go on after the primary's: its sequences were replicated with the rows.
    const created = await api("POST", "/mailboxes", { address: `nach-umschaltung@${world.domain}`, password: null });
    expect(created.status, instance.log).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect(id).toBeGreaterThan(Number(highest));
  });
});
