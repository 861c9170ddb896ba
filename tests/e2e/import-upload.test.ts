/**
 * The customer's CSV import in German: upload, "Prüfen" lists each problem with its line and writes
 * nothing, a corrected file shows its preview, "Importieren" applies it, the generated password is
 * shown once, and the imported {SHA512-CRYPT} hash logs in at Dovecot's IMAP straight away.
 */
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailboxes } from "@/db/schema";
import { portsFromEnv } from "@/scripts/lib/dovecot-process";
import { imapLogin } from "../support/mail-clients";
import { aPanelMailbox, INITIAL_PASSWORD } from "./panel-support";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";
import { firstRow } from "@/db/rows";

const SHA512 = "{SHA512-CRYPT}$6$wj1Y9CiyxdBcJnE2$QQMcKbX46.fttIWGLdhqeIptbgXdDWg7bvelJ7SDy7OhS3eP77.8.Xzm8NIimBxpCR2tCaabCieVpValtWdO..";
const OLD = "Alte-Passphrase-7!";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const file = (lines: string[]) => ({
  name: "umzug.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(["type;address;password;quota_mb;enabled;targets", ...lines].join("\n")),
});

describe("CSV import in the KundenServiceCenter", () => {
  it("checks, lists problems by line, previews and applies; the imported hash works at IMAP", async () => {
    const db = sharedDb();
    // A customer of its own with a Plesk package (its domain already holds info@).
    const { customer, domain, subscriptionId } = await aPanelMailbox("plesk8");
    const [alt, gen, alias] = ["imp-alt", "imp-gen", "imp-kontakt"].map((local) => `${local}@${domain}`);
    const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
    await logIn(page, customer, INITIAL_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    await page.getByRole("link", { name: "Import & Export" }).click();
    await page.getByRole("heading", { name: "Import & Export" }).waitFor();
    await page.getByLabel("Ziel-Paket").selectOption(String(subscriptionId));

    const good = [`mailbox;${alt};${SHA512};;ja;`, `mailbox;${gen};generate;;;`, `alias;${alias};;;;${alt}`];
    await page.getByLabel("CSV-Datei").setInputFiles(file([...good, "mailbox;x@unbekannt.example;generate;;;", good[0]]));
    await page.getByRole("button", { name: "Prüfen" }).click();
    const problems = page.getByRole("region", { name: "Probleme" });
    await problems.waitFor();
    expect(await problems.getByRole("row").allInnerTexts()).toEqual([
      expect.stringContaining("Zeile"),
      expect.stringMatching(/^5\s+Die Domain unbekannt\.example ist unbekannt/),
      expect.stringMatching(/^6\s+Diese Zeile wiederholt Zeile 2\./),
    ]);
    await page.getByText("Die Prüfung hat 2 Probleme gefunden. Es wurde nichts geschrieben.").waitFor();
    expect(await page.getByRole("button", { name: "Importieren" }).count()).toBe(0);
    expect(await firstRow(db.select().from(mailboxes).where(eq(mailboxes.address, alt)))).toBeUndefined();

    await page.getByLabel("CSV-Datei").setInputFiles(file(good));
    await page.getByRole("button", { name: "Prüfen" }).click();
    const preview = page.getByRole("region", { name: "Vorschau" });
    await preview.waitFor();
    await page.getByText("Die Datei ist in Ordnung.", { exact: false }).waitFor();
    expect(await preview.getByRole("row").count()).toBe(4);
    await preview.getByText("vorhandener Hash SHA512-CRYPT").waitFor();
    expect(await page.content()).not.toContain("$6$wj1Y9");

    await page.getByRole("button", { name: "Importieren" }).click();
    // Applied as a job in batches: its progress is listed from the database, so a reload shows it again.
    await page.getByText("3 Zeilen werden jetzt in Schritten übernommen.", { exact: false }).waitFor();
    const jobs = page.getByRole("region", { name: "Importe" });
    await jobs.getByText("3 Zeilen wurden übernommen.").waitFor();
    expect(await jobs.getByRole("progressbar").first().getAttribute("value")).toBe("3");
    const generated = page.getByRole("region", { name: "Erzeugte Passwörter" });
    await generated.waitFor();
    const password = (await generated.getByRole("row").nth(1).getByRole("cell").nth(1).innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(15);

    expect((await firstRow(db.select().from(mailboxes).where(eq(mailboxes.address, alt))))?.passwordHash).toBe(SHA512);
    expect(await imapLogin(alt, OLD, portsFromEnv().imap)).toBe(true);
    expect(await imapLogin(gen, password, portsFromEnv().imap)).toBe(true);
    await page.reload();
    await page.getByRole("region", { name: "Importe" }).getByText("3 Zeilen wurden übernommen.").first().waitFor();

    // Export: the customer's CSV lists the imported mailbox without its hash ("keep", so it imports again); hashes are admin-only.
    const href = await page.getByRole("link", { name: "CSV", exact: true }).first().getAttribute("href");
    expect(href).toMatch(/^\/api\/export\?subscription=\d+&format=csv$/);
    const exported = await page.request.get(`${BASE_URL}/api/export?subscription=${String(subscriptionId)}&format=csv`);
    expect(exported.status()).toBe(200);
    const text = await exported.text();
    expect(text).toContain(`mailbox,${alt},keep,`);
    expect(text).not.toContain("$6$");
    expect((await page.request.get(`${BASE_URL}/api/export?subscription=${String(subscriptionId)}&format=csv&hashes=1`)).status()).toBe(
      403,
    );
  });
});
