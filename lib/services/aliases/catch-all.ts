import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import type { CatchAllInput } from "@/lib/validation/alias";
import { displayDomain } from "@/lib/validation/names";
import { aliasDomainOrThrow } from "./alias-scope";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/**
 * Catch-all of a domain: off (NULL, unknown addresses are refused at RCPT) or one mailbox of that same
 * domain. A mailbox of another domain is refused beside the field. Postfix reads it at its next lookup.
 */
export async function setCatchAll(actor: Actor, input: CatchAllInput, ctx: { ip?: string | null }, db: Db = getDb()): Promise<string> {
  return await transaction(
    db,
    async (tx) => {
      const domain = await aliasDomainOrThrow(tx, actor, input.subscriptionId, input.domainId);
      let label = "";
      if (input.mailboxId !== null) {
        const box = await firstRow(
          tx
            .select({ address: mailboxes.address })
            .from(mailboxes)
            .where(and(eq(mailboxes.id, input.mailboxId), eq(mailboxes.domainId, domain.id), eq(mailboxes.customerId, domain.customerId))),
        );
        if (!box) throw new ValidationError("errors.checkFields", { mailboxId: ["aliases.errors.catchAllOtherDomain"] });
        label = box.address;
      }
      await tx.update(domains).set({ catchAllMailboxId: input.mailboxId }).where(eq(domains.id, domain.id));
      await writeAudit(tx, actor, {
        action: "domain.catch_all",
        targetKind: "domain",
        targetId: domain.id,
        targetLabel: domain.name,
        resellerId: domain.resellerId,
        customerId: domain.customerId,
        ip: ctx.ip,
        details: { mailbox: label || null },
      });
      return displayDomain(domain.name);
    },
    { behavior: "immediate" },
  );
}
