/**
 * Dovecot's SQL userdb (view dovecot_userdb): mail to an address routed in the E-Mail-Administration
 * lands in the account's INBOX at once, unrouted and unknown addresses are refused at LMTP, and the
 * quotas set in Kontor are enforced at delivery and reported over IMAP. Runs its own Dovecot; each test
 * builds the customer it needs with the factories.
 */
import { eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { setMailAccountQuota } from "@/lib/services/mail-accounts/manage-mail-account";
import { routeAddress, unrouteAddress } from "@/lib/services/mail-accounts/route-address";
import { aDomainWithMailboxes, aMailAccount, TEST_PASSWORD } from "../support/factories";
import { deliverLmtp, listMailbox } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";

let env: SeededDovecot;
const ip = "192.0.2.56";

beforeAll(async () => {
  env = await startSeededDovecot("kontor-routing-");
});
afterAll(async () => {
  await env?.stop();
});

/**
 * A customer of the test's own with a package without panel: `.001` (the E-Mail-Administration) and
 * `.002`, to which konto2@ of the customer's domain is routed. Each test builds its own, so a quota or
 * a switched-off account of one test never reaches another.
 */
async function mailCustomer() {
  const world = await aMailAccount(env.db, { extraAccounts: 1 });
  return { ...world, account2: world.accounts[0], routed: `konto2@${world.domain.name}` };
}
const subjects = async (login: string) => (await listMailbox(env.ports.imap, login, TEST_PASSWORD)).map((m) => `${m.folder}:${m.subject}`);
/** The LMTP answer, or the server's refusal code when nodemailer rejects the recipient. */
const deliver = (to: string, subject: string, body?: string) =>
  deliverLmtp(env.ports.lmtp, { from: "sender@example.net", to, subject, body }).catch((e: unknown) => {
    const refusal = e as { responseCode?: number; response?: string };
    return `${String(refusal.responseCode)} ${String(refusal.response)}`;
  });

describe("routed addresses", () => {
  it("deliver an address routed to .002 into .002's INBOX, in any letter case", async () => {
    const { admin, account2, routed, domain } = await mailCustomer();
    expect(await deliver(routed, "routed")).toMatch(/^250/);
    expect(await deliver(`Konto2@${domain.name[0].toUpperCase()}${domain.name.slice(1)}`, "routed-case")).toMatch(/^250/);
    expect(await subjects(account2.login)).toEqual(expect.arrayContaining(["INBOX:routed", "INBOX:routed-case"]));
    expect(await subjects(admin.login)).not.toContain("INBOX:routed");
  });

  it("deliver a newly routed address at once, and refuse it again once unrouted", async () => {
    const { admin, domain } = await mailCustomer();
    const vertrieb = `vertrieb@${domain.name}`;
    expect(await deliver(vertrieb, "before-route")).toMatch(/^550/);
    const id = await routeAddress(admin.actor, { accountId: admin.id, domainId: domain.id, localPart: "vertrieb" }, ip, env.db);
    expect(await deliver(vertrieb, "after-route")).toMatch(/^250/);
    expect(await subjects(admin.login)).toContain("INBOX:after-route");
    await unrouteAddress(admin.actor, id, ip, env.db);
    expect(await deliver(vertrieb, "after-unroute")).toMatch(/^550/);
  });

  it("refuse routed addresses of a disabled account", async () => {
    const { account2, routed } = await mailCustomer();
    // Taken while enabled, so the refusal below is the switch's doing.
    expect(await deliver(routed, "enabled-account")).toMatch(/^250/);
    await env.db.update(schema.mailAccounts).set({ enabled: false }).where(eq(schema.mailAccounts.id, account2.id));
    expect(await deliver(routed, "disabled-account")).toMatch(/^550/);
  });
});

describe("quotas", () => {
  it("refuse delivery beyond the account quota set in the E-Mail-Administration, permanently", async () => {
    const { admin, account2, routed } = await mailCustomer();
    await setMailAccountQuota(admin.actor, account2.id, 1, ip, env.db);
    const big = "x".repeat(76) + "\n";
    expect(await deliver(routed, "fits", big.repeat(2_000))).toMatch(/^250/);
    expect(await deliver(routed, "too-big", big.repeat(20_000))).toMatch(/^552/);
    expect(await subjects(account2.login)).not.toContain("INBOX:too-big");
  });

  it("report each mailbox's quota over IMAP, and none for unlimited ones", async () => {
    const [limited, unlimitedBox] = (await aDomainWithMailboxes(env.db, 2, { localParts: ["info", "anna"] })).mailboxes;
    await env.db.update(schema.mailboxes).set({ quotaMb: 250 }).where(eq(schema.mailboxes.id, limited.id));
    await env.db.update(schema.mailboxes).set({ quotaMb: null }).where(eq(schema.mailboxes.id, unlimitedBox.id));
    const quota = async (user: string) => {
      const client = new ImapFlow({
        host: "127.0.0.1",
        port: env.ports.imap,
        secure: false,
        logger: false,
        auth: { user, pass: TEST_PASSWORD },
      });
      client.on("error", () => {});
      await client.connect();
      try {
        return await client.getQuota("INBOX");
      } finally {
        await client.logout();
      }
    };
    const limitedQuota = await quota(limited.address);
    expect(limitedQuota && limitedQuota.storage?.limit).toBe(250 * 1024 * 1024);
    const unlimited = await quota(unlimitedBox.address);
    expect(unlimited === false || unlimited.storage === undefined).toBe(true);
  });
});
