import { and, desc, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, authThrottle, customers, mailboxes, recoveryTokens } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { updateOwnStammdaten } from "@/lib/services/recovery/account";
import { setOwnRecoveryEmail } from "@/lib/services/recovery/mailbox-recovery";
import { confirmReauth, REAUTH_WINDOW_MS, reauthValidUntil } from "@/lib/services/recovery/reauth";
import { inspectResetLink } from "@/lib/services/recovery/redeem-link";
import { sendSupportRecoveryLink } from "@/lib/services/recovery/support-link";
import {
  aCustomer,
  aCustomerWithPackage,
  aDomainWithMailboxes,
  aMailAccount,
  anAdmin,
  aSupport,
  emptyDb,
  TEST_PASSWORD,
  type TestCustomer,
  type TestMailbox,
} from "../support/factories";
import { firstRow } from "@/db/rows";

/**
 * A customer (kunde) with a `.001` account and three mailboxes on alpenblick.example (anna, info,
 * post: none with a recovery address), another customer of its reseller (kunde2), support and admin.
 */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let supportActor: Actor;
let adminEmail: string;
let kunde: TestCustomer;
let kunde2: TestCustomer;
let mailAdmin: string;
let anna: TestMailbox;
let info: TestMailbox;
let post: TestMailbox;
beforeAll(async () => {
  handle = await emptyDb();
  const db = handle.db;
  supportActor = await aSupport(db);
  adminEmail = (await anAdmin(db)).label;
  const mail = await aMailAccount(db);
  kunde = mail.customer;
  mailAdmin = mail.admin.login;
  const sub = await aCustomerWithPackage(db, { reseller: mail.reseller, customer: kunde, domain: "alpenblick.example" });
  [anna, info, post] = (await aDomainWithMailboxes(db, 3, { sub, localParts: ["anna", "info", "post"] })).mailboxes;
  kunde2 = await aCustomer(db, mail.reseller);
});
beforeEach(async () => {
  await handle.db.delete(authThrottle);
});

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
    const actor = kunde2.actor;
    await expect(async () => await updateOwnStammdaten(actor, STAMMDATEN, "192.0.2.5", handle.db)).rejects.toThrow("account.reauthExpired");
    expect(await confirmReauth(actor, "falsch-falsch-falsch", "192.0.2.5", handle.db)).toEqual({ ok: false, reason: "wrong" });
    expect(await reauthValidUntil(actor, handle.db)).toBeNull();
    const now = Date.now();
    expect(await confirmReauth(actor, TEST_PASSWORD, "192.0.2.5", handle.db, now)).toMatchObject({ ok: true });
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
    const actor = kunde.actor;
    for (let i = 0; i < 10; i++) await confirmReauth(actor, "falsch-falsch-falsch", "192.0.2.6", handle.db);
    expect(await confirmReauth(actor, TEST_PASSWORD, "192.0.2.6", handle.db)).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("mailbox recovery address", () => {
  it("needs the current password, refuses the mailbox itself and is used by Passwort vergessen?", async () => {
    const actor = anna.actor;
    await expect(
      setOwnRecoveryEmail(actor, { address: "anna.privat@example.org", currentPassword: "falsch" }, "192.0.2.7", handle.db),
    ).rejects.toThrow("errors.checkFields");
    await expect(
      setOwnRecoveryEmail(actor, { address: "Anna@alpenblick.example", currentPassword: TEST_PASSWORD }, "192.0.2.7", handle.db),
    ).rejects.toThrow("errors.checkFields");
    await setOwnRecoveryEmail(actor, { address: "anna.privat@example.org", currentPassword: TEST_PASSWORD }, "192.0.2.7", handle.db);
    expect((await firstRow(handle.db.select({ r: mailboxes.recoveryEmail }).from(mailboxes).where(eq(mailboxes.id, actor.id))))?.r).toBe(
      "anna.privat@example.org",
    );
  });
});

describe("support recovery link", () => {
  const support = () => supportActor;

  it("sends to the contact on file, voids older links and audits the reason", async () => {
    const first = await sendSupportRecoveryLink(
      support(),
      { kind: "user", identifier: kunde.customerNumber, recipient: "contact", reason: "Ticket 17: Mail kam nicht an" },
      "de",
      "192.0.2.8",
      handle.db,
    );
    const second = await sendSupportRecoveryLink(
      support(),
      { kind: "user", identifier: kunde.customerNumber, recipient: "contact", reason: "Ticket 17: zweiter Versuch" },
      "de",
      "192.0.2.8",
      handle.db,
    );
    if (!first.ok || !second.ok) throw new Error("expected links");
    expect(second.sentTo).toBe(kunde.email);
    expect(second.mail.text).toContain("unser Support");
    await expect(async () => await inspectResetLink(tokenOf(first.mail.text), handle.db)).rejects.toThrow("recovery.linkInvalid");
    expect((await inspectResetLink(tokenOf(second.mail.text), handle.db)).account).toBe(kunde.email);
    const audit = await firstRow(
      handle.db.select().from(auditLog).where(eq(auditLog.action, "recovery.support_link")).orderBy(desc(auditLog.id)),
    );
    expect(audit?.details).toMatchObject({ reason: "Ticket 17: zweiter Versuch", recipient: "contact" });
    expect(JSON.stringify(audit)).not.toContain(tokenOf(second.mail.text));
  });

  it("sends to a new address after the identity check, with the same token rules", async () => {
    const result = await sendSupportRecoveryLink(
      support(),
      {
        kind: "mailbox",
        identifier: info.address,
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
    expect((await inspectResetLink(tokenOf(result.mail.text), handle.db)).account).toBe(info.address);
    expect(result.ownerNotice).toBeNull(); // this mailbox has no address on file to notify
    const customer = await sendSupportRecoveryLink(
      support(),
      {
        kind: "mail_account",
        identifier: mailAdmin,
        recipient: "new",
        newAddress: "neu@example.org",
        reason: "Ticket 18: Ausweis am Telefon geprüft",
      },
      "de",
      "192.0.2.8",
      handle.db,
    );
    expect(customer.ok && customer.ownerNotice?.to).toBe(kunde.email);
    expect(customer.ok && customer.ownerNotice?.text).toContain("neu@example.org");
  });

  it("never for staff accounts, unknown accounts or mailboxes without an address on file", async () => {
    await expect(
      async () =>
        await sendSupportRecoveryLink(
          support(),
          { kind: "user", identifier: adminEmail, recipient: "contact", reason: "Ticket 19: bitte" },
          "de",
          "192.0.2.8",
          handle.db,
        ),
    ).rejects.toThrow("errors.checkFields");
    await expect(
      async () =>
        await sendSupportRecoveryLink(
          support(),
          { kind: "user", identifier: "K99999", recipient: "contact", reason: "Ticket 19: bitte" },
          "de",
          "192.0.2.8",
          handle.db,
        ),
    ).rejects.toThrow("errors.checkFields");
    await expect(
      async () =>
        await sendSupportRecoveryLink(
          support(),
          { kind: "mailbox", identifier: post.address, recipient: "contact", reason: "Ticket 19: bitte" },
          "de",
          "192.0.2.8",
          handle.db,
        ),
    ).rejects.toThrow("errors.checkFields");
    await expect(
      async () =>
        await sendSupportRecoveryLink(
          kunde.actor,
          { kind: "user", identifier: kunde.customerNumber, recipient: "contact", reason: "Ticket 19: bitte" },
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
          support(),
          { kind: "mail_account", identifier: mailAdmin, recipient: "contact", reason: "Ticket 20: Test der Grenze" },
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
