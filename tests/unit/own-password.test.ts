import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { customers, mailAccounts, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/password-hash";
import { ValidationError } from "@/lib/errors";
import { PASSWORD_PAGE } from "@/lib/authz/navigation";
import { ROLES } from "@/lib/authz/permissions";
import { changeOwnPasswordWithCurrent } from "@/lib/services/passwords/change-own-password";
import { createSeededDb } from "../support/seeded-db";
import { actorsOf, type Handle, NEW_PASSWORD } from "../support/reseller-admin/actors";
import { firstRow } from "@/db/rows";

/** Issue 25, point 13: "Passwort ändern" in the user menu works for every role, with the current password. */
let handle: Handle;
let as: ReturnType<typeof actorsOf>;
beforeAll(async () => {
  handle = await createSeededDb();
  as = actorsOf(handle);
});
const input = (currentPassword: string) => ({ currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });

describe("own password from the user menu", () => {
  it("every role has a password page", () => {
    for (const role of ROLES) expect(PASSWORD_PAGE[role]).toMatch(/^\/(passwort|mailbox\/password)$/);
  });

  it.each(["reseller@kontor.example", "support@kontor.example", "kunde2@kontor.example"])(
    "%s: refuses a wrong current password, then changes",
    async (email) => {
      const actor = await as.user(email);
      const err = await changeOwnPasswordWithCurrent(actor, input("Falsch-Falsch-Falsch-1"), "192.0.2.7", "de", handle.db).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fieldErrors?.currentPassword).toEqual(["password.errors.currentWrong"]);
      const notice = await changeOwnPasswordWithCurrent(actor, input(DEMO_PASSWORD), "192.0.2.7", "de", handle.db);
      const hash = (await firstRow(handle.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, actor.id))))?.h ?? "";
      expect(await verifyPassword(hash, NEW_PASSWORD)).toBe(true);
      expect(notice?.to).toBeTruthy();
      expect(JSON.stringify(notice)).not.toContain(NEW_PASSWORD);
      expect((await as.user(email)).sessionVersion).toBe(actor.sessionVersion + 1); // every other session ends
    },
  );

  it("a customer's notice goes to the contact address of the Stammdaten, in the user's language", async () => {
    const actor = await as.user("kunde3@kontor.example");
    const contact = (
      await firstRow(
        handle.db
          .select({ email: customers.contactEmail })
          .from(customers)
          .innerJoin(users, eq(users.customerId, customers.id))
          .where(eq(users.email, "kunde3@kontor.example")),
      )
    )?.email;
    const notice = await changeOwnPasswordWithCurrent(actor, input(DEMO_PASSWORD), "192.0.2.9", "en", handle.db);
    expect(notice?.to).toBe(contact);
    expect(notice?.subject).toBe("Kontor: your password has been changed");
  });

  it("the .001 account of the E-Mail-Administration changes its own password the same way", async () => {
    const actor = await as.mailAdmin("k10001.001");
    await changeOwnPasswordWithCurrent(actor, input(DEMO_PASSWORD), "192.0.2.8", "it", handle.db);
    const hash =
      (await firstRow(handle.db.select({ h: mailAccounts.passwordHash }).from(mailAccounts).where(eq(mailAccounts.id, actor.id))))?.h ?? "";
    expect(await verifyPassword(hash, NEW_PASSWORD)).toBe(true);
  });
});
