import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { domains, mailboxes, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { firstRow } from "@/db/rows";

export type OwnMailbox = {
  id: number;
  address: string;
  resellerId: number;
  customerId: number;
  keepCopy: boolean;
  subscriptionId: number;
  maxForwards: number | null;
  forwardingEnabled: boolean;
  spamFilterEnabled: boolean;
};

/**
 * The acting mailbox user's own mailbox with its package switches. Only the mailbox role has one;
 * the id comes from the session and the tenant scope sits in the same WHERE (zero rows → 404).
 */
export async function loadOwnMailbox(actor: Actor, db: Pick<Db, "select">): Promise<OwnMailbox> {
  if (!can(actor, "mailbox.self") || !actor.mailboxId) throw new NotFoundError();
  const row = await firstRow(
    db
      .select({
        id: mailboxes.id,
        address: mailboxes.address,
        resellerId: mailboxes.resellerId,
        customerId: mailboxes.customerId,
        keepCopy: mailboxes.keepCopy,
        subscriptionId: subscriptions.id,
        maxForwards: packages.maxForwards,
        forwardingEnabled: packages.forwardingEnabled,
        spamFilterEnabled: packages.spamFilterEnabled,
      })
      .from(mailboxes)
      .innerJoin(domains, eq(mailboxes.domainId, domains.id))
      .innerJoin(subscriptions, eq(domains.subscriptionId, subscriptions.id))
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .where(and(eq(mailboxes.id, actor.mailboxId), tenantScope(actor, mailboxes))),
  );
  if (!row) throw new NotFoundError();
  return row;
}

/** The audit fields every settings change of this mailbox shares. */
export function auditTarget(mailbox: OwnMailbox, ip: string | null | undefined) {
  return {
    targetKind: "mailbox",
    targetId: mailbox.id,
    targetLabel: mailbox.address,
    resellerId: mailbox.resellerId,
    customerId: mailbox.customerId,
    ip,
  } as const;
}
