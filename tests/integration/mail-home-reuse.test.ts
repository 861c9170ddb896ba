/**
 * Old mail never reaches the next owner of an address (issue 21), over the real Postfix → LMTP → Dovecot
 * (as tests/integration/postfix-delivery.test.ts): mail is delivered, the mailbox (or the whole
 * subscription, or the mail account) is deleted through its service, the same address (login) is
 * created again, and its IMAP INBOX is empty. The old Maildir is gone from the mail root as well.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailAccounts, mailboxes } from "@/db/schema";
import { onlyRow } from "@/db/rows";
import { mailRoot } from "@/lib/mail/mail-homes";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { deleteMailAccount } from "@/lib/services/mail-accounts/manage-mail-account";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { endSubscription } from "@/lib/services/subscriptions/end-subscription";
import { aCustomerWithPackage, aDomainWithMailboxes, aMailAccount, TEST_PASSWORD, type TestSubscription } from "../support/factories";
import { listMailbox, waitForLanded } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { smtpDialogue } from "../support/smtp-dialogue";

let env: SeededDovecot;
beforeAll(async () => {
  env = await startSeededDovecot("kontor-home-reuse-", { postfix: true });
});
afterAll(async () => {
  await env?.stop();
});

const NEW_PASSWORD = "Kranich-Wanderduene-Ufer-73";

async function deliver(to: string, subject: string, login = to, password = TEST_PASSWORD) {
  const r = await smtpDialogue(env.postfixPort, { from: "sender@example.net", to: [to], subject });
  expect(r.rcpt[to]).toMatch(/^250 /);
  expect(await waitForLanded(env.ports.imap, login, password, subject)).toHaveLength(1);
}

const subjects = async (login: string, password: string) => (await listMailbox(env.ports.imap, login, password)).map((m) => m.subject);
const homeOf = async (id: number) =>
  (await onlyRow(env.db.select({ home: mailboxes.home }).from(mailboxes).where(eq(mailboxes.id, id)))).home;
const onDisk = (home: string) => fs.existsSync(path.join(mailRoot(), home));

async function recreate(sub: TestSubscription, localPart: string) {
  const created = await createMailbox(
    sub.customer.actor,
    {
      subscriptionId: sub.subscriptionId,
      domainId: sub.domain.id,
      localPart,
      quotaMb: 100,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    },
    { ip: null },
    env.db,
  );
  if (!created) throw new Error("mailbox not created");
  return created;
}

describe("an address that comes back", () => {
  it("a mailbox deleted and created again starts with an empty INBOX in a new home; the old Maildir is removed", async () => {
    const sub = await aDomainWithMailboxes(env.db, 1, { localParts: ["info"], package: { panel: "plesk10" } });
    const old = sub.mailboxes[0];
    await deliver(old.address, "home-old-secret");
    const oldHome = await homeOf(old.id);
    expect(onDisk(path.join(oldHome, "Maildir"))).toBe(true);

    await deleteMailboxes(
      sub.customer.actor,
      { subscriptionId: sub.subscriptionId, mailboxIds: [old.id], confirmed: "yes" },
      { ip: null },
      env.db,
    );
    const again = await recreate(sub, "info");
    expect(again.address).toBe(old.address);
    expect(await subjects(old.address, NEW_PASSWORD)).toEqual([]);
    expect(onDisk(oldHome)).toBe(false);
    expect(oldHome).toBe(`${sub.domain.name}/info=${old.id}`);
    expect(await homeOf(again.id)).toBe(`${sub.domain.name}/info=${again.id}`);
    await deliver(old.address, "home-new-mail", old.address, NEW_PASSWORD);
    expect(await subjects(old.address, NEW_PASSWORD)).toEqual(["home-new-mail"]);
  });

  it("after the subscription ended, the domain ordered by another customer: the same address's INBOX is empty", async () => {
    const first = await aDomainWithMailboxes(env.db, 1, { localParts: ["kontakt"], package: { panel: "plesk9" } });
    const old = first.mailboxes[0];
    await deliver(old.address, "home-ended-secret");
    const oldHome = await homeOf(old.id);

    await endSubscription(first.reseller.actor, first.subscriptionId, null, env.db);
    const next = await aCustomerWithPackage(env.db, { domain: first.domain.name, package: { panel: "plesk9" } });
    const again = await recreate(next, "kontakt");
    expect(again.address).toBe(old.address);
    expect(await subjects(old.address, NEW_PASSWORD)).toEqual([]);
    expect(onDisk(oldHome)).toBe(false);
  });

  it("a mail account deleted and created again under the same login starts empty", async () => {
    const sub = await aMailAccount(env.db, { extraAccounts: 1 });
    const account = sub.accounts[0];
    await deliver(`konto2@${sub.domain.name}`, "home-account-secret", account.login);
    const oldHome = (await onlyRow(env.db.select({ home: mailAccounts.home }).from(mailAccounts).where(eq(mailAccounts.id, account.id))))
      .home;

    await deleteMailAccount(sub.admin.actor, account.id, null, env.db);
    const again = await createMailAccount(sub.admin.actor, { quotaMb: 100, newPassword: NEW_PASSWORD }, null, env.db);
    expect(again.login).toBe(account.login);
    expect(await subjects(account.login, NEW_PASSWORD)).toEqual([]);
    expect(onDisk(oldHome)).toBe(false);
    expect(oldHome).toBe(`${account.login}=${account.id}`);
  });
});
