/**
 * Quota usage and last login come from Dovecot itself: its quota_clone and last_login plugins write
 * them into Kontor's mail_usage table through the dict server, and the mailbox lists read that table
 * (one query per page, no doveadm per row). Runs its own Dovecot over a seeded temp database; each
 * test builds its own mailboxes with the factories, so no test sees another's figures.
 */
import { eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import { VMAIL_GID, VMAIL_UID } from "@/lib/mail/dovecot-config";
import { LAST_LOGIN_PRECISION_SECONDS } from "@/lib/mail/dovecot-lua-passdb";
import { getOwnMailbox } from "@/lib/services/mailboxes/get-own-mailbox";
import { listSubscriptionMailboxes } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { deliverLmtp } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { firstRow } from "@/db/rows";
import { aDomainWithMailboxes, aMailAccount, TEST_PASSWORD } from "../support/factories";

let env: SeededDovecot;

beforeAll(async () => {
  env = await startSeededDovecot("kontor-usage-");
});
afterAll(async () => {
  await env?.stop();
});

const usageOf = async (login: string) => await firstRow(env.db.select().from(schema.mailUsage).where(eq(schema.mailUsage.login, login)));
const setLastLogin = async (login: string, seconds: number) =>
  await env.db
    .insert(schema.mailUsage)
    .values({ login, lastLogin: seconds })
    .onConflictDoUpdate({ target: schema.mailUsage.login, set: { lastLogin: seconds } });
const now = () => Math.floor(Date.now() / 1000);

/** Dovecot's dict server writes after the delivery or login has been answered: wait (bounded) for the figure. */
async function waitFor<T>(read: () => Promise<T | undefined>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if ((v !== undefined && ok(v)) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("usage and last login from Dovecot", () => {
  it("counts delivered mail and records the IMAP login, and the lists show both without asking Dovecot", async () => {
    // Two mailboxes in one subscription: the first gets mail and a login, the second stays unseen.
    const { mailboxes } = await aDomainWithMailboxes(env.db, 2, { localParts: ["info", "anna"] });
    const address = mailboxes[0].address;
    const usageRow = () => usageOf(address);
    const box = (await firstRow(env.db.select().from(schema.mailboxes).where(eq(schema.mailboxes.address, address))))!;
    expect((await usageRow())?.lastLogin ?? null).toBeNull();
    await deliverLmtp(env.ports.lmtp, { from: "a@example.net", to: address, subject: "usage-1", body: "u".repeat(40_000) });
    const afterOne = await waitFor(usageRow, (r) => (r.storageBytes ?? 0) > 40_000);
    expect(afterOne?.messages).toBe(1);
    await deliverLmtp(env.ports.lmtp, { from: "a@example.net", to: address, subject: "usage-2", body: "v".repeat(20_000) });
    const afterTwo = await waitFor(usageRow, (r) => r.messages === 2);
    expect(afterTwo!.storageBytes!).toBeGreaterThan(afterOne!.storageBytes! + 20_000);

    const before = Math.floor(Date.now() / 1000) - 1;
    const client = new ImapFlow({
      host: "127.0.0.1",
      port: env.ports.imap,
      secure: false,
      logger: false,
      auth: { user: address, pass: TEST_PASSWORD },
    });
    client.on("error", () => {});
    await client.connect();
    await client.logout();
    const loggedIn = await waitFor(usageRow, (r) => (r.lastLogin ?? 0) >= before);
    expect(loggedIn?.lastLogin).toBeGreaterThanOrEqual(before);

    const own = await getOwnMailbox((await loadActor(env.db, "mailbox", box.id))!, env.db);
    expect(own.usedBytes).toBe(afterTwo!.storageBytes);
    expect(own.lastLogin?.getTime()).toBe(loggedIn!.lastLogin! * 1000);

    const customerUser = (await firstRow(env.db.select().from(schema.users).where(eq(schema.users.customerId, box.customerId))))!;
    const domain = (await firstRow(env.db.select().from(schema.domains).where(eq(schema.domains.id, box.domainId))))!;
    const list = await listSubscriptionMailboxes((await loadActor(env.db, "user", customerUser.id))!, domain.subscriptionId, {}, env.db);
    const item = list.items.find((i) => i.address === address)!;
    expect(item.usedBytes).toBe(afterTwo!.storageBytes);
    expect(item.lastLogin?.getTime()).toBe(loggedIn!.lastLogin! * 1000);
    // A mailbox Dovecot has not seen yet has no figures, not zeros.
    expect(list.items.find((i) => i.address !== address && i.usedBytes === null)).toBeTruthy();
  });
});

describe("the usage dict", () => {
  it("takes writes from the mail processes' user only: socket 0660, owned by uid and gid 5000", () => {
    // Dovecot's folder sits beside the sink's in the seeded environment (tests/support/seeded-dovecot.ts).
    const socket = fs.statSync(path.join(path.dirname(env.sinkDir), "dovecot", "run", "dict"));
    expect(socket.isSocket()).toBe(true);
    expect((socket.mode & 0o777).toString(8)).toBe("660");
    expect([socket.uid, socket.gid]).toEqual([VMAIL_UID, VMAIL_GID]);
  });
});

describe("last login, written by the Lua passdb to the minute", () => {
  // The passdb writes before Dovecot answers the login, so the row is final once the login returned.
  it("leaves a last login younger than the precision, and moves an older one", async () => {
    const address = (await aDomainWithMailboxes(env.db, 1)).mailboxes[0].address;
    const usageRow = () => usageOf(address);
    const recent = now() - Math.floor(LAST_LOGIN_PRECISION_SECONDS / 2);
    await setLastLogin(address, recent);
    expect(await imapLogin(address, TEST_PASSWORD, env.ports.imap)).toBe(true);
    expect((await usageRow())?.lastLogin).toBe(recent);

    const old = now() - LAST_LOGIN_PRECISION_SECONDS - 5;
    await setLastLogin(address, old);
    const before = now();
    expect(await imapLogin(address, TEST_PASSWORD, env.ports.imap)).toBe(true);
    expect((await usageRow())?.lastLogin).toBeGreaterThanOrEqual(before);
  });

  it("records submission logins, under the mail account an address is routed to, and never failed ones", async () => {
    const [account] = (await aMailAccount(env.db, { extraAccounts: 1 })).accounts;
    const routed = await firstRow(
      env.db.select().from(schema.mailAccountAddresses).where(eq(schema.mailAccountAddresses.mailAccountId, account.id)),
    );
    expect(routed, "the factory routes an address to the account").toBeDefined();
    const address = routed!.address;
    const old = now() - LAST_LOGIN_PRECISION_SECONDS - 5;
    await setLastLogin(account.login, old);
    expect(await submissionLogin(address, "Falsch-Falsch-Falsch-1", env.ports.submission)).toBe(false);
    expect((await usageOf(account.login))?.lastLogin).toBe(old);
    const before = now();
    expect(await submissionLogin(address, TEST_PASSWORD, env.ports.submission)).toBe(true);
    expect((await usageOf(account.login))?.lastLogin).toBeGreaterThanOrEqual(before);
    expect(await usageOf(address)).toBeUndefined();
  });
});
