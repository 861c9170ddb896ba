import { eq } from "drizzle-orm";
import { mailAccounts, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { createSeededDb } from "../seeded-db";
import { firstRow } from "@/db/rows";

export type Handle = Awaited<ReturnType<typeof createSeededDb>>;

/** Actors of the demo data, re-read from the database like every request does. */
export function actorsOf(handle: Handle) {
  const user = async (email: string): Promise<Actor> => {
    const u = await firstRow(handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)));
    const actor = u && (await loadActor(handle.db, "user", u.id));
    if (!actor) throw new Error(`no actor ${email}`);
    return actor;
  };
  const mailAdmin = async (login: string): Promise<Actor> => {
    const a = await firstRow(handle.db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.login, login)));
    const actor = a && (await loadActor(handle.db, "mail_account", a.id));
    if (!actor) throw new Error(`no mail admin ${login}`);
    return actor;
  };
  return {
    user,
    mailAdmin,
    reseller: async () => await user("reseller@kontor.example"),
    reseller2: async () => await user("reseller2@kontor.example"),
    admin: async () => await user("admin@kontor.example"),
  };
}

export const NEW_PASSWORD = "Ruhige-Tannen-Allee-73?";
