import "server-only";
import { eq, inArray } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailAccounts, mailboxes, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { removeMailboxSieve } from "@/lib/mail/sieve/sync";
import { dropAliasTargets } from "@/lib/services/aliases/save-alias";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { subscriptionOrThrow } from "@/lib/services/orders/scoped-rows";
import { transaction } from "@/db/transaction";
import { endsMailAccounts, readSubscriptionContents, type SubscriptionContents, targetsInto } from "./subscription-contents";

/**
 * Ends a customer's subscription ("Vertrag beenden"): its domains with their mailboxes, aliases and
 * routed addresses, and with the customer's last package without panel its mail accounts, in one
 * transaction. The rows go by the foreign keys' ON DELETE CASCADE from `domains` (mailboxes,
 * mail_aliases, mail_account_addresses, mailbox settings) and from `mail_accounts` (autoresponders,
 * ticket secrets); Postfix and Dovecot read the same tables through their views, so mail for the
 * addresses is refused from the next SMTP dialogue and their logins at the next attempt.
 * Another reseller's subscription is NotFound (404). Returns what was deleted.
 */
export async function endSubscription(actor: Actor, id: number, ip: string | null, db: Db = getDb()): Promise<SubscriptionContents> {
  assertCan(actor, "subscriptions.end");
  const gone: string[] = [];
  const ended = await transaction(
    db,
    async (tx) => {
      const sub = await subscriptionOrThrow(tx, actor, id);
      const contents = await readSubscriptionContents(tx, actor, sub.id);
      const domainIds = contents.domains.map((d) => d.id);
      const targets = await targetsInto(
        tx,
        sub.customerId,
        contents.domains.map((d) => d.name),
      );
      if (domainIds.length) {
        // Only addresses with a Sieve script need the file removed, but which have one is not in the database.
        gone.push(
          ...(await tx.select({ a: mailboxes.address }).from(mailboxes).where(inArray(mailboxes.domainId, domainIds))).map((r) => r.a),
        );
      }
      if (await endsMailAccounts(tx, sub)) {
        const accounts = await tx
          .delete(mailAccounts)
          .where(eq(mailAccounts.customerId, sub.customerId))
          .returning({ login: mailAccounts.login });
        gone.push(...accounts.map((a) => a.login));
      }
      // The domains' AFTER DELETE trigger takes their mailbox_count off this subscription's counter,
      // which goes next; no other subscription's counter is touched.
      if (domainIds.length) await tx.delete(domains).where(inArray(domains.id, domainIds));
      await dropAliasTargets(tx, sub.customerId, targets);
      await tx.delete(subscriptions).where(eq(subscriptions.id, sub.id));
      await writeAudit(tx, actor, {
        action: "subscription.end",
        targetKind: "subscription",
        targetId: sub.id,
        targetLabel: `${sub.customerNumber} ${sub.packageName}`,
        resellerId: sub.resellerId,
        customerId: sub.customerId,
        ip,
        details: {
          packageId: sub.packageId,
          domains: contents.domains.map((d) => d.name).join(", "),
          mailboxes: contents.mailboxes,
          aliases: contents.aliases,
          mailAccounts: contents.mailAccounts,
        },
      });
      return contents;
    },
    { behavior: "immediate" },
  );
  // A leftover script would hand old forwards to a later mailbox of the same address.
  for (const address of gone) removeMailboxSieve(address);
  return ended;
}
