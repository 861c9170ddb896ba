import { and, eq, like } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, authThrottle, domains, forwards, mailboxes, packages, subscriptions } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError } from "@/lib/errors";
import { changeOwnMailboxPassword } from "@/lib/services/mailbox-settings/change-own-password";
import { addOwnForward, getOwnForwarding, removeOwnForward, setOwnKeepCopy } from "@/lib/services/mailbox-settings/forwards";
import { addOwnSenderRule, listOwnSenderRules, removeOwnSenderRule } from "@/lib/services/mailbox-settings/sender-rules";
import { getOwnSpamSettings, setOwnSpamSettings } from "@/lib/services/mailbox-settings/spam";
import {
  addForwardSchema,
  addSenderRuleSchema,
  canonicalSenderPattern,
  changeOwnPasswordSchema,
  spamSettingsSchema,
} from "@/lib/validation/mailbox-settings";
import { fieldErrorsOf } from "../support/field-errors";
import { aCustomerWithPanelPackages, emptyDb, TEST_PASSWORD } from "../support/factories";

let h: ReturnType<typeof emptyDb>;
const ip = "192.0.2.7";
const CHANNEL = { via: "mailbox-settings", locale: "de" } as const;
const sieveDir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-mbs-"));
const NEW = "Kiefernzapfen-Bachlauf-77?";

beforeAll(() => {
  process.env.KONTOR_SIEVE_DIR = sieveDir;
});
/** Each test starts from its own customer with the mailboxes of the demo's K10001. */
beforeEach(async () => {
  h = emptyDb();
  await aCustomerWithPanelPackages(h.db);
});
afterAll(() => {
  delete process.env.KONTOR_SIEVE_DIR;
  fs.rmSync(sieveDir, { recursive: true, force: true });
});

function actor(address: string): Actor {
  const m = h.db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, address)).get();
  return loadActor(h.db, "mailbox", m!.id)!;
}
const script = (address: string) => fs.readFileSync(path.join(sieveDir, `${address}.sieve`), "utf8");

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("validation", () => {
  it.each([
    ["Name@Example.COM", "name@example.com"],
    ["@Example.com", "@example.com"],
    ["example.com", "@example.com"],
    ["grüne-wiese.example", "@xn--grne-wiese-beb.example"],
    ["not a domain", ""],
    ["a@b", ""],
    ['x"@example.com', ""],
    ["@", ""],
    ["a@@example.com", ""],
    ["*.example.com", ""],
    ["|/bin/sh", ""],
  ])("sender pattern %s → %s", (input, expected) => {
    expect(canonicalSenderPattern(input)).toBe(expected);
  });

  it("gives field errors for bad inputs", () => {
    expect(issues(addForwardSchema.safeParse({ target: "no-address" }))).toEqual({ target: "mailboxSettings.errors.addressInvalid" });
    expect(issues(addForwardSchema.safeParse({ target: "" }))).toEqual({ target: "validation.required" });
    expect(issues(addSenderRuleSchema.safeParse({ kind: "block", pattern: "nope" }))).toEqual({
      pattern: "mailboxSettings.errors.patternInvalid",
    });
    expect(issues(addSenderRuleSchema.safeParse({ kind: "evil", pattern: "a@b.example" }))).toHaveProperty("kind");
    expect(issues(spamSettingsSchema.safeParse({ level: "9", action: "junk" }))).toEqual({ level: "mailboxSettings.errors.levelInvalid" });
    expect(issues(spamSettingsSchema.safeParse({ level: "3", action: "bounce" }))).toEqual({
      action: "mailboxSettings.errors.actionInvalid",
    });
    expect(issues(changeOwnPasswordSchema.safeParse({ currentPassword: "x", newPassword: "a", confirmPassword: "b" }))).toEqual({
      newPassword: "password.errors.tooShort",
      confirmPassword: "password.errors.mismatch",
    });
    expect(addForwardSchema.safeParse({ target: "a@example.org", extra: "1" }).success).toBe(false);
  });
});

