import { and, asc, eq, inArray } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "@/db/schema";
import { DEFAULT_SIEVE_SETTINGS, type SieveSettings } from "./generate";

const {
  autoresponders,
  domains,
  forwards,
  mailAccountAddresses,
  mailAccountAutoresponders,
  mailAccounts,
  mailboxes,
  packages,
  senderRules,
  spamSettings,
  subscriptions,
} = schema;
type AnyDb = BetterSQLite3Database<typeof schema>;

/** `address` is Dovecot's user name, which names the script file: a mailbox's address or a mail account's login. */
export type MailboxSieve = { id: number; address: string; settings: SieveSettings };

/**
 * Effective delivery settings of mailboxes (all, or the given ids): the package switches win over
 * the rows, so a package without forwarding or spam filter never forwards or filters.
 */
export async function loadSieveSettings(db: AnyDb, ids?: number[]): Promise<MailboxSieve[]> {
  const where = ids ? inArray(mailboxes.id, ids) : undefined;
  const rows = await db
    .select({
      id: mailboxes.id,
      address: mailboxes.address,
      keepCopy: mailboxes.keepCopy,
      forwardingEnabled: packages.forwardingEnabled,
      spamFilterEnabled: packages.spamFilterEnabled,
      spamEnabled: spamSettings.enabled,
      level: spamSettings.level,
      action: spamSettings.action,
    })
    .from(mailboxes)
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .innerJoin(subscriptions, eq(domains.subscriptionId, subscriptions.id))
    .innerJoin(packages, eq(subscriptions.packageId, packages.id))
    .leftJoin(spamSettings, eq(spamSettings.mailboxId, mailboxes.id))
    .where(where);
  const byId = new Map<number, MailboxSieve>();
  const def = DEFAULT_SIEVE_SETTINGS.spam;
  for (const r of rows) {
    const spam = {
      enabled: r.spamFilterEnabled && (r.spamEnabled ?? def.enabled),
      level: r.level ?? def.level,
      action: r.action ?? def.action,
    };
    byId.set(r.id, {
      id: r.id,
      address: r.address,
      settings: { forwards: [], keepCopy: r.keepCopy, blocked: [], allowed: [], spam, vacation: null },
    });
  }
  const fw = await db
    .select({ mailboxId: forwards.mailboxId, target: forwards.target })
    .from(forwards)
    .where(ids ? inArray(forwards.mailboxId, ids) : undefined)
    .orderBy(asc(forwards.id));
  const forwarding = new Set(rows.filter((r) => r.forwardingEnabled).map((r) => r.id));
  for (const f of fw) if (forwarding.has(f.mailboxId)) byId.get(f.mailboxId)?.settings.forwards.push(f.target);
  const rules = await db
    .select({ mailboxId: senderRules.mailboxId, kind: senderRules.kind, pattern: senderRules.pattern })
    .from(senderRules)
    .where(ids ? inArray(senderRules.mailboxId, ids) : undefined)
    .orderBy(asc(senderRules.id));
  for (const r of rules) {
    const s = byId.get(r.mailboxId)?.settings;
    if (s) (r.kind === "block" ? s.blocked : s.allowed).push(r.pattern);
  }
  const replies = await db
    .select()
    .from(autoresponders)
    .where(ids ? and(eq(autoresponders.enabled, true), inArray(autoresponders.mailboxId, ids)) : eq(autoresponders.enabled, true));
  for (const a of replies) {
    const s = byId.get(a.mailboxId)?.settings;
    if (s) s.vacation = { subject: a.subject, body: a.body, startsOn: a.startsOn, endsOn: a.endsOn, days: a.intervalDays };
  }
  for (const m of byId.values()) if (!m.settings.forwards.length) m.settings.keepCopy = true;
  return [...byId.values()];
}

/**
 * Mail accounts of the E-Mail-Administration (all, or the given ids) that have a switched-on
 * autoresponder: the default spam filter plus the reply. Dovecot knows an account by its login, so the
 * reply also names the account's routed addresses as its own. Accounts without one use the default.
 */
export async function loadAccountSieveSettings(db: AnyDb, ids?: number[]): Promise<MailboxSieve[]> {
  const on = eq(mailAccountAutoresponders.enabled, true);
  const rows = await db
    .select({ id: mailAccounts.id, login: mailAccounts.login, reply: mailAccountAutoresponders })
    .from(mailAccounts)
    .innerJoin(mailAccountAutoresponders, eq(mailAccountAutoresponders.mailAccountId, mailAccounts.id))
    .where(ids ? and(on, inArray(mailAccounts.id, ids)) : on);
  if (!rows.length) return [];
  const routed = await db
    .select({ accountId: mailAccountAddresses.mailAccountId, address: mailAccountAddresses.address })
    .from(mailAccountAddresses)
    .where(
      inArray(
        mailAccountAddresses.mailAccountId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(mailAccountAddresses.address));
  return rows.map(({ id, login, reply: a }) => ({
    id,
    address: login,
    settings: {
      ...DEFAULT_SIEVE_SETTINGS,
      vacation: {
        subject: a.subject,
        body: a.body,
        startsOn: a.startsOn,
        endsOn: a.endsOn,
        days: a.intervalDays,
        addresses: routed.filter((r) => r.accountId === id).map((r) => r.address),
      },
    },
  }));
}

/** Whether the shared default script already does exactly what this mailbox needs. */
export function isDefault(s: SieveSettings): boolean {
  const d = DEFAULT_SIEVE_SETTINGS;
  return (
    !s.forwards.length &&
    !s.blocked.length &&
    !s.allowed.length &&
    !s.vacation &&
    s.spam.enabled === d.spam.enabled &&
    s.spam.level === d.spam.level &&
    s.spam.action === d.spam.action
  );
}
