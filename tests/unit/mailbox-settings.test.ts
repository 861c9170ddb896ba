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
import { firstRow } from "@/db/rows";

let h: Awaited<ReturnType<typeof emptyDb>>;
const ip = "192.0.2.7";
const CHANNEL = { via: "mailbox-settings", locale: "de" } as const;
const sieveDir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-mbs-"));
const NEW = "Kiefernzapfen-Bachlauf-77?";

beforeAll(() => {
  process.env.KONTOR_SIEVE_DIR = sieveDir;
});
/** Each test starts from its own customer with the mailboxes of the demo's K10001. */
beforeEach(async () => {
  h = await emptyDb();
  await aCustomerWithPanelPackages(h.db);
});
afterAll(() => {
  delete process.env.KONTOR_SIEVE_DIR;
  fs.rmSync(sieveDir, { recursive: true, force: true });
});

async function actor(address: string): Promise<Actor> {
  const m = await firstRow(h.db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, address)));
  return (await loadActor(h.db, "mailbox", m!.id))!;
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
    const a = await actor(address);
    expect(await fieldErrorsOf(() => changeOwnMailboxPassword(a, input("wrong-one"), ip, CHANNEL, h.db))).toEqual({
      currentPassword: ["password.errors.currentWrong"],
    });
    const rows = await h.db.select().from(authThrottle).where(like(authThrottle.key, "mailbox-password%"));
    expect(rows.map((r) => r.key).sort()).toEqual([`mailbox-password-ip:${ip}`, `mailbox-password:${String(a.mailboxId)}`]);
  });

  it("applies the policy to the new password", async () => {
    const errors = await fieldErrorsOf(async () =>
      changeOwnMailboxPassword(await actor(address), input(TEST_PASSWORD, "short"), ip, CHANNEL, h.db),
    );
    expect(errors.newPassword?.length).toBeGreaterThan(0);
  });

  it("stores the new hash, ends other sessions and audits without the secret", async () => {
    const before = await actor(address);
    const { notice } = await changeOwnMailboxPassword(before, input(TEST_PASSWORD), ip, CHANNEL, h.db);
    const row = (await firstRow(h.db.select().from(mailboxes).where(eq(mailboxes.address, address))))!;
    expect(await verifyPassword(row.passwordHash, NEW)).toBe(true);
    expect(row.sessionVersion).toBe(before.sessionVersion + 1);
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mailbox.password.self"), eq(auditLog.targetLabel, address)));
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
    const a = await actor(address);
    await addOwnForward(a, addForwardSchema.parse({ target: "Chef@Grüne-Wiese.example" }), ip, h.db);
    const fw = await getOwnForwarding(a, h.db);
    expect(fw.targets.map((t) => t.target)).toEqual(["chef@xn--grne-wiese-beb.example"]);
    expect(script(address)).toContain('redirect "chef@xn--grne-wiese-beb.example";');
    await setOwnKeepCopy(a, { keepCopy: false }, ip, h.db);
    expect((await getOwnForwarding(a, h.db)).keepCopy).toBe(false);
    expect(script(address)).not.toMatch(/^keep;/m);
    await setOwnKeepCopy(a, { keepCopy: true }, ip, h.db);
    expect(script(address)).toMatch(/^keep;/m);
    await removeOwnForward(a, { id: fw.targets[0].id }, ip, h.db);
    expect((await getOwnForwarding(a, h.db)).targets).toEqual([]);
    expect(fs.existsSync(path.join(sieveDir, `${address}.sieve`))).toBe(false);
    expect(await h.db.select().from(auditLog).where(eq(auditLog.action, "mailbox.forward.add"))).toHaveLength(1);
  });

  it("refuses itself, duplicates and more than the package allows", async () => {
    const a = await actor(address);
    expect(await fieldErrorsOf(async () => await addOwnForward(a, { target: address }, ip, h.db))).toEqual({
      target: ["mailboxSettings.errors.forwardSelf"],
    });
    await addOwnForward(a, { target: "one@example.org" }, ip, h.db);
    expect(await fieldErrorsOf(async () => await addOwnForward(a, { target: "one@example.org" }, ip, h.db))).toEqual({
      target: ["mailboxSettings.errors.forwardDuplicate"],
    });
    const pkg = (await firstRow(
      h.db
        .select({ id: packages.id })
        .from(packages)
        .innerJoin(subscriptions, eq(subscriptions.packageId, packages.id))
        .innerJoin(domains, eq(domains.subscriptionId, subscriptions.id))
        .where(eq(domains.name, "alpenblick.example")),
    ))!;
    await h.db.update(packages).set({ maxForwards: 1 }).where(eq(packages.id, pkg.id));
    expect(await fieldErrorsOf(async () => await addOwnForward(a, { target: "two@example.org" }, ip, h.db))).toEqual({
      target: ["mailboxSettings.errors.forwardLimit"],
    });
    await h.db.update(packages).set({ maxForwards: 20, forwardingEnabled: false }).where(eq(packages.id, pkg.id));
    expect(await fieldErrorsOf(async () => await addOwnForward(a, { target: "two@example.org" }, ip, h.db))).toEqual({
      _form: ["mailboxSettings.errors.forwardingDisabled"],
    });
    await h.db.update(packages).set({ forwardingEnabled: true }).where(eq(packages.id, pkg.id));
    expect(await h.db.select().from(forwards)).toHaveLength(1);
  });

  it("cannot remove another mailbox's target", async () => {
    await addOwnForward(await actor(address), { target: "one@example.org" }, ip, h.db);
    const own = (await firstRow(h.db.select().from(forwards)))!;
    await expect(async () => await removeOwnForward(await actor("info@alpenblick.example"), { id: own.id }, ip, h.db)).rejects.toThrow(
      NotFoundError,
    );
    expect(await h.db.select().from(forwards)).toHaveLength(1);
  });
});