describe("password", () => {
  const address = "post@xn--grne-wiese-beb.example";
  const input = (currentPassword: string, newPassword = NEW) => ({ currentPassword, newPassword, confirmPassword: newPassword });

  it("refuses a wrong current password on its field and counts it under its own key", async () => {
    const a = actor(address);
    expect(await fieldErrorsOf(() => changeOwnMailboxPassword(a, input("wrong-one"), ip, CHANNEL, h.db))).toEqual({
      currentPassword: ["password.errors.currentWrong"],
    });
    const rows = h.db.select().from(authThrottle).where(like(authThrottle.key, "mailbox-password%")).all();
    expect(rows.map((r) => r.key).sort()).toEqual([`mailbox-password-ip:${ip}`, `mailbox-password:${String(a.mailboxId)}`]);
  });

  it("applies the policy to the new password", async () => {
    const errors = await fieldErrorsOf(() => changeOwnMailboxPassword(actor(address), input(TEST_PASSWORD, "short"), ip, CHANNEL, h.db));
    expect(errors.newPassword?.length).toBeGreaterThan(0);
  });

  it("stores the new hash, ends other sessions and audits without the secret", async () => {
    const before = actor(address);
    const { notice } = await changeOwnMailboxPassword(before, input(TEST_PASSWORD), ip, CHANNEL, h.db);
    const row = h.db.select().from(mailboxes).where(eq(mailboxes.address, address)).get()!;
    expect(await verifyPassword(row.passwordHash, NEW)).toBe(true);
    expect(row.sessionVersion).toBe(before.sessionVersion + 1);
    const audit = h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mailbox.password.self"), eq(auditLog.targetLabel, address)))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toEqual({ via: "mailbox-settings" });
    expect(JSON.stringify(audit)).not.toContain(NEW);
    // The change notice goes to the recovery address on file, else to the mailbox itself; never the password.
    expect(notice.to).toBe(row.recoveryEmail || address);
    expect(notice.text).toContain(address);
    expect(notice.text).not.toContain(NEW);
  });
});

describe("forwarding", () => {
  const address = "anna@alpenblick.example";

  it("adds, lists and removes targets and writes the Sieve script", async () => {
    const a = actor(address);
    addOwnForward(a, addForwardSchema.parse({ target: "Chef@Grüne-Wiese.example" }), ip, h.db);
    const fw = getOwnForwarding(a, h.db);
    expect(fw.targets.map((t) => t.target)).toEqual(["chef@xn--grne-wiese-beb.example"]);
    expect(script(address)).toContain('redirect "chef@xn--grne-wiese-beb.example";');
    setOwnKeepCopy(a, { keepCopy: false }, ip, h.db);
    expect(getOwnForwarding(a, h.db).keepCopy).toBe(false);
    expect(script(address)).not.toMatch(/^keep;/m);
    setOwnKeepCopy(a, { keepCopy: true }, ip, h.db);
    expect(script(address)).toMatch(/^keep;/m);
    removeOwnForward(a, { id: fw.targets[0].id }, ip, h.db);
    expect(getOwnForwarding(a, h.db).targets).toEqual([]);
    expect(fs.existsSync(path.join(sieveDir, `${address}.sieve`))).toBe(false);
    expect(h.db.select().from(auditLog).where(eq(auditLog.action, "mailbox.forward.add")).all()).toHaveLength(1);
  });

  it("refuses itself, duplicates and more than the package allows", async () => {
    const a = actor(address);
    expect(await fieldErrorsOf(() => addOwnForward(a, { target: address }, ip, h.db))).toEqual({
      target: ["mailboxSettings.errors.forwardSelf"],
    });
    addOwnForward(a, { target: "one@example.org" }, ip, h.db);
    expect(await fieldErrorsOf(() => addOwnForward(a, { target: "one@example.org" }, ip, h.db))).toEqual({
      target: ["mailboxSettings.errors.forwardDuplicate"],
    });
    const pkg = h.db
      .select({ id: packages.id })
      .from(packages)
      .innerJoin(subscriptions, eq(subscriptions.packageId, packages.id))
      .innerJoin(domains, eq(domains.subscriptionId, subscriptions.id))
      .where(eq(domains.name, "alpenblick.example"))
      .get()!;
    h.db.update(packages).set({ maxForwards: 1 }).where(eq(packages.id, pkg.id)).run();
    expect(await fieldErrorsOf(() => addOwnForward(a, { target: "two@example.org" }, ip, h.db))).toEqual({
      target: ["mailboxSettings.errors.forwardLimit"],
    });
    h.db.update(packages).set({ maxForwards: 20, forwardingEnabled: false }).where(eq(packages.id, pkg.id)).run();
    expect(await fieldErrorsOf(() => addOwnForward(a, { target: "two@example.org" }, ip, h.db))).toEqual({
      _form: ["mailboxSettings.errors.forwardingDisabled"],
    });
    h.db.update(packages).set({ forwardingEnabled: true }).where(eq(packages.id, pkg.id)).run();
    expect(h.db.select().from(forwards).all()).toHaveLength(1);
  });

  it("cannot remove another mailbox's target", () => {
    addOwnForward(actor(address), { target: "one@example.org" }, ip, h.db);
    const own = h.db.select().from(forwards).get()!;
    expect(() => removeOwnForward(actor("info@alpenblick.example"), { id: own.id }, ip, h.db)).toThrow(NotFoundError);
    expect(h.db.select().from(forwards).all()).toHaveLength(1);
  });
});

