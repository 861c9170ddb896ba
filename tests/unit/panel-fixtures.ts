import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, domains, mailboxes, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";

/** Small lookups over the seeded demo database shared by the panel and mailbox tests. */
export function panelFixtures(db: Db) {
  const actorFor = (email: string): Actor => {
    const u = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    const actor = u && loadActor(db, "user", u.id);
    if (!actor) throw new Error(`no actor ${email}`);
    return actor;
  };
  const domain = (name: string) => {
    const d = db.select().from(domains).where(eq(domains.name, name)).get();
    if (!d) throw new Error(`no domain ${name}`);
    return d;
  };
  const mailbox = (address: string) => db.select().from(mailboxes).where(eq(mailboxes.address, address)).get();
  const auditCount = (action: string, targetLabel?: string) =>
    db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.action, action), targetLabel ? eq(auditLog.targetLabel, targetLabel) : undefined))
      .all().length;
  return { actorFor, domain, mailbox, auditCount };
}

export const NEW_PASSWORD = "Kornblume-Acker-Zweig-93";
