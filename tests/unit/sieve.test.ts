import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  autoresponders,
  forwards,
  mailAccountAutoresponders,
  mailAccounts,
  mailboxes,
  packages,
  senderRules,
  spamSettings,
} from "@/db/schema";
import { sieveList, sieveString } from "@/lib/mail/sieve/escape";
import { DEFAULT_SIEVE_SETTINGS, generateSieveScript, type SieveSettings } from "@/lib/mail/sieve/generate";
import { scriptFile } from "@/lib/mail/sieve/paths";
import { removeMailboxSieve, syncAllSieve } from "@/lib/mail/sieve/sync";
import { canonicalSenderPattern } from "@/lib/validation/mailbox-settings";
import { aCustomerWithPackage, aDomain, aDomainWithMailboxes, aMailAccount, emptyDb } from "../support/factories";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-sieve-unit-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hasSievec = !spawnSync("sievec", ["-h"], { encoding: "utf8" }).error;

/** Compiles with Pigeonhole's own compiler, so a generated script is known to be valid Sieve. */
function compiles(script: string): { ok: boolean; output: string } {
  const file = path.join(tmp, `t-${Math.random().toString(36).slice(2)}.sieve`);
  fs.writeFileSync(file, script);
  const r = spawnSync("sievec", ["-x", "+editheader", file, `${file}.svbin`], { encoding: "utf8" });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const full: SieveSettings = {
  forwards: ["chef@example.org", "team@xn--grne-wiese-beb.example"],
  keepCopy: false,
  blocked: ["spam@bad.example", "@worse.example"],
  allowed: ["friend@trusted.example", "@partner.example"],
  spam: { enabled: true, level: 5, action: "mark" },
  vacation: {
    subject: 'Nicht im Büro "bis Montag"',
    body: 'Guten Tag,\r\nich bin bis 10.1. nicht erreichbar.\n\tGrüße\n"; discard; #',
    startsOn: "2026-12-20",
    endsOn: "2027-01-10",
    days: 3,
  },
};

describe("sieveString", () => {
  it("escapes quotes and backslashes and nothing else", () => {
    expect(sieveString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(sieveString("${x}")).toBe('"${x}"');
    expect(sieveList(["a", 'b"'])).toBe('["a", "b\\""]');
  });

  it("refuses control characters instead of passing a line break into a script", () => {
    expect(() => sieveString("a\r\ndiscard;")).toThrow();
    expect(() => sieveString("a\u0000")).toThrow();
  });
});

describe("generateSieveScript", () => {
  it("puts each rule in its place", () => {
    const s = generateSieveScript(full);
    expect(s).toContain('address :all :is "from" ["spam@bad.example"]');
    expect(s).toContain('address :domain :matches "from" ["*.worse.example"]');
    expect(s.indexOf("discard;")).toBeLessThan(s.indexOf("X-Spam-Flag"));
    expect(s).toContain("not anyof");
    expect(s).toContain('"X-Spam-Score" "2"');
    expect(s).toContain('addflag "$Junk"');
    expect(s).toContain('redirect "chef@example.org";');
    expect(s).not.toMatch(/^keep;/m);
  });

  it("keeps a copy only when asked, and has no spam rule when the filter is off", () => {
    const s = generateSieveScript({
      ...DEFAULT_SIEVE_SETTINGS,
      forwards: ["a@example.org"],
      keepCopy: true,
      spam: { enabled: false, level: 3, action: "junk" },
    });
    expect(s).toMatch(/^keep;/m);
    expect(s).not.toContain("X-Spam");
  });

  it.each([
    ["junk", 'fileinto :create "Junk";'],
    ["delete", "discard;"],
    ["mark", 'addheader "X-Kontor-Spam" "yes";'],
  ] as const)("spam action %s", (action, expected) => {
    expect(generateSieveScript({ ...DEFAULT_SIEVE_SETTINGS, spam: { enabled: true, level: 3, action } })).toContain(expected);
  });

  it.each([1, 2, 3, 4, 5])("level %i uses its own threshold", (level) => {
    const thresholds = { 1: 10, 2: 8, 3: 5, 4: 3, 5: 2 } as Record<number, number>;
    expect(generateSieveScript({ ...DEFAULT_SIEVE_SETTINGS, spam: { enabled: true, level, action: "junk" } })).toContain(
      `"X-Spam-Score" "${thresholds[level]}"`,
    );
  });

  it("answers with the autoresponder between its dates, never marked spam, after black list and spam filter", () => {
    const s = generateSieveScript(full);
    expect(s).toContain('"vacation", "date"]');
    expect(s).toContain('currentdate :value "ge" "date" "2026-12-20"');
    expect(s).toContain('currentdate :value "le" "date" "2027-01-10"');
    expect(s).toMatch(/vacation :days 3 :subject "Nicht im Büro \\"bis Montag\\"" "Guten Tag,\nich bin/);
    expect(s.indexOf("X-Spam-Flag")).toBeLessThan(s.indexOf("vacation :days"));
    expect(s.indexOf("vacation :days")).toBeLessThan(s.indexOf("redirect"));
    // Open-ended, no spam filter: the bare action without a test.
    const bare = generateSieveScript({
      ...DEFAULT_SIEVE_SETTINGS,
      spam: { enabled: false, level: 3, action: "junk" },
      vacation: { subject: "", body: "Weg.", startsOn: null, endsOn: null, days: 99 },
    });
    expect(bare).toMatch(/^vacation :days 30 "Weg\.";$/m);
    expect(generateSieveScript(DEFAULT_SIEVE_SETTINGS)).not.toContain("vacation");
  });

  it("refuses control characters in the autoresponder text other than line breaks and tabs", () => {
    expect(() => generateSieveScript({ ...full, vacation: { ...full.vacation!, body: "a\u0000b" } })).toThrow();
  });

  it.skipIf(!hasSievec)("produces scripts Pigeonhole compiles", () => {
    for (const settings of [
      DEFAULT_SIEVE_SETTINGS,
      full,
      { ...full, spam: { enabled: false, level: 3, action: "junk" as const }, vacation: { ...full.vacation!, startsOn: null } },
      { ...full, keepCopy: true, spam: { enabled: true, level: 1, action: "delete" as const } },
    ]) {
      const r = compiles(generateSieveScript(settings));
      expect(r.ok, r.output).toBe(true);
    }
  });

  it.skipIf(!hasSievec)("a hostile value stays one string (escaped) and is refused by validation anyway", () => {
    const hostile = 'x@evil.example" ]) { redirect "thief@evil.example"; } if true { discard; } #';
    expect(canonicalSenderPattern(hostile)).toBe("");
    const s = generateSieveScript({ ...DEFAULT_SIEVE_SETTINGS, blocked: [hostile] });
    expect(compiles(s).ok).toBe(true);
    expect(s.match(/^redirect/m)).toBeNull();
  });
});

describe("scriptFile", () => {
  it("names files after safe addresses only", () => {
    expect(scriptFile("/s", "anna@alpenblick.example")).toBe("/s/anna@alpenblick.example.sieve");
    expect(scriptFile("/s", "../etc@x.example")).toBeNull();
    expect(scriptFile("/s", "a/b@x.example")).toBeNull();
    // A mail account is known to Dovecot by its login.
    expect(scriptFile("/s", "k10001.002")).toBe("/s/k10001.002.sieve");
    expect(scriptFile("/s", "..")).toBeNull();
    expect(scriptFile("/s", ".hidden")).toBeNull();
  });
});

describe("mail accounts' autoresponders", () => {
  it.skipIf(!hasSievec)("name the account's routed addresses as its own, in a script Pigeonhole compiles", () => {
    const s = generateSieveScript({ ...DEFAULT_SIEVE_SETTINGS, vacation: { ...full.vacation!, addresses: ["kontakt@dorfladen.example"] } });
    expect(s).toMatch(/vacation :days 3 :subject .* :addresses \["kontakt@dorfladen\.example"\] "Guten Tag,/);
    expect(compiles(s).ok).toBe(true);
  });

  it("get a file named after the login at a full sync, and lose it when switched off", async () => {
    const { db } = await emptyDb();
    const dir = path.join(tmp, "accounts");
    const sub = await aCustomerWithPackage(db, { domain: "dorfladen.example", package: { panel: "none" } });
    const { login } = (await aMailAccount(db, { sub, extraAccounts: 1 })).accounts[0]; // konto2@dorfladen.example routed to it
    const account = (await db.select().from(mailAccounts)).find((a) => a.login === login)!;
    await db.insert(mailAccountAutoresponders).values({
      mailAccountId: account.id,
      resellerId: account.resellerId,
      customerId: account.customerId,
      enabled: true,
      body: "Konto weg.",
    });
    await syncAllSieve(db, dir);
    const script = fs.readFileSync(path.join(dir, `${login}.sieve`), "utf8");
    expect(script).toContain(':addresses ["konto2@dorfladen.example"] "Konto weg.";');
    await db.update(mailAccountAutoresponders).set({ enabled: false });
    await syncAllSieve(db, dir);
    expect(fs.existsSync(path.join(dir, `${login}.sieve`))).toBe(false);
  }, 30_000);
});

describe("syncAllSieve", () => {
  it("writes files only for mailboxes that differ from the default and removes stale ones", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db, { domain: "alpenblick.example" });
    await aDomainWithMailboxes(db, 2, { sub, localParts: ["anna", "info"] });
    await aDomainWithMailboxes(db, 1, { sub: { ...sub, domain: await aDomain(db, sub, "bergsee.example") }, localParts: ["info"] });
    const dir = path.join(tmp, "sync");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "gone@old.example.sieve"), "keep;\n");
    const anna = (await db.select().from(mailboxes)).find((m) => m.address === "anna@alpenblick.example")!;
    const info = (await db.select().from(mailboxes)).find((m) => m.address === "info@bergsee.example")!;
    await db
      .insert(forwards)
      .values({ resellerId: anna.resellerId, customerId: anna.customerId, mailboxId: anna.id, target: "x@example.org" });
    await db
      .insert(senderRules)
      .values({ resellerId: info.resellerId, customerId: info.customerId, mailboxId: info.id, kind: "block", pattern: "@bad.example" });
    const away = (await db.select().from(mailboxes)).find((m) => m.address === "info@alpenblick.example")!;
    await db
      .insert(autoresponders)
      .values({ mailboxId: away.id, resellerId: away.resellerId, customerId: away.customerId, enabled: true, body: "Bin weg." });
    expect(await syncAllSieve(db, dir)).toEqual({ written: 3 });
    expect(fs.readdirSync(dir).sort()).toEqual([
      "anna@alpenblick.example.sieve",
      "default.sieve",
      "info@alpenblick.example.sieve",
      "info@bergsee.example.sieve",
    ]);
    expect(fs.readFileSync(path.join(dir, "info@alpenblick.example.sieve"), "utf8")).toContain('vacation :days 7 "Bin weg.";');
    // Switched off, the text stays in the database but the mailbox falls back to the default script.
    await db.update(autoresponders).set({ enabled: false });
    expect(await syncAllSieve(db, dir)).toEqual({ written: 2 });
    expect(fs.readFileSync(path.join(dir, "anna@alpenblick.example.sieve"), "utf8")).toContain('redirect "x@example.org";');

    // The package switch wins: without forwarding in the package, the forward is not applied.
    await db.update(packages).set({ forwardingEnabled: false });
    await db.update(spamSettings).set({ level: 4 });
    await syncAllSieve(db, dir);
    expect(fs.readFileSync(path.join(dir, "anna@alpenblick.example.sieve"), "utf8")).not.toContain("redirect");

    removeMailboxSieve("info@bergsee.example", dir);
    expect(fs.existsSync(path.join(dir, "info@bergsee.example.sieve"))).toBe(false);
    // Building the world hashes a password and syncs write files: slow on a busy machine, so more than the default 5 s.
  }, 30_000);
});
