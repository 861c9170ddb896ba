/**
 * Two Kontor instances (scripts/serve.mjs, the built panel) on one PostgreSQL of the test's own, as
 * behind a load balancer: whatever one instance learns, the other knows, because it lives in the
 * database (issue 23). Run in Chromium and over the API, with data built through the factories.
 */
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import { type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { freePort } from "@/scripts/lib/dovecot-process";
import { type OwnPostgres, startOwnPostgres } from "../support/own-postgres";
import { launchChromium } from "./support/browser";

const PASSWORD = "Wacholder-Kiesel-Bucht-58";
const NEW_PASSWORD = "Ahorn-Lichtung-Felsen-47";
const MAX_MAILBOXES = 3;

type Instance = { base: string; process: ChildProcess; log: string };
type World = {
  lockUser: string;
  sessionUser: string;
  recoveryMailboxId: number;
  recoveryAddress: string;
  domain: string;
  apiKey: string;
};

let pg: OwnPostgres;
let db: Db;
let closeDb: () => Promise<void>;
let world: World;
const instances: Instance[] = [];
let browser: Browser;

async function startInstance(url: string): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["scripts/serve.mjs", "--host", "127.0.0.1", "--port", String(port), "--workers", "1"], {
    env: {
      ...process.env,
      KONTOR_DATABASE_URL: url,
      AUTH_URL: base,
      KONTOR_PUBLIC_URL: base,
      // The client address comes from the header here, so that failures can come from many addresses.
      KONTOR_TRUST_PROXY: "1",
      KONTOR_HEALTH_SERVICES: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const instance: Instance = { base, process: child, log: "" };
  const keep = (chunk: Buffer) => (instance.log = (instance.log + chunk.toString()).slice(-4000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.status === 200) return instance;
    } catch {
      // still starting
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`instance on ${base} did not start:\n${instance.log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Data of this test only (random tag), built through the factories on PostgreSQL. */
async function buildWorld(): Promise<World> {
  const { buildCustomer, buildDomain, buildMailbox, buildPackage, buildReseller, buildSubscription } = await import("@/db/builders");
  const { hashPassword } = await import("@/lib/auth/password-hash");
  const { loadActor } = await import("@/lib/auth/principals");
  const { createApiKey } = await import("@/lib/services/api-keys/manage-api-keys");
  const { createApiKeySchema } = await import("@/lib/validation/api-key");
  const tag = crypto.randomBytes(3).toString("hex");
  const hash = await hashPassword(PASSWORD);
  const r = await buildReseller(db, {
    name: `PG ${tag}`,
    customerNumberBase: 700000,
    email: `pg-${tag}@reseller.example`,
    passwordHash: hash,
  });
  const customer = (name: string) =>
    buildCustomer(db, r.id, {
      company: `PG ${name}`,
      contactName: "Test",
      contactEmail: `${name}-${tag}@kunde.example`,
      passwordHash: hash,
      stammdatenConfirmed: true,
    });
  await customer("sperre");
  await customer("sitzung");
  const owner = await customer("inhaber");
  const packageId = await buildPackage(db, r.id, {
    name: `PG ${tag}`,
    panel: "plesk10",
    maxDomains: 2,
    maxMailboxes: MAX_MAILBOXES,
    mailboxQuotaMb: 1024,
    maxForwards: 5,
    spamFilterEnabled: true,
    forwardingEnabled: true,
  });
  const tenant = { resellerId: r.id, customerId: owner.id };
  const subscriptionId = await buildSubscription(db, tenant, packageId);
  const domain = `pg-${tag}.example`;
  const d = await buildDomain(db, tenant, subscriptionId, domain);
  const m = await buildMailbox(db, tenant, { id: d.id, name: domain }, "info", { passwordHash: hash, quotaMb: 512 });
  const ownerActor = await loadActor(db, "user", owner.userId);
  if (!ownerActor) throw new Error("no owner actor");
  const key = await createApiKey(ownerActor, createApiKeySchema.parse({ name: "Zwei Instanzen", scopes: ["mailboxes:write"] }), null, db);
  return {
    lockUser: `sperre-${tag}@kunde.example`,
    sessionUser: `sitzung-${tag}@kunde.example`,
    recoveryMailboxId: m.id,
    recoveryAddress: `info@${domain}`,
    domain,
    apiKey: key.token,
  };
}

/** The German login form, from a client address of our choosing (the instances trust the header). */
async function logInFrom(context: BrowserContext, base: string, address: string, identifier: string, password: string) {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": address });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByRole("textbox", { name: "E-Mail-Adresse" }).fill(identifier);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("radio", { name: /KundenServiceCenter/ }).check();
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForLoadState("networkidle");
  return page;
}

beforeAll(async () => {
  pg = await startOwnPostgres("kontor-instances-");
  // Before the first import of the schema: this test process works on the PostgreSQL tables too.
  process.env.KONTOR_DATABASE_URL = pg.url;
  const { openPostgres } = await import("@/db/postgres");
  db = openPostgres(pg.url, 2);
  closeDb = () => (db as unknown as { $client: { end(): Promise<void> } }).$client.end();
  world = await buildWorld();
  instances.push(await startInstance(pg.url), await startInstance(pg.url));
  browser = await launchChromium();
});

afterAll(async () => {
  delete process.env.KONTOR_DATABASE_URL;
  await browser?.close();
  for (const instance of instances) {
    if (instance.process.exitCode === null) {
      const exited = new Promise((resolve) => instance.process.once("exit", resolve));
      instance.process.kill("SIGTERM");
      await exited;
    }
  }
  await closeDb?.();
  await pg?.stop();
});

describe("two panel instances on one PostgreSQL", () => {
  it("both report PostgreSQL with current migrations on /healthz", async () => {
    for (const { base } of instances) {
      const body = (await (await fetch(`${base}/healthz`)).json()) as Record<string, unknown>;
      expect(body.database).toEqual({ kind: "postgresql", reachable: true, migrations: "current", writable: true });
    }
  });

  it("a lock earned by failures on one instance holds on the other", async () => {
    const [a, b] = instances;
    const context = await browser.newContext();
    // Ten wrong passwords on A, each from another address, so only the account's own counter adds up.
    for (let i = 1; i <= 10; i++) {
      const page = await logInFrom(context, a.base, `198.51.100.${i}`, world.lockUser, `Falsch-Falsch-${i}-Xy`);
      await page.close();
    }
    const right = await logInFrom(context, b.base, "198.51.100.200", world.lockUser, PASSWORD);
    expect(new URL(right.url()).pathname).toBe("/login");
    // The same right password works for another account on B: it is the lock, not B.
    const other = await logInFrom(await browser.newContext(), b.base, "198.51.100.201", world.sessionUser, PASSWORD);
    await other.waitForURL(`${b.base}/ksc`, { timeout: 30_000 });
    await context.close();
    await other.context().close();
  });

  it("a session ended on one instance is gone on the other", async () => {
    const [a, b] = instances;
    const context = await browser.newContext();
    const page = await logInFrom(context, a.base, "203.0.113.10", world.sessionUser, PASSWORD);
    await page.waitForURL(`${a.base}/ksc`, { timeout: 30_000 });
    // Same host: the browser sends the session cookie to B as well, and B accepts it.
    const onB = await context.newPage();
    await onB.goto(`${b.base}/ksc`);
    expect(new URL(onB.url()).pathname).toBe("/ksc");
    const cookies = await context.cookies(a.base);
    await page.locator("header details summary").click();
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL(/\/login/, { timeout: 30_000 });
    // A copy of the old cookie, as a thief would keep it, is refused by B.
    const thief = await browser.newContext();
    await thief.addCookies(cookies);
    const stolen = await thief.newPage();
    await stolen.goto(`${b.base}/ksc`);
    expect(new URL(stolen.url()).pathname).toBe("/login");
    await context.close();
    await thief.close();
  });

  it("a recovery link used on one instance is refused on the other", async () => {
    const [a, b] = instances;
    const { generateToken, storeToken } = await import("@/lib/services/recovery/tokens");
    const { transaction } = await import("@/db/transaction");
    const { token, hash } = generateToken();
    await transaction(db, (tx) => storeToken(tx, { kind: "mailbox", id: world.recoveryMailboxId }, hash, "privat@example.net", new Date()));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${a.base}/reset#${token}`);
    await page.getByText("Ich bin kein Roboter").click();
    await page.getByText("Bestätigt", { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.getByRole("heading", { name: "Neues Passwort vergeben" }).waitFor({ timeout: 30_000 });
    await page.getByLabel("Neues Passwort").fill(NEW_PASSWORD);
    await page.getByLabel("Passwort wiederholen").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Ihr Passwort wurde geändert").waitFor({ timeout: 30_000 });

    const again = await context.newPage();
    await again.goto(`${b.base}/reset#${token}`);
    await again.getByText("Ich bin kein Roboter").click();
    await again.getByText("Bestätigt", { exact: true }).waitFor({ timeout: 30_000 });
    await again.getByRole("button", { name: "Bestätigen" }).click();
    await again.getByText("ungültig, abgelaufen oder wurde bereits verwendet").waitFor({ timeout: 30_000 });
    await context.close();
  });

  it("mailboxes created at once through both instances never exceed the package's limit", async () => {
    const attempts = Array.from({ length: 8 }, (_, i) =>
      fetch(`${instances[i % 2].base}/api/v1/mailboxes`, {
        method: "POST",
        headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json", "accept-language": "de" },
        body: JSON.stringify({ address: `gleichzeitig${i}@${world.domain}`, password: null }),
      }),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    // info@ exists: two more fit, every other attempt is refused with a problem, none with a 500.
    expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_MAILBOXES - 1);
    expect(statuses.filter((s) => s !== 201 && s !== 409 && s !== 422)).toEqual([]);
    const { mailboxes, domains } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const rows = await db
      .select({ id: mailboxes.id })
      .from(mailboxes)
      .innerJoin(domains, eq(mailboxes.domainId, domains.id))
      .where(eq(domains.name, world.domain));
    expect(rows).toHaveLength(MAX_MAILBOXES);
  });
});
