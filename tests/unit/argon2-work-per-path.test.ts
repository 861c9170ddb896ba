/**
 * Issue 22, point 2: every password path does exactly the argon2 work it needs, counted by the one
 * password module (lib/auth/password-hash.ts) around the real hashing, no mock: setting someone's
 * password costs one hash; changing one's own costs one verification (the current password) and one
 * hash ("not the same as now" compares with that proved password); a login costs one verification,
 * for an unknown account too.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { attemptLogin } from "@/lib/auth/login-service";
import { argon2Operations, burnVerification } from "@/lib/auth/password-hash";
import { changeOwnMailboxPassword } from "@/lib/services/mailbox-settings/change-own-password";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { changePendingAdminPassword, setMailAccountPassword } from "@/lib/services/mail-accounts/manage-mail-account";
import { changeOwnPasswordWithCurrent } from "@/lib/services/passwords/change-own-password";
import { completePasswordReset } from "@/lib/services/recovery/redeem-link";
import { generateToken, storeToken } from "@/lib/services/recovery/tokens";
import { generateResetPassword } from "@/lib/services/tickets/generate-reset-password";
import { changePasswordFromWebmail } from "@/lib/services/webmail/change-password";
import { createMailboxSchema, mailboxSettingsSchema } from "@/lib/validation/mailbox";
import { mailAccounts } from "@/db/schema";
import { eq } from "drizzle-orm";
import {
  TEST_PASSWORD,
  type TestDb,
  aDomainWithMailboxes,
  aMailAccount,
  aSupport,
  aTicket,
  actorOf,
  emptyDb,
  testPasswordHash,
} from "../support/factories";
import { transaction } from "@/db/transaction";

const NEW = "Neuer-Leuchtturm-Kiesel-2026";
const IP = "192.0.2.7";
let db: TestDb;

/** The argon2 operations `run` caused. */
async function work(run: () => Promise<unknown>) {
  const before = argon2Operations();
  await run();
  const after = argon2Operations();
  return { hashes: after.hashes - before.hashes, verifications: after.verifications - before.verifications };
}

const ONE_HASH = { hashes: 1, verifications: 0 };
const VERIFY_AND_HASH = { hashes: 1, verifications: 1 };
const ONE_VERIFY = { hashes: 0, verifications: 1 };

beforeAll(async () => {
  // Created once per process and not part of any path: the factories' hash and the unknown-account decoy.
  await testPasswordHash();
  await burnVerification("warm-up");
});

beforeEach(async () => {
  db = (await emptyDb()).db;
});

