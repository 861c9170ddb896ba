import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authThrottle, customers, mailboxes, recoveryTokens, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/password-hash";
import { completePasswordReset, inspectResetLink } from "@/lib/services/recovery/redeem-link";
import { requestPasswordReset } from "@/lib/services/recovery/request-reset";
import { hashToken, TOKEN_TTL_MS } from "@/lib/services/recovery/tokens";
import { setPassword } from "@/lib/services/passwords/set-password";
import { storeServerSettings, DEFAULT_SERVER_SETTINGS } from "@/lib/services/settings/server-settings";
import { createSeededDb } from "../support/seeded-db";

let handle: Awaited<ReturnType<typeof createSeededDb>>;
const NEW_PASSWORD = "Leuchtturm-Nordsee-Brise-77";
const PUBLIC = "https://panel.kontor.example";

beforeAll(async () => {
  handle = await createSeededDb();
  storeServerSettings(handle.db, { ...DEFAULT_SERVER_SETTINGS, publicUrl: PUBLIC });
});
beforeEach(() => {
  handle.db.delete(authThrottle).run();
});

const request = (identifier: string, area: "ksc" | "mailadmin" | "mailbox" = "ksc", now = new Date()) =>
  requestPasswordReset({ area, identifier, ip: "192.0.2.10", locale: "de" }, handle.db, now);

function tokenFrom(result: ReturnType<typeof request>): string {
  if (!result.ok || !result.mail) throw new Error("expected a mail");
  const match = new RegExp(`${PUBLIC}/reset#([A-Za-z0-9_-]{43})`).exec(result.mail.text);
  if (!match) throw new Error("no link in mail");
  return match[1];
}

const complete = (token: string, now = new Date(), newPassword = NEW_PASSWORD) =>
  completePasswordReset({ token, newPassword, ip: "192.0.2.10", locale: "de" }, handle.db, now);

const customerHash = (email: string) =>
  handle.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, email)).get()?.h ?? "";

describe("recovery links", () => {
  it("mails a link built from the configured public URL to the contact address; only the hash is stored", () => {
    const result = request("K20001");
    const token = tokenFrom(result);
    expect(result.ok && result.mail?.to).toBe("kunde3@kontor.example");
    expect(token).toHaveLength(43); // 256 bits, base64url
    const rows = handle.db.select().from(recoveryTokens).all();
    expect(rows.some((r) => r.tokenHash === hashToken(token))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("shows only the account on confirmation, no Stammdaten (issue 25, point 11), without spending the link", () => {
    const token = tokenFrom(request("kunde3@kontor.example"));
    const view = inspectResetLink(token, handle.db);
    expect(view).toEqual({ account: "kunde3@kontor.example", needsSecondFactor: false });
    const customer = handle.sqlite
      .prepare(
        "SELECT c.customer_number, c.street, c.phone, c.postal_code FROM customers c JOIN users u ON u.customer_id = c.id WHERE u.email = ?",
      )
      .get("kunde3@kontor.example") as Record<string, string>;
    expect(customer.customer_number).toBeTruthy();
    for (const value of Object.values(customer)) expect(JSON.stringify(view)).not.toContain(value);
    expect(inspectResetLink(token, handle.db).account).toBe("kunde3@kontor.example");
  });

  it("works once: a reused link is refused", async () => {
    const token = tokenFrom(request("kunde3@kontor.example"));
    const notice = await complete(token);
    expect(notice.to).toBe("kunde3@kontor.example");
    expect(await verifyPassword(customerHash("kunde3@kontor.example"), NEW_PASSWORD)).toBe(true);
    await expect(complete(token, new Date(), "Andere-Passphrase-Wald-91")).rejects.toThrow("recovery.linkInvalid");
  });

  it("expires after 30 minutes", async () => {
    const issued = new Date();
    const token = tokenFrom(request("kunde3@kontor.example", "ksc", issued));
    const late = new Date(issued.getTime() + TOKEN_TTL_MS + 1000);
    expect(() => inspectResetLink(token, handle.db, late)).toThrow("recovery.linkInvalid");
    await expect(complete(token, late, "Spaete-Antwort-Regen-2024x")).rejects.toThrow("recovery.linkInvalid");
  });

  it("a newer link voids the older one", async () => {
    const older = tokenFrom(request("kunde3@kontor.example"));
    const newer = tokenFrom(request("K20001"));
    expect(() => inspectResetLink(older, handle.db)).toThrow("recovery.linkInvalid");
    expect(inspectResetLink(newer, handle.db).account).toBe("kunde3@kontor.example");
  });

  it("a password change voids open links", async () => {
    const token = tokenFrom(request("kunde3@kontor.example"));
    const user = handle.db.select().from(users).where(eq(users.email, "kunde3@kontor.example")).get();
    await setPassword({ kind: "user", id: user?.id ?? 0 }, DEMO_PASSWORD, { actor: null, action: "test", skipPolicy: true }, handle.db);
    expect(() => inspectResetLink(token, handle.db)).toThrow("recovery.linkInvalid");
  });

  it("a weak password is refused without spending the link", async () => {
    const token = tokenFrom(request("kunde3@kontor.example"));
    await expect(complete(token, new Date(), "kurz")).rejects.toThrow("errors.checkFields");
    expect(inspectResetLink(token, handle.db).account).toBe("kunde3@kontor.example");
  });

  it("of parallel redemptions exactly one succeeds", async () => {
    const token = tokenFrom(request("kunde3@kontor.example"));
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => complete(token, new Date(), `Parallel-Versuch-Nummer-${i}x`)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("gives the same answer for unknown accounts and stores only an unusable decoy", () => {
    const before = handle.db.select().from(recoveryTokens).all().length;
    const unknown = request("niemand@kontor.example");
    expect(unknown).toEqual({ ok: true, mail: null });
    const rows = handle.db.select().from(recoveryTokens).all();
    expect(rows).toHaveLength(before + 1);
    expect(rows[rows.length - 1]).toMatchObject({ principalId: 0, sentTo: "" });
    expect(() => inspectResetLink("x".repeat(43), handle.db)).toThrow("recovery.linkInvalid");
  });

  it("sends a mailbox's link to its recovery address, and nothing when none is stored", () => {
    expect(request("info@suedwind-kunde.example", "mailbox")).toEqual({ ok: true, mail: null });
    handle.db
      .update(mailboxes)
      .set({ recoveryEmail: "privat@example.org" })
      .where(eq(mailboxes.address, "info@suedwind-kunde.example"))
      .run();
    const result = request("INFO@suedwind-kunde.example", "mailbox");
    expect(result.ok && result.mail?.to).toBe("privat@example.org");
  });

  it("sends the .001 account's link to its customer's contact address", () => {
    const result = request("k10001.001", "mailadmin");
    const contact = handle.db.select({ c: customers.contactEmail }).from(customers).where(eq(customers.customerNumber, "K10001")).get()?.c;
    expect(result.ok && result.mail?.to).toBe(contact);
  });

  it("limits requests per typed name and client address with the same answer for any name", () => {
    const answers = Array.from({ length: 11 }, () => request("niemand@kontor.example"));
    expect(answers[9]).toEqual({ ok: true, mail: null });
    expect(answers[10]).toMatchObject({ ok: false });
    handle.db.delete(authThrottle).run();
    const known = Array.from({ length: 11 }, () => request("kunde3@kontor.example"));
    expect(known[10]).toMatchObject({ ok: false });
  });
});
