import "server-only";
import { and, asc, count, eq, ne } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, forwards, mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { syncMailboxSieveSafely } from "@/lib/mail/sieve/sync";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { MAX_TARGETS_PER_MAILBOX } from "@/lib/validation/mailbox";
import type { AddForwardInput } from "@/lib/validation/mailbox-settings";
import { auditTarget, loadOwnMailbox } from "./own-mailbox";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

const refuse = (key: string) => new ValidationError("errors.checkFields", { target: [key] });

export async function getOwnForwarding(actor: Actor, db: Db = getDb()) {
  const mailbox = await loadOwnMailbox(actor, db);
  const targets = await db
    .select({ id: forwards.id, target: forwards.target })
    .from(forwards)
    .where(eq(forwards.mailboxId, mailbox.id))
    .orderBy(asc(forwards.target));
  return { enabled: mailbox.forwardingEnabled, keepCopy: mailbox.keepCopy, maxForwards: mailbox.maxForwards, targets };
}

/**
 * Adds one forwarding target. The package must allow forwarding; its forward limit counts the
 * targets of every mailbox of the subscription (as the panel does), checked inside the write lock.
 */
export async function addOwnForward(actor: Actor, input: AddForwardInput, ip: string, db: Db = getDb()) {
  const mailbox = await loadOwnMailbox(actor, db);
  if (!mailbox.forwardingEnabled) throw new ValidationError("mailboxSettings.errors.forwardingDisabled");
  if (input.target === mailbox.address) throw refuse("mailboxSettings.errors.forwardSelf");
  await transaction(
    db,
    async (tx) => {
      const mine = await tx.select({ target: forwards.target }).from(forwards).where(eq(forwards.mailboxId, mailbox.id));
      if (mine.some((f) => f.target === input.target)) throw refuse("mailboxSettings.errors.forwardDuplicate");
      if (mine.length >= MAX_TARGETS_PER_MAILBOX) throw refuse("mailboxSettings.errors.forwardLimit");
      if (mailbox.maxForwards !== null) {
        const others = await firstRow(
          tx
            .select({ n: count() })
            .from(forwards)
            .innerJoin(mailboxes, eq(forwards.mailboxId, mailboxes.id))
            .innerJoin(domains, eq(mailboxes.domainId, domains.id))
            .where(and(eq(domains.subscriptionId, mailbox.subscriptionId), ne(forwards.mailboxId, mailbox.id))),
        );
        if ((others?.n ?? 0) + mine.length + 1 > mailbox.maxForwards) throw refuse("mailboxSettings.errors.forwardLimit");
      }
      await tx
        .insert(forwards)
        .values({ resellerId: mailbox.resellerId, customerId: mailbox.customerId, mailboxId: mailbox.id, target: input.target });
      await writeAudit(tx, actor, { action: "mailbox.forward.add", ...auditTarget(mailbox, ip), details: { target: input.target } });
    },
    { behavior: "immediate" },
  );
  await syncMailboxSieveSafely(db, mailbox.id);
}

/** Removing stays possible even when the package switched forwarding off. */
export async function removeOwnForward(actor: Actor, input: { id: number }, ip: string, db: Db = getDb()) {
  const mailbox = await loadOwnMailbox(actor, db);
  await transaction(
    db,
    async (tx) => {
      const row = await firstRow(
        tx
          .delete(forwards)
          .where(and(eq(forwards.id, input.id), eq(forwards.mailboxId, mailbox.id)))
          .returning({ target: forwards.target }),
      );
      if (!row) throw new NotFoundError();
      await writeAudit(tx, actor, { action: "mailbox.forward.remove", ...auditTarget(mailbox, ip), details: { target: row.target } });
    },
    { behavior: "immediate" },
  );
  await syncMailboxSieveSafely(db, mailbox.id);
}

export async function setOwnKeepCopy(actor: Actor, input: { keepCopy: boolean }, ip: string, db: Db = getDb()) {
  const mailbox = await loadOwnMailbox(actor, db);
  await transaction(
    db,
    async (tx) => {
      await tx.update(mailboxes).set({ keepCopy: input.keepCopy, updatedAt: new Date() }).where(eq(mailboxes.id, mailbox.id));
      await writeAudit(tx, actor, {
        action: "mailbox.forward.keep_copy",
        ...auditTarget(mailbox, ip),
        details: { keepCopy: input.keepCopy },
      });
    },
    { behavior: "immediate" },
  );
  await syncMailboxSieveSafely(db, mailbox.id);
}
