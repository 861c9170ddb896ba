import "server-only";
import { eq, inArray } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailAccounts, mailboxes, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { removeMailboxSieve } from "@/lib/mail/sieve/sync";
import { forgetMailUsers, type GoneMailUser, removeMailHomesSafely } from "@/lib/mail/mail-home-removals";
import { dropTargetsOf, syncForwardingAfterCommit } from "@/lib/services/mail-targets/drop-targets";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { subscriptionOrThrow } from "@/lib/services/orders/scoped-rows";
import { transaction } from "@/db/transaction";
import { endsMailAccounts, readSubscriptionContents, type SubscriptionContents } from "./subscription-contents";

/**
 * Ends a customer's subscription ("Vertrag beenden"): its domains with their mailboxes, aliases and
 * routed addresses, and with the customer's last package without panel its mail accounts, in one
 * transaction. The rows go by the foreign keys' ON DELETE CASCADE from `domains` (mailboxes,
 * mail_aliases, mail_account_addresses, mailbox settings) and from `mail_accounts` (autoresponders,
 * ticket secrets); Postfix and Dovecot read the same tables through their views, so mail for the
 * addresses is refused from the next SMTP dialogue and their logins at the next attempt. Their Sieve
 * scripts and Maildirs are removed after the commit (lib/mail/mail-homes.ts).
 * Another reseller's subscription is NotFound (404). Returns what was deleted.
 */
export async function endSubscription(actor: Actor, id: number, ip: string | null, db: Db = getDb()): Promise<SubscriptionContents> {
  assertCan(actor, "subscriptions.end");
  const gone: GoneMailUser[] = [];
  const { contents: ended, changed } = await transaction(
    db,
    async (tx) => {
      const sub = await subscriptionOrThrow(tx, actor, id);
      const contents = await readSubscriptionContents(tx, actor, sub.id);
      const domainIds = contents.domains.map((d) => d.id);
      if (domainIds.length) {
        // Their Sieve scripts, Maildirs and usage rows go too (which have files is not in the database).
        const rows = await tx
          .select({ login: mailboxes.address, home: mailboxes.home })
          .from(mailboxes)
          .where(inArray(mailboxes.domainId, domainIds));
        for (const row of rows) gone.push(row); // not push(...rows): a 200,000-mailbox domain exceeds the argument limit
      }
      if (await endsMailAccounts(tx, sub)) {
        const accounts = await tx
          .delete(mailAccounts)
          .where(eq(mailAccounts.customerId, sub.customerId))
          .returning({ login: mailAccounts.login, home: mailAccounts.home });
        for (const account of accounts) gone.push(account);
      }
      await forgetMailUsers(tx, gone);
      // The domains' AFTER DELETE trigger takes their mailbox_count off this subscription's counter,
      // which goes next; no other subscription's counter is touched.
      if (domainIds.length) await tx.delete(domains).where(inArray(domains.id, domainIds));
      // The customer's aliases and forwards elsewhere that named the domains' addresses (dropTargetsOf).
      const changed = await dropTargetsOf(tx, actor, sub.customerId, { domains: contents.domains.map((d) => d.name) }, ip);
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
      return { contents, changed };
    },
    { behavior: "immediate" },
  );
  // A leftover script would hand old forwards to a later mailbox of the same address.
  for (const u of gone) removeMailboxSieve(u.login);
  await syncForwardingAfterCommit(db, changed);
  await removeMailHomesSafely(
    db,
    gone.map((u) => u.home),
  );
  return ended;
}
