import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Env, settingsFrom } from "@/lib/config";

/**
 * Removing the Dovecot homes (Maildir, Pigeonhole's vacation and duplicate records) of deleted
 * mailboxes and mail accounts. Every new row has a home of its own (migration 0017), so a re-created
 * address never sees old mail even when a removal fails; removing the folders is about not keeping
 * mail nobody may read any more. The panel runs it right after the deleting transaction committed;
 * what could not be removed then (no permission, Dovecot's folder elsewhere) stays listed in
 * mail_home_removals and is retried at Dovecot's next start, which runs as root.
 *
 * Safety: a home comes from the database, so it is checked like input. It must be a relative path of
 * one or two plain names (`<domain>/<local>=<id>`, `<login>=<id>`, or the older `<domain>/<local>`,
 * `<login>`); every step below the mail root is looked at with lstat and a symbolic link anywhere is
 * refused, never followed. The home is first renamed into the mail root's trash folder (atomic, the
 * link-free path was just checked) and only then deleted there; Node's recursive rm unlinks links
 * inside without following them.
 */

/** Dovecot's mail root (KONTOR_MAIL_ROOT; default: beside the Sieve folder). */
export function mailRoot(env?: Env): string {
  return settingsFrom(env).paths.mailRoot;
}

/** Where homes wait to be deleted: a dot name, which no home can have. */
export const TRASH = ".kontor-trash";

// Letters, digits and the characters of domains, local parts and logins; never a leading dot, so
// neither `.`, `..` nor the trash folder can be named.
const SEGMENT = /^[a-z0-9_+=-][a-z0-9_+=.-]*$/;

/** The home's path segments, or null when it is not a home Kontor could have made. */
export function homeSegments(home: string): string[] | null {
  const parts = home.split("/");
  if (parts.length < 1 || parts.length > 2) return null;
  return parts.every((p) => p.length <= 255 && SEGMENT.test(p)) ? parts : null;
}

export type HomeRemoval = "moved" | "absent" | "refused";

/**
 * Moves one home into the trash, synchronously (a rename per home, so deleting a large domain does
 * not wait for its mail to be deleted). "absent": nothing there (never delivered to, or done before).
 */
export function moveHomeToTrash(root: string, home: string): HomeRemoval {
  const parts = homeSegments(home);
  if (!parts) return "refused";
  const base = fs.realpathSync(root);
  let current = base;
  for (const part of parts) {
    current = path.join(current, part);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return "absent";
      throw e;
    }
    if (st.isSymbolicLink() || !st.isDirectory()) return "refused";
  }
  const trash = path.join(base, TRASH);
  fs.mkdirSync(trash, { recursive: true, mode: 0o700 });
  if (fs.lstatSync(trash).isSymbolicLink()) return "refused";
  fs.renameSync(current, path.join(trash, `${Date.now()}-${crypto.randomBytes(6).toString("hex")}`));
  // A domain's folder left empty goes too; one that still holds homes stays (rmdir refuses).
  if (parts.length === 2) {
    try {
      fs.rmdirSync(path.dirname(current));
    } catch {
      /* not empty: other mailboxes of the domain live there */
    }
  }
  return "moved";
}

/** Deletes what the trash holds (asynchronously: the thread pool does the file work). */
export async function emptyTrash(root: string): Promise<void> {
  const trash = path.join(fs.realpathSync(root), TRASH);
  let names: string[];
  try {
    if (fs.lstatSync(trash).isSymbolicLink()) return;
    names = fs.readdirSync(trash);
  } catch {
    return;
  }
  for (const name of names) await fs.promises.rm(path.join(trash, name), { recursive: true, force: true });
}