describe("black-/whitelist", () => {
  const address = "info@bergsee.example";

  it("round-trips entries of both lists into the script", async () => {
    const a = actor(address);
    addOwnSenderRule(a, addSenderRuleSchema.parse({ kind: "block", pattern: "bad.example" }), ip, h.db);
    addOwnSenderRule(a, addSenderRuleSchema.parse({ kind: "allow", pattern: "Friend@Trusted.example" }), ip, h.db);
    expect(listOwnSenderRules(a, h.db).map((r) => [r.kind, r.pattern])).toEqual([
      ["block", "@bad.example"],
      ["allow", "friend@trusted.example"],
    ]);
    expect(script(address)).toContain('address :domain :is "from" ["bad.example"]');
    expect(script(address)).toContain('"friend@trusted.example"');
    expect(await fieldErrorsOf(() => addOwnSenderRule(a, { kind: "block", pattern: "@bad.example" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternDuplicate"],
    });
    expect(await fieldErrorsOf(() => addOwnSenderRule(a, { kind: "allow", pattern: "@bad.example" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternOtherList"],
    });
    const [first] = listOwnSenderRules(a, h.db);
    expect(() => removeOwnSenderRule(actor("anna@alpenblick.example"), { id: first.id }, ip, h.db)).toThrow(NotFoundError);
    removeOwnSenderRule(a, { id: first.id }, ip, h.db);
    expect(listOwnSenderRules(a, h.db)).toHaveLength(1);
  });
});

describe("black-/whitelist domains in canonical form (issue 25.10)", () => {
  it("stores an emoji or umlaut domain in punycode and compares it in that form, whoever calls", async () => {
    const a = actor("anna@alpenblick.example");
    addOwnSenderRule(a, { kind: "block", pattern: "@😀.example" }, ip, h.db);
    addOwnSenderRule(a, { kind: "allow", pattern: "Chef@Grüne-Wiese.example" }, ip, h.db);
    expect(
      listOwnSenderRules(a, h.db)
        .map((r) => r.pattern)
        .sort(),
    ).toEqual(["@xn--e28h.example", "chef@xn--grne-wiese-beb.example"]);
    expect(await fieldErrorsOf(() => addOwnSenderRule(a, { kind: "allow", pattern: "xn--e28h.example" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternOtherList"],
    });
    expect(await fieldErrorsOf(() => addOwnSenderRule(a, { kind: "block", pattern: "😀.example" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternDuplicate"],
    });
    expect(await fieldErrorsOf(() => addOwnSenderRule(a, { kind: "block", pattern: "not a domain" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternInvalid"],
    });
    expect(script("anna@alpenblick.example")).toContain('"xn--e28h.example"');
  });
});

describe("spam filter", () => {
  it("round-trips on/off, level and action", () => {
    const a = actor("info@citywerk.example");
    expect(getOwnSpamSettings(a, h.db)).toMatchObject({ available: true, enabled: true, level: 3, action: "junk" });
    setOwnSpamSettings(a, spamSettingsSchema.parse({ enabled: "on", level: "5", action: "delete" }), ip, h.db);
    expect(getOwnSpamSettings(a, h.db)).toMatchObject({ enabled: true, level: 5, action: "delete" });
    expect(script("info@citywerk.example")).toContain("discard;");
    setOwnSpamSettings(a, spamSettingsSchema.parse({ level: "2", action: "mark" }), ip, h.db);
    expect(getOwnSpamSettings(a, h.db)).toMatchObject({ enabled: false, level: 2, action: "mark" });
    expect(script("info@citywerk.example")).not.toContain("X-Spam");
  });

  it("respects the package switch", async () => {
    const a = actor("info@citywerk.example");
    h.db.update(packages).set({ spamFilterEnabled: false }).run();
    try {
      expect(getOwnSpamSettings(a, h.db).available).toBe(false);
      expect(await fieldErrorsOf(() => setOwnSpamSettings(a, { enabled: true, level: 3, action: "junk" }, ip, h.db))).toEqual({
        _form: ["mailboxSettings.errors.spamDisabled"],
      });
    } finally {
      h.db.update(packages).set({ spamFilterEnabled: true }).run();
    }
  });
});

describe("scope", () => {
  it("only a mailbox user has own mailbox settings", () => {
    const customer = { ...actor("info@citywerk.example"), role: "customer" as const, kind: "user" as const, mailboxId: null };
    expect(() => getOwnForwarding(customer, h.db)).toThrow(NotFoundError);
    expect(() => setOwnSpamSettings(customer, { enabled: true, level: 3, action: "junk" }, ip, h.db)).toThrow(NotFoundError);
  });
});
