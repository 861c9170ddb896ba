import "server-only";
import { inJsonArray } from "@/db/dialect";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { preparedQuery } from "@/db/prepared";
import { mailUsage } from "@/db/schema";

/**
 * Storage in use and last login per Dovecot user, as Dovecot itself keeps them in mail_usage (the
 * quota_clone plugin; the last login from the Lua passdb, to the minute: lib/mail/dovecot-lua-passdb.ts).
 * Lists read one page's rows with one query; no
 * page ever asks Dovecot (doveadm) per row. A mailbox whose mail has not changed since its row went
 * missing (imported or restored Maildirs) has no figure: the lists say "not measured yet" until its next
 * mail or `npm run mail:usage -- --recalc` (lib/mail/usage-recalc.ts).
 */
export type MailUsage = { usedBytes: number | null; lastLogin: Date | null };

export const NO_USAGE: MailUsage = { usedBytes: null, lastLogin: null };

/** From this share of the quota on, lists and the self-service warn. */
export const QUOTA_WARNING_SHARE = 0.9;

// The page's logins go in as one JSON array: a prepared IN list cannot vary in length.
const usageAmong = preparedQuery((db) =>
  db
    .select({ login: mailUsage.login, storageBytes: mailUsage.storageBytes, lastLogin: mailUsage.lastLogin })
    .from(mailUsage)
    .where(inJsonArray(mailUsage.login, sql.placeholder("logins"), "text")),
);

/** Usage of the given logins (mailbox addresses or mail account logins), by login. */
export async function usageOf(db: Db, logins: string[]): Promise<Map<string, MailUsage>> {
  const out = new Map<string, MailUsage>();
  if (!logins.length) return out;
  for (const r of await usageAmong(db).execute({ logins: JSON.stringify(logins) })) out.set(r.login, toMailUsage(r));
  return out;
}

/** A mail_usage row's figures (lastLogin in Unix seconds), or a left join's nulls: "not measured yet". */
export function toMailUsage(r: { storageBytes: number | null; lastLogin: number | null }): MailUsage {
  return { usedBytes: r.storageBytes, lastLogin: r.lastLogin ? new Date(r.lastLogin * 1000) : null };
}

/** Whether the mailbox is at or above the warning share of its quota (never for unlimited ones). */
export function nearQuota(usedBytes: number | null, quotaMb: number | null): boolean {
  return usedBytes !== null && quotaMb !== null && usedBytes >= quotaMb * 1024 * 1024 * QUOTA_WARNING_SHARE;
}

/** "12,3 MB" in the reader's language; megabytes with one decimal below 10 MB, whole ones above. */
export function formatMegabytes(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: mb < 10 ? 1 : 0 }).format(mb);
}
