import { eq } from "drizzle-orm";
import { mailAccounts, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { createSeededDb } from "../seeded-db";

export type Handle = Awaited<ReturnType<typeof createSeededDb>>;

/** Actors of the demo data, re-read from the database like every request does. */
export function actorsOf(handle: Handle) {
  const user = (email: string): Actor => {
    const u = handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    const actor = u && loadActor(handle.db, "user", u.id);
    if (!actor) throw new Error(`no actor ${email}`);
    return actor;
  };
  const mailAdmin = (login: string): Actor => {
    const a = handle.db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.login, login)).get();
    const actor = a && loadActor(handle.db, "mail_account", a.id);
    if (!actor) throw new Error(`no mail admin ${login}`);
    return actor;
  };
  return {
    user,
    mailAdmin,
    reseller: () => user("reseller@kontor.example"),
    reseller2: () => user("reseller2@kontor.example"),
    admin: () => user("admin@kontor.example"),
  };
}

export const NEW_PASSWORD = "Ruhige-Tannen-Allee-73?";
