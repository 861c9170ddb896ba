/**
 * The gap in Dovecot's own figures and its fix: quota_clone writes mail_usage only when a user's mail
 * changes, so a Maildir that arrived by import or restore, or a row that went missing, stays "not
 * measured" through logins; `npm run mail:usage -- --recalc` (lib/mail/usage-recalc.ts) asks Dovecot
 * in batches and fills the rows. Runs its own Dovecot over a seeded temp database.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { confPath } from "@/scripts/lib/dovecot-process";
import { VMAIL_GID, VMAIL_UID } from "@/lib/mail/dovecot-config";
import { recalcMailUsage } from "@/lib/mail/usage-recalc";
import { aDomainWithMailboxes, TEST_PASSWORD } from "../support/factories";
import { imapLogin } from "../support/mail-clients";
import { deliverLmtp } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { firstRow } from "@/db/rows";

let env: SeededDovecot;
let dovecotDir = "";
let boxes: { address: string }[] = [];
let otherDomainBox = "";

beforeAll(async () => {
  env = await startSeededDovecot("kontor-usage-recalc-");
  dovecotDir = path.join(path.dirname(env.sinkDir), "dovecot");
  boxes = (await aDomainWithMailboxes(env.db, 3, { quotaMb: 100 })).mailboxes;
  otherDomainBox = (await aDomainWithMailboxes(env.db, 1)).mailboxes[0].address;
});
afterAll(async () => {
  await env?.stop();
});

const usage = async (login: string) => await firstRow(env.db.select().from(schema.mailUsage).where(eq(schema.mailUsage.login, login)));

/** A message put straight into the user's Maildir, as an import or a restore does, owned by the mail user. */
function restoreMessage(address: string, bytes: number) {
  const doveadm = (...args: string[]) => spawnSync("doveadm", ["-c", confPath(dovecotDir), ...args], { encoding: "utf8" });
  // Dovecot creates the home and Maildir as the mail user, so its later deliveries beside it still work.
  expect(doveadm("mailbox", "status", "-u", address, "messages", "INBOX").status).toBe(0);
  const home = doveadm("user", "-f", "home", address).stdout.trim();
  const file = path.join(home, "Maildir", "new", `1700000000.M${bytes}P1.restored`);
  fs.writeFileSync(file, `Subject: restored\r\nFrom: a@example.net\r\n\r\n${"r".repeat(bytes)}\r\n`);
  fs.chownSync(file, VMAIL_UID, VMAIL_GID);
}

describe("mail usage recalculation", () => {
  it("measures restored Maildirs and lost rows that logins never fill, keeps last logins, and stays in its domain", async () => {
    const [restored, lost, untouched] = boxes.map((b) => b.address);
    restoreMessage(restored, 30_000);
    restoreMessage(otherDomainBox, 5_000);
    await deliverLmtp(env.ports.lmtp, { from: "a@example.net", to: lost, subject: "lost", body: "l".repeat(12_000) });
    // quota_clone wrote the delivery; the row then goes missing (a new database, a copy, a slip).
    await expect.poll(async () => (await usage(lost))?.storageBytes ?? 0, { timeout: 10_000 }).toBeGreaterThan(12_000);
    const delivered = (await usage(lost))!.storageBytes!;
    await env.db.delete(schema.mailUsage).where(eq(schema.mailUsage.login, lost));
    // A login writes the last login only: the figure stays unknown (the gap this command closes).
    expect(await imapLogin(restored, TEST_PASSWORD, env.ports.imap)).toBe(true);
    const loggedIn = await usage(restored);
    expect(loggedIn?.lastLogin).toBeGreaterThan(0);
    expect(loggedIn?.storageBytes ?? null).toBeNull();

    const domain = restored.split("@")[1];
    const result = await recalcMailUsage(env.db, { dovecotDir, domain, missingOnly: true, batchSize: 2 });
    expect(result).toEqual({ asked: 3, measured: 3 });
    const after = await usage(restored);
    expect(after).toMatchObject({ messages: 1, lastLogin: loggedIn!.lastLogin });
    expect(after!.storageBytes).toBeGreaterThan(30_000);
    expect(await usage(lost)).toMatchObject({ messages: 1, storageBytes: delivered });
    expect(await usage(untouched)).toMatchObject({ messages: 0, storageBytes: 0 });
    // The other domain was not asked.
    expect(await usage(otherDomainBox)).toBeUndefined();
    // Measured users are not asked again with --missing.
    expect(await recalcMailUsage(env.db, { dovecotDir, domain, missingOnly: true })).toEqual({ asked: 0, measured: 0 });
  });
});
