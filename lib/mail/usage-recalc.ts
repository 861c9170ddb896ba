import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, exists, gt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { domains, mailAccountAddresses, mailAccounts, mailboxes, mailUsage } from "@/db/schema";
import { transaction } from "@/db/transaction";
import { childProcessEnv } from "@/lib/config";

/**
 * Bulk recalculation of mail_usage for mailboxes Dovecot has reported nothing for. Dovecot's
 * quota_clone writes a user's figures only when the user's mail changes (a delivery, an expunge): a
 * mailbox whose Maildir came from an import or a restore, or whose row went missing (a new database,
 * db:copy), stays "not measured" until its next mail. Measured with Dovecot 2.3.19: neither a login,
 * `doveadm quota get` nor `doveadm quota recalc` makes it write. So this asks Dovecot per batch of
 * users: `quota recalc` (the count quota re-reads the Maildirs, so the limits hold for imported mail)
 * and `mailbox status -t messages vsize` (the same byte count quota_clone writes, quota_vsizes=yes),
 * and stores that in mail_usage; the last login stays as the Lua passdb wrote it.
 */

export type RecalcOptions = {
  /** Dovecot's folder (its dovecot.conf), as given to scripts/dovecot.ts. */
  dovecotDir: string;
  /** Only this domain's mailboxes and the mail accounts with an address routed there. */
  domain?: string;
  /** Only users without figures yet (no row, or a row with the last login only). */
  missingOnly?: boolean;
  /** Users per doveadm call (bounded: one call holds this many user names). */
  batchSize?: number;
  /** Stop after this many users (a run may be continued later with missingOnly). */
  limit?: number;
  onBatch?: (done: number) => void;
};

export type Figures = { login: string; messages: number; storageBytes: number };

type Batch = { logins: string[]; next: string | null };

const notMeasured = (login: Parameters<typeof eq>[0]) =>
  sql`NOT EXISTS (SELECT 1 FROM ${mailUsage} WHERE ${mailUsage.login} = ${login} AND ${mailUsage.storageBytes} IS NOT NULL)`;

/** One page of mailbox addresses after `after`, in address order (the unique index). */
async function mailboxPage(db: Db, opts: RecalcOptions, after: string, size: number): Promise<Batch> {
  const rows = await db
    .select({ login: mailboxes.address })
    .from(mailboxes)
    .where(
      and(
        gt(mailboxes.address, after),
        opts.domain
          ? exists(
              db
                .select({ one: sql`1` })
                .from(domains)
                .where(and(eq(domains.id, mailboxes.domainId), eq(domains.name, opts.domain))),
            )
          : undefined,
        opts.missingOnly ? notMeasured(mailboxes.address) : undefined,
      ),
    )
    .orderBy(asc(mailboxes.address))
    .limit(size);
  return { logins: rows.map((r) => r.login), next: rows.length === size ? rows[rows.length - 1].login : null };
}

/** One page of mail account logins after `after`; with a domain, those with an address routed there. */
async function accountPage(db: Db, opts: RecalcOptions, after: string, size: number): Promise<Batch> {
  const routedThere = opts.domain
    ? exists(
        db
          .select({ one: sql`1` })
          .from(mailAccountAddresses)
          .innerJoin(domains, eq(domains.id, mailAccountAddresses.domainId))
          .where(and(eq(mailAccountAddresses.mailAccountId, mailAccounts.id), eq(domains.name, opts.domain))),
      )
    : undefined;
  const rows = await db
    .select({ login: mailAccounts.login })
    .from(mailAccounts)
    .where(and(gt(mailAccounts.login, after), routedThere, opts.missingOnly ? notMeasured(mailAccounts.login) : undefined))
    .orderBy(asc(mailAccounts.login))
    .limit(size);
  return { logins: rows.map((r) => r.login), next: rows.length === size ? rows[rows.length - 1].login : null };
}

/** `doveadm -f tab mailbox status -F … -t "messages vsize" "*"`: one line per user that exists. */
export function parseStatusTable(stdout: string): Figures[] {
  const out: Figures[] = [];
  for (const line of stdout.split("\n").slice(1)) {
    const [login = "", messages = "", vsize = ""] = line.trim().split("\t");
    if (login && /^\d+$/.test(messages) && /^\d+$/.test(vsize)) {
      out.push({ login, messages: Number(messages), storageBytes: Number(vsize) });
    }
  }
  return out;
}

function doveadm(dovecotDir: string, args: string[]): string {
  const r = spawnSync("doveadm", ["-c", path.join(path.resolve(dovecotDir), "dovecot.conf"), ...args], {
    env: childProcessEnv(["/usr/sbin", "/usr/bin", "/sbin"]),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
  if (r.status !== 0) throw new Error(`doveadm ${args[0]} ${args[1] ?? ""} failed: ${(r.stderr || String(r.error ?? "")).trim()}`);
  return r.stdout;
}

/** Asks Dovecot for one batch of users and returns what it reports (unknown users are skipped by doveadm). */
export function measureBatch(dovecotDir: string, logins: string[]): Figures[] {
  if (!logins.length) return [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-usage-"));
  try {
    const file = path.join(tmp, "users");
    fs.writeFileSync(file, `${logins.join("\n")}\n`);
    doveadm(dovecotDir, ["quota", "recalc", "-F", file]);
    return parseStatusTable(doveadm(dovecotDir, ["-f", "tab", "mailbox", "status", "-F", file, "-t", "messages vsize", "*"]));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Stores Dovecot's figures, keeping the last login the Lua passdb wrote; one transaction per batch. */
async function store(db: Db, figures: Figures[]) {
  if (!figures.length) return;
  await transaction(db, async (tx) => {
    for (const f of figures) {
      await tx
        .insert(mailUsage)
        .values({ login: f.login, storageBytes: f.storageBytes, messages: f.messages })
        .onConflictDoUpdate({ target: mailUsage.login, set: { storageBytes: f.storageBytes, messages: f.messages } });
    }
  });
}

/** Walks mailboxes, then mail accounts, in batches; returns how many users were asked and measured. */
export async function recalcMailUsage(db: Db, opts: RecalcOptions): Promise<{ asked: number; measured: number }> {
  const size = Math.max(1, Math.min(opts.batchSize ?? 500, 5_000));
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  let asked = 0;
  let measured = 0;
  for (const page of [mailboxPage, accountPage]) {
    // With missingOnly, measured users leave the set, but the cursor moves on anyway: each user once per run.
    let after = "";
    while (asked < limit) {
      const batch = await page(db, opts, after, Math.min(size, limit - asked));
      const figures = measureBatch(opts.dovecotDir, batch.logins);
      await store(db, figures);
      asked += batch.logins.length;
      measured += figures.length;
      opts.onBatch?.(asked);
      if (batch.next === null) break;
      after = batch.next;
    }
  }
  return { asked, measured };
}
