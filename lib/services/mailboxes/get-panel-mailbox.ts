import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, forwards, mailboxes, spamSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { displayAddress, displayDomain } from "@/lib/validation/names";
import { firstRow } from "@/db/rows";

export type PanelMailbox = {
  id: number;
  address: string;
  displayAddress: string;
  localPart: string;
  domainId: number;
  domainName: string;
  displayDomain: string;
  resellerId: number;
  customerId: number;
  quotaMb: number | null;
  enabled: boolean;
  keepCopy: boolean;
  spamFilterOn: boolean;
  forwardTargets: string[];
};

/**
 * A mailbox of one subscription, for the panel. The subscription id and the tenant scope are in the
 * same WHERE as the mailbox id, so a foreign mailbox, or an own one reached through another
 * subscription's URL, is NotFound. Explicit columns: the hash never leaves this layer.
 */
export async function getPanelMailbox(actor: Actor, subscriptionId: number, mailboxId: number, db: Db = getDb()): Promise<PanelMailbox> {
  const row = await firstRow(
    db
      .select({
        id: mailboxes.id,
        address: mailboxes.address,
        localPart: mailboxes.localPart,
        domainId: mailboxes.domainId,
        domainName: domains.name,
        resellerId: mailboxes.resellerId,
        customerId: mailboxes.customerId,
        quotaMb: mailboxes.quotaMb,
        enabled: mailboxes.enabled,
        keepCopy: mailboxes.keepCopy,
        spamFilterOn: spamSettings.enabled,
      })
      .from(mailboxes)
      .innerJoin(domains, eq(mailboxes.domainId, domains.id))
      .leftJoin(spamSettings, eq(spamSettings.mailboxId, mailboxes.id))
      .where(
        and(
          eq(mailboxes.id, mailboxId),
          eq(domains.subscriptionId, subscriptionId),
          tenantScope(actor, mailboxes),
          tenantScope(actor, domains),
        ),
      ),
  );
  if (!row) throw new NotFoundError();
  const targets = await db.select({ target: forwards.target }).from(forwards).where(eq(forwards.mailboxId, row.id)).orderBy(forwards.id);
  return {
    ...row,
    spamFilterOn: row.spamFilterOn ?? false,
    displayAddress: displayAddress(row.address),
    displayDomain: displayDomain(row.domainName),
    forwardTargets: targets.map((t) => displayAddress(t.target)),
  };
}
