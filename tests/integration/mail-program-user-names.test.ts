/**
 * Issue 25, point 5: one answer to "what is my user name?". Every set-up file (Thunderbird autoconfig,
 * Outlook autodiscover, Apple profile) and every help box (accounts box, account page, Serveradressen)
 * names a user; this logs in at the real Dovecot (IMAP and SMTP submission) with exactly that name.
 * The E-Mail-Administration's accounts take both their routed addresses and their account name.
 * Runs its own Dovecot; each test builds its customer with the factories.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAccount } from "@/lib/mail/client-setup/account";
import { buildAutoconfigXml } from "@/lib/mail/client-setup/autoconfig";
import { buildAutodiscoverXml } from "@/lib/mail/client-setup/autodiscover";
import { clientLoginExample, mailProgramUserNames } from "@/lib/mail/client-setup/mail-account-login";
import { buildMobileconfig } from "@/lib/mail/client-setup/mobileconfig";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { getMailAdminOverview } from "@/lib/services/mail-accounts/mail-admin-overview";
import { routeAddress } from "@/lib/services/mail-accounts/route-address";
import { DEFAULT_SERVER_SETTINGS } from "@/lib/services/settings/server-settings";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { aDomainWithMailboxes, aMailAccount, TEST_PASSWORD } from "../support/factories";

let env: SeededDovecot;
beforeAll(async () => {
  env = await startSeededDovecot("kontor-usernames-");
});
afterAll(async () => {
  await env?.stop();
});

const between = (text: string, open: string, close: string) =>
  [...text.matchAll(new RegExp(`${open}([^<]*)${close}`, "g"))].map((m) => m[1]);
/** The user names each set-up file for `address` tells the mail program to use. */
function setupFileUserNames(address: string): Record<string, string[]> {
  const account = clientAccount(DEFAULT_SERVER_SETTINGS, address);
  const profile = buildMobileconfig(address, DEFAULT_SERVER_SETTINGS);
  return {
    autoconfig: between(buildAutoconfigXml(account), "<username>", "</username>"),
    autodiscover: between(buildAutodiscoverXml(account), "<LoginName>", "</LoginName>"),
    appleProfile: between(profile, "<key>(?:Incoming|Outgoing)MailServerUsername</key>\\s*<string>", "</string>"),
  };
}

async function logsIn(user: string, password: string) {
  return { imap: await imapLogin(user, password, env.ports.imap), smtp: await submissionLogin(user, password, env.ports.submission) };
}

describe("the user name every set-up file and help box gives logs in at Dovecot", () => {
  it("an address routed to a mail account: the set-up files' name works (and a wrong password does not)", async () => {
    // `.001` and `.002` with konto2@ of the customer's domain routed to it.
    const { actor } = (await aMailAccount(env.db, { extraAccounts: 1 })).admin;
    const routed = (await getMailAdminOverview(actor, env.db)).accounts.find((a) => a.addresses.length > 0);
    const address = routed?.addresses[0]?.address ?? "";
    expect(address).toContain("@");
    const files = setupFileUserNames(address);
    for (const [file, names] of Object.entries(files)) {
      expect(names.length, file).toBeGreaterThan(0);
      for (const name of names) expect(await logsIn(name, TEST_PASSWORD), `${file}: ${name}`).toEqual({ imap: true, smtp: true });
    }
    expect(await logsIn(address, "Falsches-Passwort-99!")).toEqual({ imap: false, smtp: false });
  });

  it("an account created in the E-Mail-Administration: every name its help boxes list logs in", async () => {
    // As the demo's customer: `.001` and `.002` with a routed address, beside the account created here.
    const { actor } = (await aMailAccount(env.db, { extraAccounts: 1 })).admin;
    const password = "Leuchtturm-Moewe-Duene-31";
    const created = await createMailAccount(actor, { quotaMb: 100, newPassword: password }, null, env.db);
    const overview = async () => await getMailAdminOverview(actor, env.db);
    const domainId = (await overview()).domains[0]?.id ?? 0;
    await routeAddress(actor, { accountId: created.id, domainId, localPart: "laden-info" }, null, env.db);
    const account = (await overview()).accounts.find((a) => a.id === created.id);
    if (!account) throw new Error("created account not listed");
    const names = mailProgramUserNames(account);
    expect(names).toEqual([expect.stringMatching(/^laden-info@/), created.login]);
    for (const name of names) expect(await logsIn(name, password), name).toEqual({ imap: true, smtp: true });
    // The accounts box's example names are among them.
    const example = clientLoginExample((await overview()).accounts);
    for (const name of [example.login, example.address].filter((n): n is string => !!n)) {
      expect((await logsIn(name, example.login === created.login ? password : TEST_PASSWORD)).imap, name).toBe(true);
    }
    // The set-up files for the routed address name that address, and it logs in too.
    for (const name of Object.values(setupFileUserNames(names[0])).flat()) expect((await logsIn(name, password)).imap, name).toBe(true);
  });

  it("a mailbox of a panel package: the full address, as the Serveradressen box and the set-up files say", async () => {
    const address = (await aDomainWithMailboxes(env.db, 1, { localParts: ["info"] })).mailboxes[0].address;
    for (const name of Object.values(setupFileUserNames(address)).flat())
      expect(await logsIn(name, TEST_PASSWORD), name).toEqual({ imap: true, smtp: true });
  });
});
