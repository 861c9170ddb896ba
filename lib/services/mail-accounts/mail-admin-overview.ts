import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccountAddresses, mailAccounts } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NO_USAGE, usageOf } from "@/lib/services/mail-usage/mail-usage";
import { mailAccountUsage, noPanelAllowance } from "@/lib/services/orders/usage";
import { displayAddress, displayDomain } from "@/lib/validation/names";
import { noPanelDomains } from "./mail-admin-guard";

/** Everything the E-Mail-Administration page shows: accounts with their addresses, domains, limits. */
export async function getMailAdminOverview(actor: Actor, db: Db = getDb()) {
  const customerId = actor.customerId ?? -1;
  const accounts = await db
    .select({
      id: mailAccounts.id,
      number: mailAccounts.number,
      login: mailAccounts.login,
      quotaMb: mailAccounts.quotaMb,
      mustChange: mailAccounts.mustChangePassword,
    })
    .from(mailAccounts)
    .where(and(eq(mailAccounts.customerId, customerId), tenantScope(actor, mailAccounts)))
    .orderBy(asc(mailAccounts.number));
  const addresses = await db
    .select({ id: mailAccountAddresses.id, accountId: mailAccountAddresses.mailAccountId, address: mailAccountAddresses.address })
    .from(mailAccountAddresses)
    .where(and(eq(mailAccountAddresses.customerId, customerId), tenantScope(actor, mailAccountAddresses)))
    .orderBy(asc(mailAccountAddresses.address));
  // Dovecot's figures for the accounts (its user name is the account's login), one query.
  const figures = await usageOf(
    db,
    accounts.map((a) => a.login),
  );
  return {
    accounts: accounts.map((a) => ({
      ...a,
      ...(figures.get(a.login) ?? NO_USAGE),
      addresses: addresses.filter((x) => x.accountId === a.id).map((x) => ({ id: x.id, address: displayAddress(x.address) })),
    })),
    domains: (await noPanelDomains(db, actor)).map((d) => ({ id: d.id, displayName: displayDomain(d.name) })),
    allowance: await noPanelAllowance(db, customerId),
    usage: await mailAccountUsage(db, customerId),
  };
}
export type MailAdminOverview = Awaited<ReturnType<typeof getMailAdminOverview>>;
