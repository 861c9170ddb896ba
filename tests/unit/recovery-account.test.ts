import { and, desc, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, authThrottle, customers, mailboxes, recoveryTokens, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { updateOwnStammdaten } from "@/lib/services/recovery/account";
import { setOwnRecoveryEmail } from "@/lib/services/recovery/mailbox-recovery";
import { confirmReauth, REAUTH_WINDOW_MS, reauthValidUntil } from "@/lib/services/recovery/reauth";
import { inspectResetLink } from "@/lib/services/recovery/redeem-link";
import { sendSupportRecoveryLink } from "@/lib/services/recovery/support-link";
import { createSeededDb } from "../support/seeded-db";
import { firstRow } from "@/db/rows";

let handle: Awaited<ReturnType<typeof createSeededDb>>;
beforeAll(async () => {
  handle = await createSeededDb();
});
beforeEach(async () => {
  await handle.db.delete(authThrottle);
});

const userActor = async (email: string): Promise<Actor> => {
  const u = await firstRow(handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)));
  const actor = await loadActor(handle.db, "user", u?.id ?? -1);
  if (!actor) throw new Error(email);
  return actor;
};
const mailboxActor = async (address: string): Promise<Actor> => {
  const m = await firstRow(handle.db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, address)));
  const actor = await loadActor(handle.db, "mailbox", m?.id ?? -1);
  if (!actor) throw new Error(address);
  return actor;
};
const tokenOf = (text: string) => /reset#([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? "";
const STAMMDATEN = {
  company: "Zweite Firma",
  contactName: "Erik Zweig",
  street: "Weg 2",
  postalCode: "54321",
  city: "Beispielstadt",
  phone: "",
  contactEmail: "erik@example.org",
};

