/**
 * The `kontor` command (cli/kontor.mjs) as a script would run it, against the running panel: login
 * with a config file of mode 0600, tables / JSON / CSV, a mailbox created with a quota, a password set
 * from stdin that Dovecot takes at once, and the exit codes scripts test.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { API_TEST_PASSWORD, type ApiTenant, openApiWorld } from "./support/api-world";
import { BASE_URL } from "./support/browser";
import { runKontor } from "./support/kontor-cli";

const world = openApiWorld();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-cli-"));
const configFile = path.join(dir, "config.json");
let tenant: ApiTenant;
let key: string;

const record = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

/** `kontor` reading its URL and key from the config file the login in beforeAll wrote (or from `env`). */
const kontor = (args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) =>
  runKontor(args, { home: dir, stdin: opts.stdin, env: { KONTOR_CONFIG: configFile, ...opts.env } });

/** A tenant of a test's own that changes or adds mailboxes, and `kontor`'s environment with its customer's key. */
async function ownTenant(name: string, scopes: string[]) {
  const own = await world.tenant(name);
  return { own, as: { env: { KONTOR_URL: BASE_URL, KONTOR_API_KEY: await world.keyFor(own.customer, scopes, name) } } };
}

beforeAll(async () => {
  tenant = await world.tenant("cli");
  key = await world.keyFor(tenant.customer, ["mailboxes:write", "domains:read"], "CLI");
  // The config file the other tests use; the login test checks a login into a file of its own.
  const login = await kontor(["login", "--url", BASE_URL, "--key", key]);
  if (login.code !== 0) throw new Error(`kontor login: ${login.stderr}`);
});
afterAll(async () => {
  await world.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("kontor command line", () => {
  it("logs in with URL and key into a config file only its owner can read", async () => {
    const ownConfig = { env: { KONTOR_CONFIG: path.join(dir, "login-test.json") } };
    const res = await kontor(["login", "--url", BASE_URL, "--key", key], ownConfig);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(tenant.customer.label);
    expect(fs.statSync(ownConfig.env.KONTOR_CONFIG).mode & 0o777).toBe(0o600);
    const who = await kontor(["whoami", "--json"], ownConfig);
    expect(JSON.parse(who.stdout)).toMatchObject({ role: "customer", login: tenant.customer.label });
  });

  it("creates a mailbox with a quota, shows the generated password once, and lists as table, JSON and CSV", async () => {
    const address = `cli-${world.tag}@${tenant.domain}`;
    const created = await kontor(["mailbox", "create", address, "--quota", "2G"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/quotaMb\s+2048/);
    const generated = /\(shown only now\): (\S+)/.exec(created.stdout)?.[1] ?? "";
    expect(generated.length).toBeGreaterThanOrEqual(12);
    expect(await imapLogin(address, generated)).toBe(true);
    const table = await kontor(["mailbox", "list", tenant.domain]);
    expect(table.stdout.split("\n")[0]).toMatch(/^id\s+address\s+quotaMb/);
    expect(table.stdout).toContain(address);
    const json = JSON.parse((await kontor(["mailbox", "list", tenant.domain, "--json"])).stdout) as { address: string }[];
    expect(json.map((m) => m.address).sort()).toEqual([address, tenant.address].sort());
    const csv = (await kontor(["mailbox", "list", tenant.domain, "--csv", "--prefix", "cli-"])).stdout.trim().split("\r\n");
    expect(csv[0]).toBe("id,address,quotaMb,enabled,spamFilter");
    expect(csv.slice(1).map((l) => l.split(",")[1])).toEqual([address]);
    const again = await kontor(["mailbox", "create", address]);
    expect(again.code).toBe(6);
  });

  it("sets a password read from stdin that IMAP and SMTP take at once, the old one refused", async () => {
    const next = `Stdin-Feldweg-Moos-${world.tag}-39`;
    const res = await kontor(["mailbox", "passwd", tenant.address, "--stdin"], { stdin: `${next}\n` });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(await imapLogin(tenant.address, next)).toBe(true);
    expect(await submissionLogin(tenant.address, next)).toBe(true);
    expect(await imapLogin(tenant.address, API_TEST_PASSWORD)).toBe(false);
    const weak = await kontor(["mailbox", "passwd", tenant.address, "--stdin"], { stdin: "kurz\n", env: { LANG: "de_DE.UTF-8" } });
    expect(weak.code).toBe(7);
    expect(weak.stderr).toContain("password:");
  });

  it("creates and deletes an alias and sets the catch-all", async () => {
    const alias = `kontakt-${world.tag}@${tenant.domain}`;
    expect((await kontor(["alias", "create", alias, tenant.address])).code).toBe(0);
    expect((await kontor(["alias", "list", tenant.domain, "--csv"])).stdout).toContain(alias);
    const on = await kontor(["catchall", "set", tenant.domain, tenant.address, "--json"]);
    expect(JSON.parse(on.stdout)).toMatchObject({ catchAll: tenant.address });
    expect((await kontor(["catchall", "set", tenant.domain, "off"])).code).toBe(0);
    expect((await kontor(["alias", "delete", alias])).code).toBe(0);
  });

  it("changes quota and state through If-Match, and deletes only with --yes", async () => {
    // A mailbox of its own: the one disabled here is not the one the other tests log in with.
    const { own, as } = await ownTenant("cli-state", ["mailboxes:write", "domains:read"]);
    const set = await kontor(["mailbox", "set", own.address, "--quota", "1.5G", "--disable", "--json"], as);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ quotaMb: 1536, enabled: false });
    const address = `weg-${world.tag}@${own.domain}`;
    expect((await kontor(["mailbox", "create", address], as)).code).toBe(0);
    expect((await kontor(["mailbox", "delete", address], as)).code).toBe(2);
    expect((await kontor(["mailbox", "delete", address, "--yes"], as)).code).toBe(0);
    expect((await kontor(["mailbox", "show", address], as)).code).toBe(5);
  });

  it("sets a mailbox's forwarding and spam filter, each read first and sent with If-Match", async () => {
    const on = await kontor(["mailbox", "forward", tenant.address, "Weiter@Example.org", "--keep-copy", "yes", "--json"]);
    expect(on.stderr).toBe("");
    expect(record(on.stdout).forwarding).toEqual({ targets: ["weiter@example.org"], keepCopy: true });
    // Without --keep-copy the switch stays as it is; without targets forwarding is off.
    const off = await kontor(["mailbox", "forward", tenant.address, "--json"]);
    expect(record(off.stdout).forwarding).toEqual({ targets: [], keepCopy: true });
    expect(record((await kontor(["mailbox", "spam", tenant.address, "on", "--json"])).stdout).spamFilter).toBe(true);
    expect((await kontor(["mailbox", "spam", tenant.address, "vielleicht"])).code).toBe(2);
  });

  it("creates, changes and deletes packages and customers as a reseller and resellers as the administration", async () => {
    const as = (token: string) => ({ env: { KONTOR_URL: BASE_URL, KONTOR_API_KEY: token } });
    const reseller = as(await world.keyFor(tenant.reseller, ["customers:write", "packages:write"], "CLI-R"));
    const name = `CLI-Tarif ${world.tag}`;
    const pkg = await kontor(
      ["package", "create", name, "--panel", "plesk9", "--max-mailboxes", "5", "--quota", "1G", "--spam", "no", "--json"],
      reseller,
    );
    expect(pkg.stderr).toBe("");
    const created = JSON.parse(pkg.stdout) as { id: number };
    expect(created).toMatchObject({ name, maxMailboxes: 5, mailboxQuotaMb: 1024, maxDomains: null, spamFilterEnabled: false });
    const changed = await kontor(["package", "update", String(created.id), "--max-domains", "2", "--json"], reseller);
    expect(JSON.parse(changed.stdout)).toMatchObject({ maxDomains: 2, maxMailboxes: 5 });
    expect((await kontor(["package", "delete", String(tenant.packageId), "--yes"], reseller)).code).toBe(6);
    expect((await kontor(["package", "delete", String(created.id)], reseller)).code).toBe(2);
    expect((await kontor(["package", "delete", String(created.id), "--yes"], reseller)).code).toBe(0);

    const email = `cli-${world.tag}@kunde.example`;
    const customer = await kontor(["customer", "create", "--name", "Clara CLI", "--email", email, "--city", "Brixen"], reseller);
    expect(customer.code).toBe(0);
    expect(customer.stdout).toMatch(/password \(shown only now\)|Generated password/);
    const id = /^id\s+(\d+)$/m.exec(customer.stdout)?.[1] ?? "";
    const updated = await kontor(["customer", "update", id, "--city", "Meran", "--json"], reseller);
    expect(JSON.parse(updated.stdout)).toMatchObject({ city: "Meran", contactName: "Clara CLI", contactEmail: email });
    expect((await kontor(["customer", "update", id, "--country", "Deutschland"], reseller)).code).toBe(7);
    expect((await kontor(["customer", "delete", id, "--yes"], reseller)).code).toBe(0);
    expect((await kontor(["customer", "show", id], reseller)).code).toBe(5);

    // Ending a subscription (with --yes only) lets its customer be deleted; its mailbox is gone with it.
    const ending = await world.tenant("cli-end");
    const ender = as(await world.keyFor(ending.reseller, ["subscriptions:write", "customers:write"], "CLI-E"));
    const sid = String(ending.subscriptionId);
    const shown = record((await kontor(["subscription", "show", sid, "--json"], ender)).stdout);
    expect(shown).toMatchObject({ domains: [ending.domain], mailboxes: 1, aliases: 0, mailAccounts: 0 });
    expect((await kontor(["subscription", "end", sid], ender)).code).toBe(2);
    // Another reseller's key without the scope: refused before any lookup.
    expect((await kontor(["subscription", "end", sid, "--yes"], reseller)).code).toBe(4);
    const ended = await kontor(["subscription", "end", sid, "--yes"], ender);
    expect(ended).toMatchObject({ code: 0, stderr: "" });
    expect(ended.stdout).toMatch(/ended; deleted: 1 domain\(s\), 1 mailbox\(es\)/);
    expect((await kontor(["subscription", "show", sid], ender)).code).toBe(5);
    expect((await kontor(["customer", "delete", String(ending.customer.customerId), "--yes"], ender)).code).toBe(0);

    const admin = as(await world.keyFor(await world.admin(), ["resellers:write"], "CLI-A"));
    const base = String(1_000_000 + crypto.randomInt(0, 900_000) * 1000);
    const made = await kontor(
      ["reseller", "create", `CLI ${world.tag}`, "--base", base, "--email", `cli-${world.tag}@reseller.example`, "--json"],
      admin,
    );
    const rid = String((JSON.parse(made.stdout) as { id: number }).id);
    expect(JSON.parse((await kontor(["reseller", "update", rid, "--name", `CLI neu ${world.tag}`, "--json"], admin)).stdout)).toMatchObject(
      {
        name: `CLI neu ${world.tag}`,
      },
    );
    expect((await kontor(["reseller", "delete", rid, "--yes"], admin)).code).toBe(0);
    expect((await kontor(["reseller", "list"], reseller)).code).toBe(4);
  });

  it("imports a file: the dry run names each problem's line (exit 7), --apply follows the job to its end", async () => {
    // A domain of its own: the imported mailbox is not counted by the listing test.
    const { own, as: importer } = await ownTenant("cli-import", ["imports:write"]);
    const file = path.join(dir, "umzug.csv");
    const address = `umzug-${world.tag}@${own.domain}`;
    fs.writeFileSync(
      file,
      ["type,address,password,quota_mb", `mailbox,${address},generate,100`, `mailbox,${address},generate,100`].join("\n"),
    );
    const checked = await kontor(["import", file, "--subscription", String(own.subscriptionId)], importer);
    expect(checked.code, checked.stderr).toBe(7);
    expect(checked.stderr).toMatch(/^line 3: .*line 2/m);
    // With --apply the server refuses the same file (422 with the report): the same lines, the same exit code.
    const refused = await kontor(["import", file, "--subscription", String(own.subscriptionId), "--apply"], importer);
    expect([refused.code, refused.stderr.match(/^line 3: .*line 2/m)?.length], refused.stderr).toEqual([7, 1]);
    fs.writeFileSync(file, ["type,address,password,quota_mb", `mailbox,${address},generate,100`].join("\n"));
    const applied = await kontor(["import", file, "--subscription", String(own.subscriptionId), "--apply", "--csv"], importer);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Import \d+ done: 1 lines applied/);
    const password =
      applied.stdout
        .split("\r\n")
        .find((l) => l.startsWith(`${address},`))
        ?.split(",")[1] ?? "";
    expect(await imapLogin(address, password)).toBe(true);
  });

  it("answers --help on every command and gives scripts distinct exit codes", async () => {
    for (const command of [
      ["login"],
      ["mailbox", "list"],
      ["mailbox", "forward"],
      ["customer", "update"],
      ["package", "create"],
      ["audit", "list"],
      ["import"],
    ]) {
      const res = await kontor([...command, "--help"]);
      expect(res.code, command.join(" ")).toBe(0);
      expect(res.stdout, command.join(" ")).toContain(`kontor ${command.join(" ")}`);
    }
    expect((await kontor(["no-such-command"])).code).toBe(2);
    expect(
      (await kontor(["mailbox", "list", tenant.domain], { env: { KONTOR_API_KEY: "kontor_000000000000_" + "A".repeat(43) } })).code,
    ).toBe(3);
    expect((await kontor(["reseller", "list"])).code).toBe(4);
    expect((await kontor(["mailbox", "list", "nirgends.example"])).code).toBe(5);
    const german = await kontor(["mailbox", "create", `x@${tenant.domain}`, "--quota", "viel"], { env: { LANG: "de_DE.UTF-8" } });
    expect(german.code).toBe(2);
    expect(german.stderr).toContain("Ungültige Größe");
    const help = await kontor(["package", "update", "--help"], { env: { LANG: "de_DE.UTF-8" } });
    expect(help.stdout).toContain("kontor package update <id>");
    expect(help.stdout).toContain("Grenzen: eine Zahl oder unlimited");
    expect((await kontor(["whoami"], { env: { KONTOR_URL: "http://127.0.0.1:9" } })).code).toBe(9);
  });
});