describe("black-/whitelist", () => {
  const address = "info@bergsee.example";

  it("round-trips entries of both lists into the script", async () => {
    const a = await actor(address);
    await addOwnSenderRule(a, addSenderRuleSchema.parse({ kind: "block", pattern: "bad.example" }), ip, h.db);
    await addOwnSenderRule(a, addSenderRuleSchema.parse({ kind: "allow", pattern: "Friend@Trusted.example" }), ip, h.db);
    expect((await listOwnSenderRules(a, h.db)).map((r) => [r.kind, r.pattern])).toEqual([
      ["block", "@bad.example"],
      ["allow", "friend@trusted.example"],
    ]);
    expect(script(address)).toContain('address :domain :is "from" ["bad.example"]');
    expect(script(address)).toContain('"friend@trusted.example"');
    expect(await fieldErrorsOf(async () => await addOwnSenderRule(a, { kind: "block", pattern: "@bad.example" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternDuplicate"],
    });
    expect(await fieldErrorsOf(async () => await addOwnSenderRule(a, { kind: "allow", pattern: "@bad.example" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternOtherList"],
    });
    const [first] = await listOwnSenderRules(a, h.db);
    await expect(async () => await removeOwnSenderRule(await actor("anna@alpenblick.example"), { id: first.id }, ip, h.db)).rejects.toThrow(
      NotFoundError,
    );
    await removeOwnSenderRule(a, { id: first.id }, ip, h.db);
    expect(await listOwnSenderRules(a, h.db)).toHaveLength(1);
  });
});

describe("black-/whitelist domains in canonical form (issue 25.10)", () => {
  it("stores an emoji or umlaut domain in punycode and compares it in that form, whoever calls", async () => {
    const a = await actor("anna@alpenblick.example");
    await addOwnSenderRule(a, { kind: "block", pattern: "@😀.example" }, ip, h.db);
    await addOwnSenderRule(a, { kind: "allow", pattern: "Chef@Grüne-Wiese.example" }, ip, h.db);
    expect((await listOwnSenderRules(a, h.db)).map((r) => r.pattern).sort()).toEqual([
      "@xn--e28h.example",
      "chef@xn--grne-wiese-beb.example",
    ]);
    expect(await fieldErrorsOf(async () => await addOwnSenderRule(a, { kind: "allow", pattern: "xn--e28h.example" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternOtherList"],
    });
    expect(await fieldErrorsOf(async () => await addOwnSenderRule(a, { kind: "block", pattern: "😀.example" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternDuplicate"],
    });
    expect(await fieldErrorsOf(async () => await addOwnSenderRule(a, { kind: "block", pattern: "not a domain" }, ip, h.db))).toEqual({
      pattern: ["mailboxSettings.errors.patternInvalid"],
    });
    expect(script("anna@alpenblick.example")).toContain('"xn--e28h.example"');
  });
});

describe("spam filter", () => {
  it("round-trips on/off, level and action", async () => {
    const a = await actor("info@citywerk.example");
    expect(await getOwnSpamSettings(a, h.db)).toMatchObject({ available: true, enabled: true, level: 3, action: "junk" });
    await setOwnSpamSettings(a, spamSettingsSchema.parse({ enabled: "on", level: "5", action: "delete" }), ip, h.db);
    expect(await getOwnSpamSettings(a, h.db)).toMatchObject({ enabled: true, level: 5, action: "delete" });
    expect(script("info@citywerk.example")).toContain("discard;");
    await setOwnSpamSettings(a, spamSettingsSchema.parse({ level: "2", action: "mark" }), ip, h.db);
    expect(await getOwnSpamSettings(a, h.db)).toMatchObject({ enabled: false, level: 2, action: "mark" });
    expect(script("info@citywerk.example")).not.toContain("X-Spam");
  });

  it("respects the package switch", async () => {
    const a = await actor("info@citywerk.example");
    await h.db.update(packages).set({ spamFilterEnabled: false });
    try {
      expect((await getOwnSpamSettings(a, h.db)).available).toBe(false);
      expect(await fieldErrorsOf(async () => await setOwnSpamSettings(a, { enabled: true, level: 3, action: "junk" }, ip, h.db))).toEqual({
        _form: ["mailboxSettings.errors.spamDisabled"],
      });
    } finally {
      await h.db.update(packages).set({ spamFilterEnabled: true });
    }
  });
});

describe("scope", () => {
  it("only a mailbox user has own mailbox settings", async () => {
    const customer = { ...(await actor("info@citywerk.example")), role: "customer" as const, kind: "user" as const, mailboxId: null };
    await expect(async () => await getOwnForwarding(customer, h.db)).rejects.toThrow(NotFoundError);
    await expect(async () => await setOwnSpamSettings(customer, { enabled: true, level: 3, action: "junk" }, ip, h.db)).rejects.toThrow(
      NotFoundError,
    );
  });
});
