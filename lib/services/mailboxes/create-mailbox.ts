import "server-only";
import { eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailboxes, spamSettings } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { validateNewPassword } from "@/lib/password/validate-new-password";
import { addressOwner } from "@/lib/services/aliases/alias-scope";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";
import { countSubscriptionMailboxes, getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";
import type { CreateMailboxInput } from "@/lib/validation/mailbox";
import { resolveQuota, throwIfFieldErrors } from "./mailbox-limits";
import { transaction } from "@/db/transaction";
import { firstRow, onlyRow } from "@/db/rows";

const LIMIT_REACHED = "panel.errors.mailboxLimit";

/**
 * "Neue E-Mail-Adresse hinzufügen": a mailbox in one of the subscription's domains, within the
 * package's mailbox limit and quota. The initial password passes the same policy as every other
 * password (validateNewPassword); there is no previous hash to replace, so it is hashed here and
 * stored with the row rather than through setPassword. Limit and uniqueness are checked again inside
 * the write transaction so two parallel requests cannot both take the last slot.
 */
export async function createMailbox(actor: Actor, input: CreateMailboxInput, ctx: { ip?: string | null }, db: Db = getDb()) {
  const sub = await getSubscriptionForCustomer(actor, input.subscriptionId, db);
  const domain = sub.domains.find((d) => d.id === input.domainId);
  if (!domain) throw new NotFoundError();
  const max = sub.limits.maxMailboxes;
  if (max !== null && sub.mailboxTotal >= max) throw new ValidationError(LIMIT_REACHED);
  const address = `${input.localPart}@${domain.name}`;
  const quota = resolveQuota(input.quotaMb, sub.limits.mailboxQuotaMb);
  const pwErrors = validateNewPassword(input.newPassword, { names: [address] }, await getPasswordPolicyOptions(db));
  throwIfFieldErrors({
    quotaMb: "error" in quota ? [quota.error] : [],
    newPassword: pwErrors,
    localPart: (await isAddressTaken(db, address)) ? ["panel.errors.addressTaken"] : [],
  });
  if ("error" in quota) return; // unreachable: throwIfFieldErrors threw; narrows the type
  const hash = await hashPassword(input.newPassword);
  return await transaction(
    db,
    async (tx) => {
      if (max !== null && (await countSubscriptionMailboxes(tx, sub.id)) >= max) throw new ValidationError(LIMIT_REACHED);
      if (await isAddressTaken(tx, address)) throw new ValidationError("errors.checkFields", { localPart: ["panel.errors.addressTaken"] });
      const owner = await firstRow(
        tx.select({ resellerId: domains.resellerId, customerId: domains.customerId }).from(domains).where(eq(domains.id, domain.id)),
      );
      if (!owner) throw new NotFoundError();
      const now = new Date();
      const row = await onlyRow(
        tx
          .insert(mailboxes)
          .values({
            ...owner,
            domainId: domain.id,
            localPart: input.localPart,
            address,
            passwordHash: hash,
            quotaMb: quota.quotaMb,
            passwordChangedAt: now,
          })
          .returning({ id: mailboxes.id }),
      );
      await tx.insert(spamSettings).values({ mailboxId: row.id, ...owner });
      await tx
        .update(domains)
        .set({ mailboxCount: sql`${domains.mailboxCount} + 1` })
        .where(eq(domains.id, domain.id));
      await writeAudit(tx, actor, {
        action: "mailbox.create",
        targetKind: "mailbox",
        targetId: row.id,
        targetLabel: address,
        ...owner,
        ip: ctx.ip,
        details: { subscriptionId: sub.id, quotaMb: quota.quotaMb },
      });
      return { id: row.id, address };
    },
    { behavior: "immediate" },
  );
}

/** An address may exist once, as a panel mailbox, an address of a mail account or an alias. */
async function isAddressTaken(db: Pick<Db, "select">, address: string): Promise<boolean> {
  return (await addressOwner(db, address)) !== null;
}
