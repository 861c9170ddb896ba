import "server-only";
import { type Db, getDb } from "@/db";
import type { Actor } from "@/lib/authz/actor";
import { packageOrThrow } from "@/lib/services/orders/scoped-rows";

/** One of the reseller's packages for the edit form; another reseller's id is NotFound (404). */
export async function getPackageOrThrow(actor: Actor, id: number, db: Db = getDb()) {
  const p = await packageOrThrow(db, actor, id);
  return {
    id: p.id,
    name: p.name,
    panel: p.panel,
    maxDomains: p.maxDomains,
    maxMailboxes: p.maxMailboxes,
    mailboxQuotaMb: p.mailboxQuotaMb,
    maxForwards: p.maxForwards,
    maxAliases: p.maxAliases,
    spamFilterEnabled: p.spamFilterEnabled,
    forwardingEnabled: p.forwardingEnabled,
  };
}
