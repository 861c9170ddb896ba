import "server-only";
import { greatest } from "@/db/dialect";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { isProtectedAddress } from "@/lib/mail/protected-addresses";
import { dropTargetsOf, syncForwardingAfterCommit } from "@/lib/services/mail-targets/drop-targets";
import { writeAudit } from "@/lib/services/audit/write-audit";
import type { DeleteMailboxesInput } from "@/lib/validation/mailbox";
import { removeMailboxSieve } from "@/lib/mail/sieve/sync";
import { forgetMailUsers, removeMailHomesSafely } from "@/lib/mail/mail-home-removals";
import { transaction } from "@/db/transaction";

/**
 * "Auswahl entfernen" after the confirmation: all selected mailboxes of the subscription or none.
 * If a single id is foreign or missing, the whole request is NotFound and nothing is deleted.
 * Forwards, spam settings and sender rules go with the row (ON DELETE CASCADE); the Sieve script and the
 * Maildir go after the commit (lib/mail/mail-homes.ts).
 */
export async function deleteMailboxes(actor: Actor, input: DeleteMailboxesInput, ctx: { ip?: string | null }, db: Db = getDb()) {
  const protectedHit: string[] = [];
  const changed: number[] = [];
  const deleted = await transaction(
    db,
    async (tx) => {
      const rows = await tx
        .select({
          id: mailboxes.id,
          address: mailboxes.address,
          home: mailboxes.home,
          domainId: mailboxes.domainId,
          resellerId: mailboxes.resellerId,
          customerId: mailboxes.customerId,
        })
        .from(mailboxes)
        .innerJoin(domains, eq(mailboxes.domainId, domains.id))
        .where(
          and(
            inArray(mailboxes.id, input.mailboxIds),
            eq(domains.subscriptionId, input.subscriptionId),
            tenantScope(actor, mailboxes),
            tenantScope(actor, domains),
          ),
        );
      if (rows.length !== input.mailboxIds.length) throw new NotFoundError();
      // postmaster@/abuse@ stay: the whole selection is refused, and the attempt is kept in the audit log.
      const hit = rows.filter((r) => isProtectedAddress(r.address));
      if (hit.length) {
        for (const r of hit) {
          await writeAudit(tx, actor, {
            action: "mailbox.delete_refused",
            targetKind: "mailbox",
            targetId: r.id,
            targetLabel: r.address,
            resellerId: r.resellerId,
            customerId: r.customerId,
            ip: ctx.ip,
            details: { reason: "protected" },
          });
        }
        protectedHit.push(...hit.map((r) => r.address));
        return [];
      }
      await tx.delete(mailboxes).where(
        inArray(
          mailboxes.id,
          rows.map((r) => r.id),
        ),
      );
      await forgetMailUsers(
        tx,
        rows.map((r) => ({ login: r.address, home: r.home })),
      );
      for (const customerId of new Set(rows.map((r) => r.customerId))) {
        const addresses = rows.filter((r) => r.customerId === customerId).map((r) => r.address);
        changed.push(...(await dropTargetsOf(tx, actor, customerId, { addresses }, ctx.ip)));
      }
      const perDomain = new Map<number, number>();
      for (const r of rows) perDomain.set(r.domainId, (perDomain.get(r.domainId) ?? 0) + 1);
      for (const [domainId, n] of perDomain) {
        await tx
          .update(domains)
          .set({ mailboxCount: greatest(sql`${domains.mailboxCount} - ${n}`, 0) })
          .where(eq(domains.id, domainId));
      }
      for (const r of rows) {
        await writeAudit(tx, actor, {
          action: "mailbox.delete",
          targetKind: "mailbox",
          targetId: r.id,
          targetLabel: r.address,
          resellerId: r.resellerId,
          customerId: r.customerId,
          ip: ctx.ip,
          details: { subscriptionId: input.subscriptionId },
        });
      }
      return rows;
    },
    { behavior: "immediate" },
  );
  if (protectedHit.length) throw new ValidationError("panel.errors.protectedAddress");
  // A leftover script would hand a deleted mailbox's forwards to a new mailbox of the same address.
  for (const r of deleted) removeMailboxSieve(r.address);
  await syncForwardingAfterCommit(db, changed);
  await removeMailHomesSafely(
    db,
    deleted.map((r) => r.home),
  );
  return deleted.map((r) => r.address);
}