describe("Konto bearbeiten: re-authentication", () => {
  it("refuses changes without a confirmed current password, allows them for 10 minutes after", async () => {
    const actor = await userActor("kunde2@kontor.example");
    await expect(async () => await updateOwnStammdaten(actor, STAMMDATEN, "192.0.2.5", handle.db)).rejects.toThrow("account.reauthExpired");
    expect(await confirmReauth(actor, "falsch-falsch-falsch", "192.0.2.5", handle.db)).toEqual({ ok: false, reason: "wrong" });
    expect(await reauthValidUntil(actor, handle.db)).toBeNull();
    const now = Date.now();
    expect(await confirmReauth(actor, DEMO_PASSWORD, "192.0.2.5", handle.db, now)).toMatchObject({ ok: true });
    expect(await reauthValidUntil(actor, handle.db, now + REAUTH_WINDOW_MS - 1000)).not.toBeNull();
    expect(await reauthValidUntil(actor, handle.db, now + REAUTH_WINDOW_MS + 1000)).toBeNull();
    await updateOwnStammdaten(actor, STAMMDATEN, "192.0.2.5", handle.db);
    const row = await firstRow(
      handle.db
        .select()
        .from(customers)
        .where(eq(customers.id, actor.customerId ?? -1)),
    );
    expect(row).toMatchObject({ city: "Beispielstadt", contactEmail: "erik@example.org" });
    const audit = await firstRow(handle.db.select().from(auditLog).orderBy(desc(auditLog.id)));
    expect(audit?.action).toBe("customer.stammdaten_update");
  });

  it("counts wrong current passwords and locks after the login budget", async () => {
    const actor = await userActor("kunde@kontor.example");
    for (let i = 0; i < 10; i++) await confirmReauth(actor, "falsch-falsch-falsch", "192.0.2.6", handle.db);
    expect(await confirmReauth(actor, DEMO_PASSWORD, "192.0.2.6", handle.db)).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("mailbox recovery address", () => {
  it("needs the current password, refuses the mailbox itself and is used by Passwort vergessen?", async () => {
    const actor = await mailboxActor("anna@alpenblick.example");
    await expect(
      setOwnRecoveryEmail(actor, { address: "anna.privat@example.org", currentPassword: "falsch" }, "192.0.2.7", handle.db),
    ).rejects.toThrow("errors.checkFields");
    await expect(
      setOwnRecoveryEmail(actor, { address: "Anna@alpenblick.example", currentPassword: DEMO_PASSWORD }, "192.0.2.7", handle.db),
    ).rejects.toThrow("errors.checkFields");
    await setOwnRecoveryEmail(actor, { address: "anna.privat@example.org", currentPassword: DEMO_PASSWORD }, "192.0.2.7", handle.db);
    expect((await firstRow(handle.db.select({ r: mailboxes.recoveryEmail }).from(mailboxes).where(eq(mailboxes.id, actor.id))))?.r).toBe(
      "anna.privat@example.org",
    );
  });
});

describe("support recovery link", () => {
  const support = async () => await userActor("support@kontor.example");

  it("sends to the contact on file, voids older links and audits the reason", async () => {
    const first = await sendSupportRecoveryLink(
      await support(),
      { kind: "user", identifier: "K10001", recipient: "contact", reason: "Ticket 17: Mail kam nicht an" },
      "de",
      "192.0.2.8",
      handle.db,
    );
    const second = await sendSupportRecoveryLink(
      await support(),
      { kind: "user", identifier: "K10001", recipient: "contact", reason: "Ticket 17: zweiter Versuch" },
      "de",
      "192.0.2.8",
      handle.db,
    );
    if (!first.ok || !second.ok) throw new Error("expected links");
    expect(second.sentTo).toBe("kunde@kontor.example");
    expect(second.mail.text).toContain("unser Support");
    await expect(async () => await inspectResetLink(tokenOf(first.mail.text), handle.db)).rejects.toThrow("recovery.linkInvalid");
    expect((await inspectResetLink(tokenOf(second.mail.text), handle.db)).account).toBe("kunde@kontor.example");
    const audit = await firstRow(
      handle.db.select().from(auditLog).where(eq(auditLog.action, "recovery.support_link")).orderBy(desc(auditLog.id)),
    );
    expect(audit?.details).toMatchObject({ reason: "Ticket 17: zweiter Versuch", recipient: "contact" });
    expect(JSON.stringify(audit)).not.toContain(tokenOf(second.mail.text));
  });

  it("sends to a new address after the identity check, with the same token rules", async () => {
    const result = await sendSupportRecoveryLink(
      await support(),
      {
        kind: "mailbox",
        identifier: "info@citywerk.example",
        recipient: "new",
        newAddress: "neu@example.org",
        reason: "Ticket 18: Ausweis am Telefon geprüft",
      },
      "de",
      "192.0.2.8",
      handle.db,
    );
    if (!result.ok) throw new Error("expected link");
    const row = await firstRow(
      handle.db
        .select()
        .from(recoveryTokens)
        .where(and(eq(recoveryTokens.sentTo, "neu@example.org"), eq(recoveryTokens.principalKind, "mailbox"))),
    );
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect((await inspectResetLink(tokenOf(result.mail.text), handle.db)).account).toBe("info@citywerk.example");
    expect(result.ownerNotice).toBeNull(); // this mailbox has no address on file to notify
    const customer = await sendSupportRecoveryLink(
      await support(),
      {
        kind: "mail_account",
        identifier: "k10001.001",
        recipient: "new",
        newAddress: "neu@example.org",
        reason: "Ticket 18: Ausweis am Telefon geprüft",
      },
      "de",
      "192.0.2.8",
      handle.db,
    );
    expect(customer.ok && customer.ownerNotice?.to).toBe("kunde@kontor.example");
    expect(customer.ok && customer.ownerNotice?.text).toContain("neu@example.org");
  });

  it("never for staff accounts, unknown accounts or mailboxes without an address on file", async () => {
    await expect(
      async () =>
        await sendSupportRecoveryLink(
          await support(),
          { kind: "user", identifier: "admin@kontor.example", recipient: "contact", reason: "Ticket 19: bitte" },
          "de",
          "192.0.2.8",
          handle.db,
        ),
    ).rejects.toThrow("errors.checkFields");
    await expect(
      async () =>
        await sendSupportRecoveryLink(
          await support(),
          { kind: "user", identifier: "K99999", recipient: "contact", reason: "Ticket 19: bitte" },
          "de",
          "192.0.2.8",
          handle.db,
        ),
    ).rejects.toThrow("errors.checkFields");
    await expect(
      async () =>
        await sendSupportRecoveryLink(
          await support(),
          { kind: "mailbox", identifier: "info@bergsee.example", recipient: "contact", reason: "Ticket 19: bitte" },
          "de",
          "192.0.2.8",
          handle.db,
        ),
    ).rejects.toThrow("errors.checkFields");
    await expect(
      async () =>
        await sendSupportRecoveryLink(
          await userActor("kunde@kontor.example"),
          { kind: "user", identifier: "K10001", recipient: "contact", reason: "Ticket 19: bitte" },
          "de",
          "192.0.2.8",
          handle.db,
        ),
    ).rejects.toThrow("errors.forbidden");
  });

  it("is rate-limited per support agent", async () => {
    const results = [];
    for (let i = 0; i < 11; i++) {
      results.push(
        await sendSupportRecoveryLink(
          await support(),
          { kind: "mail_account", identifier: "k10001.001", recipient: "contact", reason: "Ticket 20: Test der Grenze" },
          "de",
          "192.0.2.8",
          handle.db,
        ),
      );
    }
    expect(results[9].ok).toBe(true);
    expect(results[10].ok).toBe(false);
  });
});
