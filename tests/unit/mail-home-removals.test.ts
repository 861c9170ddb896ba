/**
 * What deleting a mailbox does to its Dovecot home and usage row (lib/mail/mail-home-removals.ts), on
 * the test database and a real folder: new rows get a home of their own; the delete lists the home,
 * drops the usage row and moves the folder after the commit; a home that could not be removed then
 * stays listed until Dovecot's next start removes it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mailHomeRemovals, mailUsage, mailboxes } from "@/db/schema";
import { onlyRow } from "@/db/rows";
import { removeMailHomesSafely, removePendingMailHomes } from "@/lib/mail/mail-home-removals";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { aDomainWithMailboxes, emptyDb, type TestDb } from "../support/factories";

let db: TestDb;
let root: string;
beforeEach(async () => {
  db = (await emptyDb()).db;
  root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kontor-removals-")), "mail");
  process.env.KONTOR_MAIL_ROOT = root;
  process.env.KONTOR_SIEVE_DIR = path.join(path.dirname(root), "sieve");
});
afterEach(() => {
  delete process.env.KONTOR_MAIL_ROOT;
  delete process.env.KONTOR_SIEVE_DIR;
});

async function aMailboxWithMail() {
  const sub = await aDomainWithMailboxes(db, 1, { localParts: ["info"] });
  const box = sub.mailboxes[0];
  const { home } = await onlyRow(db.select({ home: mailboxes.home }).from(mailboxes).where(eq(mailboxes.id, box.id)));
  await db.insert(mailUsage).values({ login: box.address, storageBytes: 2048, messages: 1, lastLogin: 1_700_000_000 });
  return { sub, box, home };
}

const remove = async (sub: Awaited<ReturnType<typeof aMailboxWithMail>>["sub"], id: number) =>
  await deleteMailboxes(sub.customer.actor, { subscriptionId: sub.subscriptionId, mailboxIds: [id], confirmed: "yes" }, { ip: null }, db);
const pending = async () => (await db.select({ home: mailHomeRemovals.home }).from(mailHomeRemovals)).map((r) => r.home);

describe("a deleted mailbox's home", () => {
  it("is the row's own, and goes with the mailbox together with its usage row", async () => {
    const { sub, box, home } = await aMailboxWithMail();
    expect(home).toBe(`${sub.domain.name}/info=${box.id}`);
    fs.mkdirSync(path.join(root, home, "Maildir", "cur"), { recursive: true });

    await remove(sub, box.id);
    expect(fs.existsSync(path.join(root, home))).toBe(false);
    expect(await pending()).toEqual([]);
    expect(await db.select().from(mailUsage).where(eq(mailUsage.login, box.address))).toEqual([]);
  });

  it("stays listed when the mail root cannot be reached, and is removed at Dovecot's next start", async () => {
    const { sub, box, home } = await aMailboxWithMail();
    await remove(sub, box.id);
    expect(await pending()).toEqual([home]);

    fs.mkdirSync(path.join(root, home, "Maildir"), { recursive: true });
    await removePendingMailHomes(db, root);
    expect(fs.existsSync(path.join(root, home))).toBe(false);
    expect(await pending()).toEqual([]);
  });

  it("moves a large set (a big domain's end) in chunks, in the background, and forgets every home it moved", async () => {
    const homes = Array.from({ length: 1_200 }, (_, i) => `gross.example/box${i}=${i + 1}`);
    for (let i = 0; i < homes.length; i += 500) await db.insert(mailHomeRemovals).values(homes.slice(i, i + 500).map((home) => ({ home })));
    for (const home of homes) fs.mkdirSync(path.join(root, home, "Maildir"), { recursive: true });

    await removeMailHomesSafely(db, homes, root);
    await vi.waitFor(async () => expect(await pending()).toEqual([]), { timeout: 30_000, interval: 100 });
    expect(fs.existsSync(path.join(root, "gross.example"))).toBe(false);
  }, 60_000);
});
