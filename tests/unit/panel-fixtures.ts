import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, domains, mailboxes, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { firstRow } from "@/db/rows";
import { aCustomerWithPackage, aCustomerWithPanelPackages, aDomainWithMailboxes } from "../support/factories";

/**
 * Three customers for the panel's tenant tests: `kunde` with the three panel packages (alpenblick,
 * bergsee, citywerk and grüne-wiese; see aCustomerWithPanelPackages), `kunde2` of the same reseller
 * with info@zweite-firma.example, and `kunde3` of another reseller with info@suedwind-kunde.example.
 */
export async function threeCustomers(db: Db) {
  const world = await aCustomerWithPanelPackages(db);
  const withInfo = async (p: Parameters<typeof aCustomerWithPackage>[1]) =>
    await aDomainWithMailboxes(db, 1, { sub: await aCustomerWithPackage(db, p), localParts: ["info"] });
  const kunde2 = await withInfo({ reseller: world.reseller, domain: "zweite-firma.example" });
  const kunde3 = await withInfo({ domain: "suedwind-kunde.example" });
  return { world, kunde: world.customer.actor, kunde2: kunde2.customer.actor, kunde3: kunde3.customer.actor };
}
export type CustomerKey = "kunde" | "kunde2" | "kunde3";

/** Small lookups by name over a test's database, shared by the panel and mailbox tests. */
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
