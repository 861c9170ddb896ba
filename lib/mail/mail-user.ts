import { spawnSync } from "node:child_process";
import { childProcessEnv } from "@/lib/config";
import { MAIL_USER_NAME, type MailUser, VMAIL_GID, VMAIL_UID } from "@/lib/mail/dovecot-config";

/*
 * The system user and group of the virtual mail uid/gid (VMAIL_UID, VMAIL_GID). Dovecot's mail
 * processes run under that uid; a named user lets the dict socket they write usage and last logins
 * through belong to it with mode 0660 instead of being open to every local user (0666), since
 * Dovecot's unix_listener takes a user name, not a number. scripts/install-deps.sh --system creates it
 * too, with the same command.
 */

const ENV = childProcessEnv(["/usr/sbin", "/sbin"]);

/** The name getent knows for this uid (passwd) or gid (group), or null. */
function nameOf(database: "passwd" | "group", id: number): string | null {
  const r = spawnSync("getent", [database, String(id)], { env: ENV, encoding: "utf8" });
  if (r.status !== 0) return null;
  const name = r.stdout.split(":")[0]?.trim();
  return name ? name : null;
}

/** The id getent knows for this name, or null. */
function idOf(database: "passwd" | "group", name: string): number | null {
  const r = spawnSync("getent", [database, name], { env: ENV, encoding: "utf8" });
  if (r.status !== 0) return null;
  const id = Number(r.stdout.split(":")[2]);
  return Number.isInteger(id) ? id : null;
}

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, { env: ENV, encoding: "utf8" });
  return r.status === 0 ? null : (r.error?.message ?? r.stderr.trim()) || `exit ${String(r.status)}`;
}

/**
 * The names of VMAIL_UID and VMAIL_GID, creating `kontor-mail` for whichever has none (needs root, like
 * starting Dovecot). A host that already names uid 5000 (or gid 5000) keeps its name; a `kontor-mail`
 * with another uid is refused with a message, never reused. Safe when several starts race: a creation
 * that fails because another process won is checked again.
 */
export function ensureMailUser(): MailUser {
  let group = nameOf("group", VMAIL_GID);
  if (!group) {
    refuseTakenName("group", VMAIL_GID);
    const problem = run("groupadd", ["--system", "--gid", String(VMAIL_GID), MAIL_USER_NAME]);
    group = nameOf("group", VMAIL_GID);
    if (!group) throw new Error(`Could not create the mail group ${MAIL_USER_NAME} (gid ${VMAIL_GID}): ${problem ?? "unknown"}`);
  }
  let user = nameOf("passwd", VMAIL_UID);
  if (!user) {
    refuseTakenName("passwd", VMAIL_UID);
    const problem = run("useradd", [
      "--system",
      "--uid",
      String(VMAIL_UID),
      "--gid",
      String(VMAIL_GID),
      "--no-create-home",
      "--home-dir",
      "/nonexistent",
      "--shell",
      "/usr/sbin/nologin",
      "--comment",
      "Kontor virtual mail",
      MAIL_USER_NAME,
    ]);
    user = nameOf("passwd", VMAIL_UID);
    if (!user) throw new Error(`Could not create the mail user ${MAIL_USER_NAME} (uid ${VMAIL_UID}): ${problem ?? "unknown"}`);
  }
  return { user, group };
}

function refuseTakenName(database: "passwd" | "group", wanted: number) {
  const taken = idOf(database, MAIL_USER_NAME);
  if (taken !== null && taken !== wanted) {
    const kind = database === "passwd" ? "user" : "group";
    throw new Error(`The ${kind} ${MAIL_USER_NAME} exists with id ${String(taken)}, but Kontor's mail processes run as ${String(wanted)}`);
  }
}
