import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { canonicalAddress } from "@/lib/validation/names";
import { checkCurrentPassword } from "./reauth";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

export async function getOwnRecoveryEmail(actor: Actor, db: Db = getDb()): Promise<string | null> {
  const row = await firstRow(
    db
      .select({ recovery: mailboxes.recoveryEmail })
      .from(mailboxes)
      .where(and(eq(mailboxes.id, actor.mailboxId ?? -1), tenantScope(actor, mailboxes))),
  );
  if (!row) throw new NotFoundError();
  return row.recovery;
}

/**
 * A mailbox user stores (or clears, with "") the address "Passwort vergessen?" sends links to.
 * Changing a recovery contact needs the current password, not just the session cookie.
 */
export async function setOwnRecoveryEmail(actor: Actor, input: { address: string; currentPassword: string }, ip: string, db: Db = getDb()) {
  if (!can(actor, "mailbox.self") || !actor.mailboxId) throw new NotFoundError();
  const address = input.address ? canonicalAddress(input.address) : null;
  if (address !== null && address === actor.label)
    throw new ValidationError("errors.checkFields", { address: ["mailboxRecovery.sameAsMailbox"] });
  const check = await checkCurrentPassword(actor, input.currentPassword, ip, db);
  if (!check.ok) {
    const message = check.reason === "throttled" ? "account.reauthThrottled" : "account.reauthWrong";
    throw new ValidationError("errors.checkFields", { currentPassword: [message] });
  }
  await transaction(
    db,
    async (tx) => {
      const result = await tx
        .update(mailboxes)
        .set({ recoveryEmail: address, updatedAt: new Date() })
        .where(and(eq(mailboxes.id, actor.mailboxId ?? -1), tenantScope(actor, mailboxes)))
        .returning({ id: mailboxes.id });
      if (result.length !== 1) throw new NotFoundError();
      await writeAudit(tx, actor, {
        action: "mailbox.recovery_email",
        targetKind: "mailbox",
        targetId: actor.mailboxId ?? undefined,
        targetLabel: actor.label,
        resellerId: actor.resellerId,
        customerId: actor.customerId,
        ip,
        details: { set: address !== null },
      });
    },
    { behavior: "immediate" },
  );
}