describe("argon2 operations per password path", () => {
  it("Plesk panel, Einstellungen: one hash", async () => {
    const world = await aDomainWithMailboxes(db, 1);
    const box = world.mailboxes[0];
    const input = mailboxSettingsSchema.parse({
      subscriptionId: String(world.subscriptionId),
      mailboxId: String(box.id),
      enabled: "on",
      quotaMb: "1024",
      newPassword: NEW,
      confirmPassword: NEW,
    });
    expect(await work(() => updateMailboxSettings(world.customer.actor, input, { ip: IP }, db))).toEqual(ONE_HASH);
  });

  it("Plesk panel, new address: one hash", async () => {
    const world = await aDomainWithMailboxes(db, 0);
    const input = createMailboxSchema.parse({
      subscriptionId: String(world.subscriptionId),
      domainId: String(world.domain.id),
      localPart: "neu",
      quotaMb: "1024",
      newPassword: NEW,
      confirmPassword: NEW,
    });
    expect(await work(() => createMailbox(world.customer.actor, input, { ip: IP }, db))).toEqual(ONE_HASH);
  });

  it("mailbox self-service: one verification and one hash", async () => {
    const box = (await aDomainWithMailboxes(db, 1)).mailboxes[0];
    const change = () =>
      changeOwnMailboxPassword(
        box.actor,
        { currentPassword: TEST_PASSWORD, newPassword: NEW, confirmPassword: NEW },
        IP,
        { via: "mailbox-settings", locale: "de" },
        db,
      );
    expect(await work(change)).toEqual(VERIFY_AND_HASH);
  });

  it("mailbox self-service refuses the current password as the new one after its one verification, without hashing", async () => {
    const box = (await aDomainWithMailboxes(db, 1)).mailboxes[0];
    const same = { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD };
    let error: unknown;
    const spent = await work(() =>
      changeOwnMailboxPassword(box.actor, same, IP, { via: "mailbox-settings", locale: "de" }, db).catch((e: unknown) => (error = e)),
    );
    expect(spent).toEqual(ONE_VERIFY);
    expect(error).toMatchObject({ fieldErrors: { newPassword: ["password.errors.sameAsCurrent"] } });
  });

  it("webmail: one verification and one hash", async () => {
    const box = (await aDomainWithMailboxes(db, 1)).mailboxes[0];
    const change = () => changePasswordFromWebmail({ user: box.address, currentPassword: TEST_PASSWORD, newPassword: NEW }, IP, "de", db);
    expect(await work(change)).toEqual(VERIFY_AND_HASH);
  });

  it("user menu, Passwort ändern: one verification and one hash", async () => {
    const box = (await aDomainWithMailboxes(db, 1)).mailboxes[0];
    const change = () =>
      changeOwnPasswordWithCurrent(box.actor, { currentPassword: TEST_PASSWORD, newPassword: NEW, confirmPassword: NEW }, IP, "de", db);
    expect(await work(change)).toEqual(VERIFY_AND_HASH);
  });

  it("recovery link: one hash", async () => {
    const box = (await aDomainWithMailboxes(db, 1)).mailboxes[0];
    const { token, hash } = generateToken();
    await transaction(db, async (tx) => await storeToken(tx, { kind: "mailbox", id: box.id }, hash, "privat@example.net", new Date()));
    expect(await work(() => completePasswordReset({ token, newPassword: NEW, ip: IP, locale: "de" }, db))).toEqual(ONE_HASH);
  });

  it("E-Mail-Administration: another account one hash, its own one verification and one hash, the forced change one hash", async () => {
    const world = await aMailAccount(db, { extraAccounts: 1 });
    const admin = world.admin.actor;
    expect(await work(() => setMailAccountPassword(admin, world.accounts[0].id, NEW, IP, db))).toEqual(ONE_HASH);
    expect(await work(() => setMailAccountPassword(admin, world.admin.id, NEW, IP, db, TEST_PASSWORD))).toEqual(VERIFY_AND_HASH);
    await db.update(mailAccounts).set({ mustChangePassword: true }).where(eq(mailAccounts.id, world.admin.id));
    const pending = await actorOf(db, "mail_account", world.admin.id);
    expect(await work(() => changePendingAdminPassword(pending, "Dritter-Leuchtturm-Kiesel-2026", IP, db))).toEqual(ONE_HASH);
  });

  it("support, Neues Passwort erzeugen: one hash", async () => {
    const world = await aMailAccount(db);
    const ticket = await aTicket(db, world.customer, { category: "reset_mailadmin_password" });
    const support = await aSupport(db);
    expect(await work(() => generateResetPassword(support, ticket, IP, db))).toEqual(ONE_HASH);
  });

  it("login: one verification, right, wrong or unknown", async () => {
    const box = (await aDomainWithMailboxes(db, 1)).mailboxes[0];
    const login = (identifier: string, password: string) => attemptLogin({ area: "mailbox", identifier, password, ip: IP }, db);
    expect(await work(() => login(box.address, TEST_PASSWORD))).toEqual(ONE_VERIFY);
    expect(await work(() => login(box.address, "Falsches-Passwort-Ahorn-1"))).toEqual(ONE_VERIFY);
    expect(await work(() => login("niemand@example.net", TEST_PASSWORD))).toEqual(ONE_VERIFY);
  });
});
