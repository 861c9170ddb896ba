import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { senderRules } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { syncMailboxSieveSafely } from "@/lib/mail/sieve/sync";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { type AddSenderRuleInput, canonicalSenderPattern } from "@/lib/validation/mailbox-settings";
import { auditTarget, loadOwnMailbox } from "./own-mailbox";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/** Keeps the generated Sieve script small; a few hundred entries are far beyond normal use. */
export const MAX_SENDER_RULES = 200;

export async function listOwnSenderRules(actor: Actor, db: Db = getDb()) {
  const mailbox = await loadOwnMailbox(actor, db);
  return await db
    .select({ id: senderRules.id, kind: senderRules.kind, pattern: senderRules.pattern })
    .from(senderRules)
    .where(eq(senderRules.mailboxId, mailbox.id))
    .orderBy(asc(senderRules.pattern));
}

/** One entry on the black or white list; an entry sits on at most one of them. */
export async function addOwnSenderRule(actor: Actor, raw: AddSenderRuleInput, ip: string, db: Db = getDb()) {
  const mailbox = await loadOwnMailbox(actor, db);
  // Stored and compared only in the canonical form (punycode domain, lower case), whoever calls:
  // "@😀.example" and "xn--e28h.example" are one entry, as the Sieve script and Dovecot see it.
  const input = { ...raw, pattern: canonicalSenderPattern(raw.pattern) };
  if (!input.pattern) throw new ValidationError("errors.checkFields", { pattern: ["mailboxSettings.errors.patternInvalid"] });
  await transaction(
    db,
    async (tx) => {
      const rows = await tx
        .select({ kind: senderRules.kind, pattern: senderRules.pattern })
        .from(senderRules)
        .where(eq(senderRules.mailboxId, mailbox.id));
      const existing = rows.find((r) => r.pattern === input.pattern);
      if (existing) {
        const key = existing.kind === input.kind ? "mailboxSettings.errors.patternDuplicate" : "mailboxSettings.errors.patternOtherList";
        throw new ValidationError("errors.checkFields", { pattern: [key] });
      }
      if (rows.length >= MAX_SENDER_RULES)
        throw new ValidationError("errors.checkFields", { pattern: ["mailboxSettings.errors.patternLimit"] });
      await tx.insert(senderRules).values({
        resellerId: mailbox.resellerId,
        customerId: mailbox.customerId,
        mailboxId: mailbox.id,
        kind: input.kind,
        pattern: input.pattern,
      });
      await writeAudit(tx, actor, {
        action: "mailbox.sender_rule.add",
        ...auditTarget(mailbox, ip),
        details: { kind: input.kind, pattern: input.pattern },
      });
    },
    { behavior: "immediate" },
  );
  await syncMailboxSieveSafely(db, mailbox.id);
}

export async function removeOwnSenderRule(actor: Actor, input: { id: number }, ip: string, db: Db = getDb()) {
  const mailbox = await loadOwnMailbox(actor, db);
  await transaction(
    db,
    async (tx) => {
      const row = await firstRow(
        tx
          .delete(senderRules)
          .where(and(eq(senderRules.id, input.id), eq(senderRules.mailboxId, mailbox.id)))
          .returning({ kind: senderRules.kind, pattern: senderRules.pattern }),
      );
      if (!row) throw new NotFoundError();
      await writeAudit(tx, actor, {
        action: "mailbox.sender_rule.remove",
        ...auditTarget(mailbox, ip),
        details: { kind: row.kind, pattern: row.pattern },
      });
    },
    { behavior: "immediate" },
  );
  await syncMailboxSieveSafely(db, mailbox.id);
}
