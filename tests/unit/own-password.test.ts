import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { customers, mailAccounts, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import type { Actor } from "@/lib/authz/actor";
import { ValidationError } from "@/lib/errors";
import { PASSWORD_PAGE } from "@/lib/authz/navigation";
import { ROLES } from "@/lib/authz/permissions";
import { changeOwnPasswordWithCurrent } from "@/lib/services/passwords/change-own-password";
import { actorOf, aCustomer, aMailAccount, aReseller, aSupport, emptyDb, TEST_PASSWORD, type TestDb } from "../support/factories";
import { NEW_PASSWORD } from "../support/reseller-admin/actors";
import { firstRow } from "@/db/rows";

/** Issue 25, point 13: "Passwort ändern" in the user menu works for every role, with the current password. */
let db: TestDb;
beforeAll(async () => {
  db = (await emptyDb()).db;
});
const input = (currentPassword: string) => ({ currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });

describe("own password from the user menu", () => {
  it("every role has a password page", () => {
    for (const role of ROLES) expect(PASSWORD_PAGE[role]).toMatch(/^\/(passwort|mailbox\/password)$/);
  });

  it.each([
    ["a reseller", async () => (await aReseller(db)).actor],
    ["support", async () => await aSupport(db)],
    ["a customer", async () => (await aCustomer(db)).actor],
  ] as [string, () => Promise<Actor>][])("%s: refuses a wrong current password, then changes", async (_, make) => {
    const actor = await make();
    const err = await changeOwnPasswordWithCurrent(actor, input("Falsch-Falsch-Falsch-1"), "192.0.2.7", "de", db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors?.currentPassword).toEqual(["password.errors.currentWrong"]);
    const notice = await changeOwnPasswordWithCurrent(actor, input(TEST_PASSWORD), "192.0.2.7", "de", db);
    const hash = (await firstRow(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, actor.id))))?.h ?? "";
    expect(await verifyPassword(hash, NEW_PASSWORD)).toBe(true);
    expect(notice?.to).toBeTruthy();
    expect(JSON.stringify(notice)).not.toContain(NEW_PASSWORD);
    expect((await actorOf(db, "user", actor.id)).sessionVersion).toBe(actor.sessionVersion + 1); // every other session ends
  });

  it("a customer's notice goes to the contact address of the Stammdaten, in the user's language", async () => {
    const customer = await aCustomer(db);
    await db.update(customers).set({ contactEmail: "buchhaltung@firma.example" }).where(eq(customers.id, customer.id));
    const notice = await changeOwnPasswordWithCurrent(customer.actor, input(TEST_PASSWORD), "192.0.2.9", "en", db);
    // The Stammdaten's address, not the login's.
    expect(notice?.to).toBe("buchhaltung@firma.example");
    expect(notice?.subject).toBe("Kontor: your password has been changed");
  });

  it("the .001 account of the E-Mail-Administration changes its own password the same way", async () => {
    const { admin } = await aMailAccount(db);
    await changeOwnPasswordWithCurrent(admin.actor, input(TEST_PASSWORD), "192.0.2.8", "it", db);
    const hash =
      (await firstRow(db.select({ h: mailAccounts.passwordHash }).from(mailAccounts).where(eq(mailAccounts.id, admin.id))))?.h ?? "";
    expect(await verifyPassword(hash, NEW_PASSWORD)).toBe(true);
  });
});
