/**
 * Quota usage and last login come from Dovecot itself: its quota_clone and last_login plugins write
 * them into Kontor's mail_usage table through the dict server, and the mailbox lists read that table
 * (one query per page, no doveadm per row). Runs its own Dovecot over a seeded temp database.
 */
import { eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { loadActor } from "@/lib/auth/principals";
import { getOwnMailbox } from "@/lib/services/mailboxes/get-own-mailbox";
import { listSubscriptionMailboxes } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import { deliverLmtp } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";

let env: SeededDovecot;
const ADDRESS = "info@alpenblick.example";

beforeAll(async () => {
  env = await startSeededDovecot("kontor-usage-");
});
afterAll(async () => {
  await env?.stop();
});

const usageRow = () => env.db.select().from(schema.mailUsage).where(eq(schema.mailUsage.login, ADDRESS)).get();

/** Dovecot's dict server writes after the delivery or login has been answered: wait (bounded) for the figure. */
async function waitFor<T>(read: () => T | undefined, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if ((v !== undefined && ok(v)) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("usage and last login from Dovecot", () => {
  it("counts delivered mail and records the IMAP login, and the lists show both without asking Dovecot", async () => {
    const box = env.db.select().from(schema.mailboxes).where(eq(schema.mailboxes.address, ADDRESS)).get()!;
    expect(usageRow()?.lastLogin ?? null).toBeNull();
    await deliverLmtp(env.ports.lmtp, { from: "a@example.net", to: ADDRESS, subject: "usage-1", body: "u".repeat(40_000) });
    const afterOne = await waitFor(usageRow, (r) => (r.storageBytes ?? 0) > 40_000);
    expect(afterOne?.messages).toBe(1);
    await deliverLmtp(env.ports.lmtp, { from: "a@example.net", to: ADDRESS, subject: "usage-2", body: "v".repeat(20_000) });
    const afterTwo = await waitFor(usageRow, (r) => r.messages === 2);
    expect(afterTwo!.storageBytes!).toBeGreaterThan(afterOne!.storageBytes! + 20_000);

    const before = Math.floor(Date.now() / 1000) - 1;
    const client = new ImapFlow({
      host: "127.0.0.1",
      port: env.ports.imap,
      secure: false,
      logger: false,
      auth: { user: ADDRESS, pass: DEMO_PASSWORD },
    });
    client.on("error", () => {});
    await client.connect();
    await client.logout();
    const loggedIn = await waitFor(usageRow, (r) => (r.lastLogin ?? 0) >= before);
    expect(loggedIn?.lastLogin).toBeGreaterThanOrEqual(before);

    const own = getOwnMailbox(loadActor(env.db, "mailbox", box.id)!, env.db);
    expect(own.usedBytes).toBe(afterTwo!.storageBytes);
    expect(own.lastLogin?.getTime()).toBe(loggedIn!.lastLogin! * 1000);

    const customerUser = env.db.select().from(schema.users).where(eq(schema.users.customerId, box.customerId)).get()!;
    const domain = env.db.select().from(schema.domains).where(eq(schema.domains.id, box.domainId)).get()!;
    const list = listSubscriptionMailboxes(loadActor(env.db, "user", customerUser.id)!, domain.subscriptionId, {}, env.db);
    const item = list.items.find((i) => i.address === ADDRESS)!;
    expect(item.usedBytes).toBe(afterTwo!.storageBytes);
    expect(item.lastLogin?.getTime()).toBe(loggedIn!.lastLogin! * 1000);
    // A mailbox Dovecot has not seen yet has no figures, not zeros.
    expect(list.items.find((i) => i.address !== ADDRESS && i.usedBytes === null)).toBeTruthy();
  });
});
