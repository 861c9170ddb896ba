import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, domains, mailboxes, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { firstRow } from "@/db/rows";

/** Small lookups over the seeded demo database shared by the panel and mailbox tests. */
export function panelFixtures(db: Db) {
  const actorFor = async (email: string): Promise<Actor> => {
    const u = await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, email)));
    const actor = u && (await loadActor(db, "user", u.id));
    if (!actor) throw new Error(`no actor ${email}`);
    return actor;
  };
  const domain = async (name: string) => {
    const d = await firstRow(db.select().from(domains).where(eq(domains.name, name)));
    if (!d) throw new Error(`no domain ${name}`);
    return d;
  };
  const mailbox = async (address: string) => await firstRow(db.select().from(mailboxes).where(eq(mailboxes.address, address)));
  const auditCount = async (action: string, targetLabel?: string) =>
    (
      await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), targetLabel ? eq(auditLog.targetLabel, targetLabel) : undefined))
    ).length;
  return { actorFor, domain, mailbox, auditCount };
}

export const NEW_PASSWORD = "Kornblume-Acker-Zweig-93";
