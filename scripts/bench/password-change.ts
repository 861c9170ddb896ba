/**
 * The password-change scenario: the customer sets mailbox passwords in the Plesk panel's
 * "Einstellungen" form, posted without JavaScript. Each connection changes its own mailbox and
 * alternates two passwords, so every request is a real change: one argon2id hash of the new one
 * (setting someone else's password compares with nothing), store it, audit it, render the page again.
 */
import Database from "better-sqlite3";
import { formFields, multipart } from "./form-post";
import type { LoadSpec } from "./load";

export type PasswordChangeLoad = { spec: LoadSpec; changesSoFar: () => number };

export async function passwordChangeLoad(
  base: string,
  dbFile: string,
  cookie: string,
  subscriptionId: number,
  mailboxIds: number[],
): Promise<PasswordChangeLoad> {
  const db = new Database(dbFile, { readonly: true });
  const quota = db.prepare("SELECT quota_mb AS q FROM mailboxes WHERE id = ?");
  const connections = await Promise.all(
    mailboxIds.map(async (mailboxId, i) => {
      const url = `${base}/panel/${subscriptionId}/mail/${mailboxId}/settings`;
      const action = await formFields(url, cookie, 'name="mailboxId"');
      const q = (quota.get(mailboxId) as { q: number | null } | undefined)?.q;
      const body = (password: string) =>
        multipart({
          ...action,
          subscriptionId: String(subscriptionId),
          mailboxId: String(mailboxId),
          enabled: "on",
          quotaMb: q === null || q === undefined ? "" : String(q),
          newPassword: password,
          confirmPassword: password,
        });
      return [body(`Bench-Kennwort-${i}-Ahorn!7`), body(`Bench-Kennwort-${i}-Birke!8`)].map((b) => ({
        method: "POST" as const,
        path: `/panel/${subscriptionId}/mail/${mailboxId}/settings`,
        body: b.body,
        headers: { "content-type": b.contentType, origin: base, cookie },
      }));
    }),
  );
  db.close();
  const changesSoFar = () => {
    const reader = new Database(dbFile, { readonly: true });
    const row = reader
      .prepare(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'mailbox.password.set' AND target_id IN (${mailboxIds.map(() => "?").join(",")})`,
      )
      .get(...mailboxIds) as { n: number };
    reader.close();
    return row.n;
  };
  return {
    spec: {
      name: "Password change (Plesk panel, argon2id)",
      url: `${base}/panel/${subscriptionId}/mail/${mailboxIds[0]}/settings`,
      connections: mailboxIds.length,
      perConnection: connections,
    },
    changesSoFar,
  };
}
