import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authThrottle, customers, mailboxes, recoveryTokens, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { completePasswordReset, inspectResetLink } from "@/lib/services/recovery/redeem-link";
import { requestPasswordReset } from "@/lib/services/recovery/request-reset";
import { hashToken, TOKEN_TTL_MS } from "@/lib/services/recovery/tokens";
import { setPassword } from "@/lib/services/passwords/set-password";
import { storeServerSettings, DEFAULT_SERVER_SETTINGS } from "@/lib/services/settings/server-settings";
import { aCustomer, aDomainWithMailboxes, aMailAccount, emptyDb, TEST_PASSWORD, type TestCustomer } from "../support/factories";
import { firstRow } from "@/db/rows";

let handle: Awaited<ReturnType<typeof emptyDb>>;
const NEW_PASSWORD = "Leuchtturm-Nordsee-Brise-77";
const PUBLIC = "https://panel.kontor.example";
/** The customer whose links most tests follow (`email`, its login, is also its contact address). */
let kunde: TestCustomer;
let email: string;
/** A mailbox without a recovery address, and a `.001` account with its customer. */
let mailbox: string;
let mail: Awaited<ReturnType<typeof aMailAccount>>;

beforeAll(async () => {
  handle = await emptyDb();
  kunde = await aCustomer(handle.db);
  email = kunde.email;
  mailbox = (await aDomainWithMailboxes(handle.db, 1, { localParts: ["info"] })).mailboxes[0].address;
  mail = await aMailAccount(handle.db);
  await storeServerSettings(handle.db, { ...DEFAULT_SERVER_SETTINGS, publicUrl: PUBLIC });
});
beforeEach(async () => {
  await handle.db.delete(authThrottle);
});

const request = async (identifier: string, area: "ksc" | "mailadmin" | "mailbox" = "ksc", now = new Date()) =>
  await requestPasswordReset({ area, identifier, ip: "192.0.2.10", locale: "de" }, handle.db, now);

/** The answers of `n` requests made one after another, as a visitor clicking repeatedly would. */
async function inTurn<T>(n: number, send: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await send());
  return out;
}

function tokenFrom(result: Awaited<ReturnType<typeof request>>): string {
  if (!result.ok || !result.mail) throw new Error("expected a mail");
  const match = new RegExp(`${PUBLIC}/reset#([A-Za-z0-9_-]{43})`).exec(result.mail.text);
  if (!match) throw new Error("no link in mail");
  return match[1];
}

const complete = (token: string, now = new Date(), newPassword = NEW_PASSWORD) =>
  completePasswordReset({ token, newPassword, ip: "192.0.2.10", locale: "de" }, handle.db, now);

const customerHash = async (email: string) =>
  (await firstRow(handle.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, email))))?.h ?? "";

