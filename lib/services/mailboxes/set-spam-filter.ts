import "server-only";
import { type Db, getDb } from "@/db";
import { spamSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";
import type { SpamFilterInput } from "@/lib/validation/mailbox";
import { getPanelMailbox } from "./get-panel-mailbox";
import { syncMailboxSieveSafely } from "@/lib/mail/sieve/sync";
import { transaction } from "@/db/transaction";

/** "Spamfilter" in the panel: on or off. Level and action stay with the mailbox's own settings. */
export async function setSpamFilter(actor: Actor, input: SpamFilterInput, ctx: { ip?: string | null }, db: Db = getDb()) {
  const sub = await getSubscriptionForCustomer(actor, input.subscriptionId, db);
  const mailbox = await getPanelMailbox(actor, sub.id, input.mailboxId, db);
  if (!sub.features.spamFilter) throw new ValidationError("panel.errors.spamFilterUnavailable");
  await transaction(
    db,
    async (tx) => {
      await tx
        .insert(spamSettings)
        .values({ mailboxId: mailbox.id, resellerId: mailbox.resellerId, customerId: mailbox.customerId, enabled: input.enabled })
        .onConflictDoUpdate({ target: spamSettings.mailboxId, set: { enabled: input.enabled } });
      await writeAudit(tx, actor, {
        action: "mailbox.spam.update",
        targetKind: "mailbox",
        targetId: mailbox.id,
        targetLabel: mailbox.address,
        resellerId: mailbox.resellerId,
        customerId: mailbox.customerId,
        ip: ctx.ip,
        details: { enabled: input.enabled },
      });
    },
    { behavior: "immediate" },
  );
  await syncMailboxSieveSafely(db, mailbox.id);
}
