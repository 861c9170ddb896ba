import { rawRows } from "@/db/raw";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type * as schema from "@/db/schema";
import { DEFAULT_SIEVE_SETTINGS, generateSieveScript } from "./generate";
import { isDefault, loadAccountSieveSettings, loadSieveSettings, type MailboxSieve } from "./load-settings";
import { DEFAULT_SCRIPT, scriptFile, sieveDir } from "./paths";

type AnyDb = BetterSQLite3Database<typeof schema>;

/**
 * Design: Dovecot runs `sieve = file:<dir>/%Lu.sieve` for a mailbox that has a script of its own and
 * `sieve_default = <dir>/default.sieve` (spam filter on, level 3, Junk) for every other one. Kontor
 * rewrites a mailbox's file right after each settings change commits, and re-syncs the whole folder
 * whenever Dovecot starts, so a change made while Dovecot was down (or by another code path) is
 * picked up at the latest on the next start. Files are replaced atomically (write + rename), so a
 * delivery never reads half a script; the compiled `.svbin` beside it is removed so Pigeonhole
 * recompiles even when the new file has the same mtime second.
 */

function writeAtomically(file: string, content: string): boolean {
  try {
    if (fs.readFileSync(file, "utf8") === content) return false;
  } catch {
    /* missing: write it */
  }
  const tmp = path.join(path.dirname(file), `.${crypto.randomBytes(6).toString("hex")}.tmp`);
  fs.writeFileSync(tmp, content, { mode: 0o644 });
  fs.renameSync(tmp, file);
  fs.rmSync(file.replace(/\.sieve$/, ".svbin"), { force: true });
  return true;
}

function removeScript(file: string) {
  fs.rmSync(file, { force: true });
  fs.rmSync(file.replace(/\.sieve$/, ".svbin"), { force: true });
}

function applyOne(dir: string, m: MailboxSieve) {
  const file = scriptFile(dir, m.address);
  if (!file) return;
  if (isDefault(m.settings)) removeScript(file);
  else writeAtomically(file, generateSieveScript(m.settings));
}

export function ensureSieveDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, DEFAULT_SCRIPT), generateSieveScript(DEFAULT_SIEVE_SETTINGS));
}

/** Rewrites (or removes) the script of one mailbox; call after the settings transaction committed. */
export async function syncMailboxSieve(db: AnyDb, mailboxId: number, dir = sieveDir()) {
  ensureSieveDir(dir);
  const m = (await loadSieveSettings(db, [mailboxId])).at(0);
  if (m) applyOne(dir, m);
}

/** After a commit the change is already saved; a file-system problem must not turn it into an error page. */
export async function syncMailboxSieveSafely(db: AnyDb, mailboxId: number, dir = sieveDir()) {
  try {
    await syncMailboxSieve(db, mailboxId, dir);
  } catch (e) {
    console.error("sieve sync failed; Dovecot picks the change up at its next start", e instanceof Error ? e.message : e);
  }
}

/**
 * Rewrites (or removes) the script of one mail account (named after its login), after the commit; a
 * file-system problem is logged like above. Without a switched-on autoresponder it uses the default.
 */
export async function syncMailAccountSieveSafely(db: AnyDb, account: { id: number; login: string }, dir = sieveDir()) {
  try {
    ensureSieveDir(dir);
    const m = (await loadAccountSieveSettings(db, [account.id])).at(0);
    if (m) applyOne(dir, m);
    else removeMailboxSieve(account.login, dir);
  } catch (e) {
    console.error("sieve sync failed; Dovecot picks the change up at its next start", e instanceof Error ? e.message : e);
  }
}

/**
 * For whoever deletes (or re-creates) a mailbox or mail account (by its login): drops its script right away, so a later mailbox with
 * the same address can never inherit an old forward. (The next Dovecot start would remove it too.)
 */
export function removeMailboxSieve(address: string, dir = sieveDir()) {
  const file = scriptFile(dir, address);
  if (file) removeScript(file);
}

/**
 * Full re-sync: only mailboxes whose effective settings differ from the default, and mail accounts with
 * a switched-on autoresponder, get a file, so a million default mailboxes cost one query, not a million
 * files. Stale files are removed.
 */
export async function syncAllSieve(db: AnyDb, dir = sieveDir()): Promise<{ written: number }> {
  ensureSieveDir(dir);
  const ids = (
    await rawRows<{ id: number }>(
      db,
      sql`
    SELECT m.id AS id FROM mailboxes m
    JOIN domains d ON d.id = m.domain_id JOIN subscriptions s ON s.id = d.subscription_id JOIN packages p ON p.id = s.package_id
    LEFT JOIN spam_settings ss ON ss.mailbox_id = m.id
    WHERE NOT p.spam_filter_enabled OR NOT ss.enabled OR ss.level <> 3 OR ss.action <> 'junk'
      OR EXISTS (SELECT 1 FROM forwards f WHERE f.mailbox_id = m.id)
      OR EXISTS (SELECT 1 FROM sender_rules r WHERE r.mailbox_id = m.id)
      OR EXISTS (SELECT 1 FROM autoresponders a WHERE a.mailbox_id = m.id AND a.enabled)`,
    )
  ).map((r) => r.id);
  const keep = new Set<string>([DEFAULT_SCRIPT]);
  for (let i = 0; i < ids.length; i += 500) {
    for (const m of await loadSieveSettings(db, ids.slice(i, i + 500))) {
      applyOne(dir, m);
      if (!isDefault(m.settings)) keep.add(`${m.address}.sieve`);
    }
  }
  for (const m of await loadAccountSieveSettings(db)) {
    applyOne(dir, m);
    keep.add(`${m.address}.sieve`);
  }
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith(".sieve") && !keep.has(name)) removeScript(path.join(dir, name));
  }
  return { written: keep.size - 1 };
}
