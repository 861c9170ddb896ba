import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { domains, mailAccountAddresses, mailAccountAutoresponders, mailAccounts } from "@/db/schema";
import type { Autoresponder } from "@/lib/services/autoresponder/autoresponder";
import { MAIL_ACCOUNT_AUTORESPONDER_COLUMNS } from "@/lib/services/autoresponder/mail-account-autoresponder";

/** A mail account of the E-Mail-Administration as exported: its login, values and the addresses routed to it. */
export type ExportMailAccount = {
  login: string;
  quotaMb: number | null;
  enabled: boolean;
  passwordHash?: string;
  addresses: string[];
  autoresponder: Autoresponder | null;
};

/**
 * The mail accounts of a subscription without panel: all of its customer's (accounts are per
 * customer, `.001` too), each with the addresses routed to it on this subscription's domains.
 */
export async function exportMailAccounts(
  db: Db,
  sub: { id: number; customerId: number },
  withHashes: boolean,
): Promise<ExportMailAccount[]> {
  const accounts = await db
    .select({
      id: mailAccounts.id,
      login: mailAccounts.login,
      quotaMb: mailAccounts.quotaMb,
      enabled: mailAccounts.enabled,
      hash: mailAccounts.passwordHash,
    })
    .from(mailAccounts)
    .where(eq(mailAccounts.customerId, sub.customerId))
    .orderBy(asc(mailAccounts.number));
  const routed = await db
    .select({ accountId: mailAccountAddresses.mailAccountId, address: mailAccountAddresses.address })
    .from(mailAccountAddresses)
    .innerJoin(domains, eq(mailAccountAddresses.domainId, domains.id))
    .where(eq(domains.subscriptionId, sub.id))
    .orderBy(asc(mailAccountAddresses.address));
  const replies = new Map(
    (
      await db
        .select({ id: mailAccountAutoresponders.mailAccountId, ...MAIL_ACCOUNT_AUTORESPONDER_COLUMNS })
        .from(mailAccountAutoresponders)
        .where(eq(mailAccountAutoresponders.customerId, sub.customerId))
    ).map(({ id, ...reply }) => [id, reply]),
  );
  return accounts.map(({ id, hash, ...a }) => ({
    ...a,
    ...(withHashes ? { passwordHash: hash } : {}),
    addresses: routed.filter((r) => r.accountId === id).map((r) => r.address),
    autoresponder: replies.get(id) ?? null,
  }));
}