describe("recovery links", () => {
  it("mails a link built from the configured public URL to the contact address; only the hash is stored", async () => {
    const result = await request(kunde.customerNumber);
    const token = tokenFrom(result);
    expect(result.ok && result.mail?.to).toBe(email);
    expect(token).toHaveLength(43); // 256 bits, base64url
    const rows = await handle.db.select().from(recoveryTokens);
    expect(rows.some((r) => r.tokenHash === hashToken(token))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("shows only the account on confirmation, no Stammdaten (issue 25, point 11), without spending the link", async () => {
    const token = tokenFrom(await request(email));
    const view = await inspectResetLink(token, handle.db);
    expect(view).toEqual({ account: email, needsSecondFactor: false });
    const customer = await firstRow(
      handle.db
        .select({
          customerNumber: customers.customerNumber,
          street: customers.street,
          phone: customers.phone,
          postalCode: customers.postalCode,
        })
        .from(customers)
        .innerJoin(users, eq(users.customerId, customers.id))
        .where(eq(users.email, email)),
    );
    expect(customer?.customerNumber).toBeTruthy();
    for (const value of Object.values(customer ?? {})) if (value) expect(JSON.stringify(view)).not.toContain(value);
    expect((await inspectResetLink(token, handle.db)).account).toBe(email);
  });

  it("works once: a reused link is refused", async () => {
    const token = tokenFrom(await request(email));
    const notice = await complete(token);
    expect(notice.to).toBe(email);
    expect(await verifyPassword(await customerHash(email), NEW_PASSWORD)).toBe(true);
    await expect(complete(token, new Date(), "Andere-Passphrase-Wald-91")).rejects.toThrow("recovery.linkInvalid");
  });

  it("expires after 30 minutes", async () => {
    const issued = new Date();
    const token = tokenFrom(await request(email, "ksc", issued));
    const late = new Date(issued.getTime() + TOKEN_TTL_MS + 1000);
    await expect(async () => await inspectResetLink(token, handle.db, late)).rejects.toThrow("recovery.linkInvalid");
    await expect(complete(token, late, "Spaete-Antwort-Regen-2024x")).rejects.toThrow("recovery.linkInvalid");
  });

  it("a newer link voids the older one", async () => {
    const older = tokenFrom(await request(email));
    const newer = tokenFrom(await request(kunde.customerNumber));
    await expect(async () => await inspectResetLink(older, handle.db)).rejects.toThrow("recovery.linkInvalid");
    expect((await inspectResetLink(newer, handle.db)).account).toBe(email);
  });

  it("a password change voids open links", async () => {
    const token = tokenFrom(await request(email));
    const user = await firstRow(handle.db.select().from(users).where(eq(users.email, email)));
    await setPassword(
      { kind: "user", id: user?.id ?? 0 },
      TEST_PASSWORD,
      { actor: null, action: "password.reset", skipPolicy: true },
      handle.db,
    );
    await expect(async () => await inspectResetLink(token, handle.db)).rejects.toThrow("recovery.linkInvalid");
  });

  it("a weak password is refused without spending the link", async () => {
    const token = tokenFrom(await request(email));
    await expect(complete(token, new Date(), "kurz")).rejects.toThrow("errors.checkFields");
    expect((await inspectResetLink(token, handle.db)).account).toBe(email);
  });

  it("of parallel redemptions exactly one succeeds", async () => {
    const token = tokenFrom(await request(email));
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => complete(token, new Date(), `Parallel-Versuch-Nummer-${i}x`)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("gives the same answer for unknown accounts and stores only an unusable decoy", async () => {
    const before = (await handle.db.select().from(recoveryTokens)).length;
    const unknown = await request("niemand@test.example");
    expect(unknown).toEqual({ ok: true, mail: null });
    const rows = await handle.db.select().from(recoveryTokens);
    expect(rows).toHaveLength(before + 1);
    expect(rows[rows.length - 1]).toMatchObject({ principalId: 0, sentTo: "" });
    await expect(async () => await inspectResetLink("x".repeat(43), handle.db)).rejects.toThrow("recovery.linkInvalid");
  });

  it("sends a mailbox's link to its recovery address, and nothing when none is stored", async () => {
    expect(await request(mailbox, "mailbox")).toEqual({ ok: true, mail: null });
    await handle.db.update(mailboxes).set({ recoveryEmail: "privat@example.org" }).where(eq(mailboxes.address, mailbox));
    const result = await request(mailbox.toUpperCase(), "mailbox");
    expect(result.ok && result.mail?.to).toBe("privat@example.org");
  });

  it("sends the .001 account's link to its customer's contact address", async () => {
    await handle.db.update(customers).set({ contactEmail: "kontakt@firma.example" }).where(eq(customers.id, mail.customer.id));
    const result = await request(mail.admin.login, "mailadmin");
    expect(result.ok && result.mail?.to).toBe("kontakt@firma.example");
  });

  it("limits requests per typed name and client address with the same answer for any name", async () => {
    const answers = await inTurn(11, () => request("niemand@test.example"));
    expect(answers[9]).toEqual({ ok: true, mail: null });
    expect(answers[10]).toMatchObject({ ok: false });
    await handle.db.delete(authThrottle);
    const known = await inTurn(11, () => request(email));
    expect(known[10]).toMatchObject({ ok: false });
  });
});
