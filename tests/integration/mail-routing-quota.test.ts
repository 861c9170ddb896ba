/**
 * Dovecot's SQL userdb (view dovecot_userdb): mail to an address routed in the E-Mail-Administration
 * lands in the account's INBOX at once, unrouted and unknown addresses are refused at LMTP, and the
 * quotas set in Kontor are enforced at delivery and reported over IMAP.
 */
import { eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { loadActor } from "@/lib/auth/principals";
import { setMailAccountQuota } from "@/lib/services/mail-accounts/manage-mail-account";
import { routeAddress, unrouteAddress } from "@/lib/services/mail-accounts/route-address";
import { deliverLmtp, listMailbox } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { firstRow } from "@/db/rows";

let env: SeededDovecot;
const ip = "192.0.2.56";

beforeAll(async () => {
  env = await startSeededDovecot("kontor-routing-");
});
afterAll(async () => {
  await env?.stop();
});

const account = async (login: string) =>
  (await firstRow(env.db.select().from(schema.mailAccounts).where(eq(schema.mailAccounts.login, login))))!;
const mailAdmin = async () => (await loadActor(env.db, "mail_account", (await account("k10001.001")).id))!;
const subjects = async (login: string) => (await listMailbox(env.ports.imap, login, DEMO_PASSWORD)).map((m) => `${m.folder}:${m.subject}`);
/** The LMTP answer, or the server's refusal code when nodemailer rejects the recipient. */
const deliver = (to: string, subject: string, body?: string) =>
  deliverLmtp(env.ports.lmtp, { from: "sender@example.net", to, subject, body }).catch((e: unknown) => {
    const refusal = e as { responseCode?: number; response?: string };
    return `${String(refusal.responseCode)} ${String(refusal.response)}`;
  });

describe("routed addresses", () => {
  it("deliver the seeded kontakt@dorfladen.example into k10001.002's INBOX", async () => {
    expect(await deliver("kontakt@dorfladen.example", "routed-seed")).toMatch(/^250/);
    expect(await deliver("Kontakt@Dorfladen.example", "routed-seed-case")).toMatch(/^250/);
    expect(await subjects("k10001.002")).toEqual(expect.arrayContaining(["INBOX:routed-seed", "INBOX:routed-seed-case"]));
    expect(await subjects("k10001.001")).not.toContain("INBOX:routed-seed");
  });

  it("deliver a newly routed address at once, and refuse it again once unrouted", async () => {
    const domain = (await firstRow(env.db.select().from(schema.domains).where(eq(schema.domains.name, "dorfladen.example"))))!;
    expect(await deliver("vertrieb@dorfladen.example", "before-route")).toMatch(/^550/);
    const id = await routeAddress(
      await mailAdmin(),
      { accountId: (await account("k10001.001")).id, domainId: domain.id, localPart: "vertrieb" },
      ip,
      env.db,
    );
    expect(await deliver("vertrieb@dorfladen.example", "after-route")).toMatch(/^250/);
    expect(await subjects("k10001.001")).toContain("INBOX:after-route");
    await unrouteAddress(await mailAdmin(), id, ip, env.db);
    expect(await deliver("vertrieb@dorfladen.example", "after-unroute")).toMatch(/^550/);
  });

  it("refuse routed addresses of a disabled account", async () => {
    await env.db.update(schema.mailAccounts).set({ enabled: false }).where(eq(schema.mailAccounts.login, "k10001.002"));
    try {
      expect(await deliver("kontakt@dorfladen.example", "disabled-account")).toMatch(/^550/);
    } finally {
      await env.db.update(schema.mailAccounts).set({ enabled: true }).where(eq(schema.mailAccounts.login, "k10001.002"));
    }
  });
});

describe("quotas", () => {
  it("refuse delivery beyond the account quota set in the E-Mail-Administration, permanently", async () => {
    const target = await account("k10001.002");
    await setMailAccountQuota(await mailAdmin(), target.id, 1, ip, env.db);
    const big = "x".repeat(76) + "\n";
    expect(await deliver("kontakt@dorfladen.example", "fits", big.repeat(2_000))).toMatch(/^250/);
    expect(await deliver("kontakt@dorfladen.example", "too-big", big.repeat(20_000))).toMatch(/^552/);
    expect(await subjects("k10001.002")).not.toContain("INBOX:too-big");
  });

  it("report each mailbox's quota over IMAP, and none for unlimited ones", async () => {
    const limited = (await firstRow(
      env.db.select().from(schema.mailboxes).where(eq(schema.mailboxes.address, "info@alpenblick.example")),
    ))!;
    await env.db.update(schema.mailboxes).set({ quotaMb: 250 }).where(eq(schema.mailboxes.id, limited.id));
    await env.db.update(schema.mailboxes).set({ quotaMb: null }).where(eq(schema.mailboxes.address, "anna@alpenblick.example"));
    const quota = async (user: string) => {
      const client = new ImapFlow({
        host: "127.0.0.1",
        port: env.ports.imap,
        secure: false,
        logger: false,
        auth: { user, pass: DEMO_PASSWORD },
      });
      client.on("error", () => {});
      await client.connect();
      try {
        return await client.getQuota("INBOX");
      } finally {
        await client.logout();
      }
    };
    const limitedQuota = await quota("info@alpenblick.example");
    expect(limitedQuota && limitedQuota.storage?.limit).toBe(250 * 1024 * 1024);
    const unlimited = await quota("anna@alpenblick.example");
    expect(unlimited === false || unlimited.storage === undefined).toBe(true);
  });
});
