import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailAccounts, mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import type { CatchAllInput } from "@/lib/validation/alias";
import { displayDomain } from "@/lib/validation/names";
import { type AliasDomain, aliasDomainOrThrow } from "./alias-scope";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

type Reader = Pick<Db, "select">;

/** The panel and the API name a mailbox, the E-Mail-Administration a mail account (mailadmin actions). */
export type SetCatchAllInput = CatchAllInput & { mailAccountId?: number | null };

/**
 * Catch-all of a domain: off (both NULL, unknown addresses are refused at RCPT), one mailbox of that
 * same domain, or one mail account of the domain's customer (E-Mail-Administration). Anything else is
 * refused beside the field, with the same message whether it belongs to someone else or does not exist.
 * Postfix reads it at its next lookup (views postfix_catchall and postfix_recipients).
 */
export async function setCatchAll(actor: Actor, input: SetCatchAllInput, ctx: { ip?: string | null }, db: Db = getDb()): Promise<string> {
  const mailAccountId = input.mailAccountId ?? null;
  if (input.mailboxId !== null && mailAccountId !== null)
    throw new ValidationError("errors.checkFields", { mailAccountId: ["aliases.errors.catchAllOneTarget"] });
  return await transaction(
    db,
    async (tx) => {
      const domain = await aliasDomainOrThrow(tx, actor, input.subscriptionId, input.domainId);
      const label =
        input.mailboxId !== null
          ? await mailboxLabel(tx, domain, input.mailboxId)
          : mailAccountId !== null
            ? await accountLabel(tx, domain, mailAccountId)
            : null;
      await tx
        .update(domains)
        .set({ catchAllMailboxId: input.mailboxId, catchAllMailAccountId: mailAccountId })
        .where(eq(domains.id, domain.id));
      await writeAudit(tx, actor, {
        action: "domain.catch_all",
        targetKind: "domain",
        targetId: domain.id,
        targetLabel: domain.name,
        resellerId: domain.resellerId,
        customerId: domain.customerId,
        ip: ctx.ip,
        details: { mailbox: input.mailboxId !== null ? label : null, ...(mailAccountId !== null ? { mailAccount: label } : {}) },
      });
      return displayDomain(domain.name);
    },
    { behavior: "immediate" },
  );
}

async function mailboxLabel(tx: Reader, domain: AliasDomain, mailboxId: number): Promise<string> {
  const box = await firstRow(
    tx
      .select({ address: mailboxes.address })
      .from(mailboxes)
      .where(and(eq(mailboxes.id, mailboxId), eq(mailboxes.domainId, domain.id), eq(mailboxes.customerId, domain.customerId))),
  );
  if (!box) throw new ValidationError("errors.checkFields", { mailboxId: ["aliases.errors.catchAllOtherDomain"] });
  return box.address;
}

async function accountLabel(tx: Reader, domain: AliasDomain, accountId: number): Promise<string> {
  const account = await firstRow(
    tx
      .select({ login: mailAccounts.login })
      .from(mailAccounts)
      .where(
        and(eq(mailAccounts.id, accountId), eq(mailAccounts.customerId, domain.customerId), eq(mailAccounts.resellerId, domain.resellerId)),
      ),
  );
  if (!account) throw new ValidationError("errors.checkFields", { mailAccountId: ["aliases.errors.catchAllUnknownAccount"] });
  return account.login;
}
