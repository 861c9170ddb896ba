/**
 * The password version of migration 0013: Dovecot's Lua passdb remembers a verified login only with
 * the version (and hash) read at that login, so every write of a hash and every on/off switch must
 * move it, whoever writes (services, imports, hand-made SQL); other changes must not.
 */
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { mailAccounts, mailboxes } from "@/db/schema";
import { type TestDb, aDomainWithMailboxes, aMailAccount, emptyDb } from "../support/factories";
import { firstRow } from "@/db/rows";
import { rawRows } from "@/db/raw";

let db: TestDb;

beforeEach(async () => {
  ({ db } = await emptyDb());
});

/** What Dovecot's passdb reads: the view, on either database ("user" is quoted: a keyword in PostgreSQL). */
const passdb = async (user: string) =>
  (await rawRows<{ password: string; version: number }>(db, sql`SELECT password, version FROM dovecot_passdb WHERE "user" = ${user}`))[0];

describe("password version", () => {
  it("moves on every write of a mailbox's hash, even the same one, and on every on/off switch", async () => {
    const { mailboxes: boxes } = await aDomainWithMailboxes(db, 1);
    const box = boxes[0];
    const version = async () =>
      (await firstRow(db.select({ v: mailboxes.passwordVersion }).from(mailboxes).where(eq(mailboxes.id, box.id))))?.v;
    expect(await version()).toBe(1);
    expect((await passdb(box.address))?.version).toBe(1);

    // The same hash written again, as hand-made SQL would: the trigger still moves the version.
    await db
      .update(mailboxes)
      .set({ passwordHash: sql`password_hash` })
      .where(eq(mailboxes.id, box.id));
    expect(await version()).toBe(2);
    await db.update(mailboxes).set({ passwordHash: "{ARGON2ID}other" }).where(eq(mailboxes.id, box.id));
    expect(await version()).toBe(3);
    expect(await passdb(box.address)).toEqual({ password: "{ARGON2ID}other", version: 3 });

    await db.update(mailboxes).set({ enabled: false }).where(eq(mailboxes.id, box.id));
    expect(await version()).toBe(4);
    expect(await passdb(box.address)).toBeUndefined();
    await db.update(mailboxes).set({ enabled: true }).where(eq(mailboxes.id, box.id));
    expect(await version()).toBe(5);

    // Neither an unchanged switch nor a quota change touches it.
    await db.update(mailboxes).set({ enabled: true, quotaMb: 77 }).where(eq(mailboxes.id, box.id));
    expect(await version()).toBe(5);
  });

  it("does the same for mail accounts, and a routed address carries its account's version", async () => {
    const world = await aMailAccount(db, { extraAccounts: 1 });
    const account = world.accounts[0];
    const routed = `konto2@${world.domain.name}`;
    expect((await passdb(routed))?.version).toBe(1);
    await db.update(mailAccounts).set({ passwordHash: "{ARGON2ID}new" }).where(eq(mailAccounts.id, account.id));
    expect(await passdb(account.login)).toEqual({ password: "{ARGON2ID}new", version: 2 });
    expect(await passdb(routed)).toEqual({ password: "{ARGON2ID}new", version: 2 });
    await db.update(mailAccounts).set({ enabled: false }).where(eq(mailAccounts.id, account.id));
    expect(await passdb(routed)).toBeUndefined();
    await db.update(mailAccounts).set({ enabled: true }).where(eq(mailAccounts.id, account.id));
    expect((await passdb(routed))?.version).toBe(4);
  });
});
