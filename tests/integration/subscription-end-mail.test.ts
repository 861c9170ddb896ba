/**
 * Ending a subscription stops its mail at once, over the real Postfix and Dovecot (as
 * tests/integration/postfix-delivery.test.ts): before, its mailbox, alias and mail account address take
 * mail and its logins work; right after endSubscription, with no reload, SMTP refuses the addresses
 * during the dialogue and IMAP refuses the logins. The customer's other subscription keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveAlias } from "@/lib/services/aliases/save-alias";
import { endSubscription } from "@/lib/services/subscriptions/end-subscription";
import { aliasSchema } from "@/lib/validation/alias";
import { aCustomerWithPackage, aDomainWithMailboxes, aMailAccount, TEST_PASSWORD } from "../support/factories";
import { waitForLanded } from "../support/mailbox-delivery";
import { rawImapLogin } from "../support/raw-imap";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { smtpDialogue } from "../support/smtp-dialogue";

let env: SeededDovecot;
beforeAll(async () => {
  env = await startSeededDovecot("kontor-sub-end-", { postfix: true });
});
afterAll(async () => {
  await env?.stop();
});

const send = (to: string[], subject: string) => smtpDialogue(env.postfixPort, { from: "sender@example.net", to, subject });
const imap = async (user: string) => (await rawImapLogin(env.ports.imap, user, TEST_PASSWORD, { timeoutMs: 20_000 })).ok;
/**
 * Refused during the dialogue, permanently. Which of two answers depends on Postfix's address
 * resolver (trivial-rewrite, a long-lived process): while it still classes the domain as one of ours,
 * the mailbox lookup answers 550 5.1.1 (user unknown); once it no longer does, the domain is foreign
 * and relaying is refused, 554 5.7.1, as for a domain Kontor never had. Neither accepts the mail.
 */
const REFUSED = /^(550 5\.1\.1|554 5\.7\.1) /;

describe("ending a subscription", () => {
  it("refuses its mailbox and alias at RCPT and the mailbox's IMAP login, while the other subscription still takes mail", async () => {
    const ended = await aDomainWithMailboxes(env.db, 1, { package: { panel: "plesk10" } });
    const kept = await aDomainWithMailboxes(env.db, 1, {
      sub: await aCustomerWithPackage(env.db, { reseller: ended.reseller, customer: ended.customer }),
    });
    const box = ended.mailboxes[0].address;
    const alias = `team@${ended.domain.name}`;
    await saveAlias(
      ended.customer.actor,
      aliasSchema.parse({
        subscriptionId: String(ended.subscriptionId),
        domainId: String(ended.domain.id),
        localPart: "team",
        targets: box,
      }),
      { ip: null },
      env.db,
    );
    const before = await send([box, alias], "sub-end-before");
    expect(before.rcpt[box]).toMatch(/^250 /);
    expect(before.rcpt[alias]).toMatch(/^250 /);
    await waitForLanded(env.ports.imap, box, TEST_PASSWORD, "sub-end-before");
    expect(await imap(box)).toBe(true);

    await endSubscription(ended.reseller.actor, ended.subscriptionId, null, env.db);

    const after = await send([box, alias], "sub-end-after");
    expect(after.rcpt[box]).toMatch(REFUSED);
    expect(after.rcpt[alias]).toMatch(REFUSED);
    expect(after.data).toBeNull();
    expect(await imap(box)).toBe(false);
    const other = kept.mailboxes[0].address;
    expect((await send([other], "sub-end-kept")).rcpt[other]).toMatch(/^250 /);
    expect(await imap(other)).toBe(true);
  });

  it("with the last package without panel, refuses the mail account's address and its logins", async () => {
    const sub = await aMailAccount(env.db, { extraAccounts: 1 });
    const routed = `konto2@${sub.domain.name}`;
    const account = sub.accounts[0].login;
    expect((await send([routed], "acct-before")).rcpt[routed]).toMatch(/^250 /);
    expect(await imap(sub.admin.login)).toBe(true);
    expect(await imap(account)).toBe(true);

    await endSubscription(sub.reseller.actor, sub.subscriptionId, null, env.db);

    expect((await send([routed], "acct-after")).rcpt[routed]).toMatch(REFUSED);
    expect(await imap(sub.admin.login)).toBe(false);
    expect(await imap(account)).toBe(false);
  });
});
