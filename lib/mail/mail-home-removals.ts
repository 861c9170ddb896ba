import fs from "node:fs";
import { asc, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { mailHomeRemovals, mailUsage } from "@/db/schema";
import { emptyTrash, mailRoot, moveHomeToTrash } from "./mail-homes";

/** A Dovecot user that is being deleted: its login (mail_usage's key) and its home. */
export type GoneMailUser = { login: string; home: string };

const CHUNK = 500;

/**
 * Inside the deleting transaction: lists the users' homes for removal and drops their usage rows, so a
 * later mailbox of the same address starts without the old one's storage figure and last login.
 */
export async function forgetMailUsers(tx: Db, users: GoneMailUser[]): Promise<void> {
  for (let i = 0; i < users.length; i += CHUNK) {
    const chunk = users.slice(i, i + CHUNK);
    const homes = chunk.map((u) => ({ home: u.home })).filter((h) => h.home !== "");
    if (homes.length) await tx.insert(mailHomeRemovals).values(homes).onConflictDoNothing();
    await tx.delete(mailUsage).where(
      inArray(
        mailUsage.login,
        chunk.map((u) => u.login),
      ),
    );
  }
}

/**
 * Up to this many homes are moved before the deletion answers. A larger set (ending a subscription with a
 * big domain: ~0.2 ms a home, so 200,000 take about 40 s) is moved in the background, a chunk at a time.
 */
const MOVE_BEFORE_ANSWER = 1_000;

/**
 * Moves the homes into the trash and forgets the moved (or never created) ones; failures are logged.
 * Chunk by chunk, letting other requests run in between (the file calls are synchronous).
 */
async function moveHomes(db: Db, root: string, homes: string[]): Promise<number> {
  if (!homes.length) return 0;
  if (!fs.existsSync(root)) {
    console.error(`mail root ${root} not found (KONTOR_MAIL_ROOT): ${homes.length} home(s) left for Dovecot's next start`);
    return 0;
  }
  let moved = 0;
  for (let i = 0; i < homes.length; i += CHUNK) {
    const done: string[] = [];
    for (const home of homes.slice(i, i + CHUNK)) {
      try {
        const result = moveHomeToTrash(root, home);
        if (result === "refused") console.error(`mail home ${JSON.stringify(home)} not removed: not a plain folder below ${root}`);
        else done.push(home);
      } catch (e) {
        console.error(
          `mail home ${JSON.stringify(home)} not removed yet (retried at Dovecot's next start):`,
          e instanceof Error ? e.message : e,
        );
      }
    }
    if (done.length) await db.delete(mailHomeRemovals).where(inArray(mailHomeRemovals.home, done));
    moved += done.length;
    if (i + CHUNK < homes.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return moved;
}

/** Moves, then deletes the trash in the background; never rejects (the deletion it follows is done). */
async function moveThenEmpty(db: Db, root: string, homes: string[]): Promise<void> {
  try {
    if (!(await moveHomes(db, root, homes))) return;
  } catch (e) {
    console.error("mail homes not removed yet (retried at Dovecot's next start):", e instanceof Error ? e.message : e);
    return;
  }
  void emptyTrash(root).catch((e: unknown) => {
    console.error("mail trash not emptied yet (at Dovecot's next start):", e instanceof Error ? e.message : e);
  });
}

/**
 * After the commit: moves the homes into the trash (awaited for up to MOVE_BEFORE_ANSWER homes, so they
 * are out of Dovecot's way when the deletion answers) and deletes the trash in the background. What is
 * left (a failure, a process that ended meanwhile) stays listed for Dovecot's next start.
 */
export async function removeMailHomesSafely(db: Db, homes: string[], root = mailRoot()): Promise<void> {
  const moving = moveThenEmpty(db, root, homes);
  if (homes.length <= MOVE_BEFORE_ANSWER) await moving;
}

/** At Dovecot's start (as root): every home still listed, page by page, then the trash. */
export async function removePendingMailHomes(db: Db, root: string): Promise<void> {
  let after = "";
  for (;;) {
    const rows = await db
      .select({ home: mailHomeRemovals.home })
      .from(mailHomeRemovals)
      .where(gt(mailHomeRemovals.home, after))
      .orderBy(asc(mailHomeRemovals.home))
      .limit(CHUNK);
    if (!rows.length) break;
    await moveHomes(
      db,
      root,
      rows.map((r) => r.home),
    );
    after = rows[rows.length - 1].home;
  }
  await emptyTrash(root);
}
