import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db";
import { domains, forwards, mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { type ForwardingInput, MAX_TARGETS_PER_MAILBOX, splitTargets } from "@/lib/validation/mailbox";
import { canonicalAddress } from "@/lib/validation/names";
import { getPanelMailbox } from "./get-panel-mailbox";
import { throwIfFieldErrors } from "./mailbox-limits";
import { syncMailboxSieveSafely } from "@/lib/mail/sieve/sync";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

const emailShape = z.email();

/** Canonical targets, or the field error key that refuses the list. */
function parseTargets(raw: string, ownAddress: string): { targets: string[] } | { error: string } {
  const targets = new Set<string>();
  for (const entry of splitTargets(raw)) {
    const address = canonicalAddress(entry);
    if (!address || !emailShape.safeParse(address).success) return { error: "panel.errors.targetInvalid" };
    if (address === ownAddress) return { error: "panel.errors.targetSelf" };
    targets.add(address);
  }
  if (targets.size > MAX_TARGETS_PER_MAILBOX) return { error: "panel.errors.tooManyTargets" };
  return { targets: [...targets] };
}

/**
 * "Weiterleitung": replaces the mailbox's forwarding targets and the keep-a-copy switch in one
 * transaction. The package must allow forwarding, and its forward limit counts every target of every
 * mailbox in the subscription. Without targets mail simply stays in the mailbox (keep copy on).
 */
export async function setForwarding(actor: Actor, input: ForwardingInput, ctx: { ip?: string | null }, db: Db = getDb()) {
  const sub = await getSubscriptionForCustomer(actor, input.subscriptionId, db);
  const mailbox = await getPanelMailbox(actor, sub.id, input.mailboxId, db);
  if (!sub.features.forwarding) throw new ValidationError("panel.errors.forwardingUnavailable");
  const parsed = parseTargets(input.targets, mailbox.address);
  throwIfFieldErrors({ targets: "error" in parsed ? [parsed.error] : [] });
  if ("error" in parsed) return;
  const keepCopy = parsed.targets.length ? input.keepCopy : true;
  await transaction(
    db,
    async (tx) => {
      const max = sub.limits.maxForwards;
      if (max !== null) {
        const others = await firstRow(
          tx
            .select({ n: count() })
            .from(forwards)
            .innerJoin(mailboxes, eq(forwards.mailboxId, mailboxes.id))
            .innerJoin(domains, eq(mailboxes.domainId, domains.id))
            .where(and(eq(domains.subscriptionId, sub.id), ne(forwards.mailboxId, mailbox.id))),
        );
        if ((others?.n ?? 0) + parsed.targets.length > max)
          throw new ValidationError("errors.checkFields", { targets: ["panel.errors.forwardLimit"] });
      }
      await tx.delete(forwards).where(eq(forwards.mailboxId, mailbox.id));
      if (parsed.targets.length) {
        await tx.insert(forwards).values(
          parsed.targets.map((target) => ({
            resellerId: mailbox.resellerId,
            customerId: mailbox.customerId,
            mailboxId: mailbox.id,
            target,
          })),
        );
      }
      await tx.update(mailboxes).set({ keepCopy, updatedAt: new Date() }).where(eq(mailboxes.id, mailbox.id));
      await writeAudit(tx, actor, {
        action: "mailbox.forwarding.update",
        targetKind: "mailbox",
        targetId: mailbox.id,
        targetLabel: mailbox.address,
        resellerId: mailbox.resellerId,
        customerId: mailbox.customerId,
        ip: ctx.ip,
        details: { targets: parsed.targets.length, keepCopy },
      });
    },
    { behavior: "immediate" },
  );
  // Dovecot applies forwarding through the mailbox's Sieve script, rewritten once the change committed.
  await syncMailboxSieveSafely(db, mailbox.id);
}
