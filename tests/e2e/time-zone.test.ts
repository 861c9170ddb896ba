/**
 * The production server of the test run says TZ=UTC (scripts/test-all.sh); the audit log must still
 * show the hoster's zone (KONTOR_TIME_ZONE, default Europe/Berlin).
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import * as schema from "@/db/schema";
import { aCustomer, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";
import { firstRow } from "@/db/rows";
import { openRunDb } from "../support/run-db";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const inZone = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("de", { dateStyle: "short", timeStyle: "medium", timeZone }).format(at);

describe("times on a page of a server running in UTC", () => {
  it("shows the customer's login in the audit log in Berlin time", async () => {
    const customer = await aCustomer(sharedDb());
    const context = await browser.newContext({ locale: "de-DE", timezoneId: "UTC" });
    const page = await context.newPage();
    await logIn(page, customer.email, TEST_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    await page.goto(`${BASE_URL}/ksc/audit`);
    const { db, close } = openRunDb();
    try {
      const login = await firstRow(
        db
          .select({ at: schema.auditLog.at })
          .from(schema.auditLog)
          .where(and(eq(schema.auditLog.action, "login.success"), eq(schema.auditLog.actorId, customer.userId)))
          .orderBy(desc(schema.auditLog.id)),
      );
      expect(login).toBeDefined();
      const at = login?.at ?? new Date(0);
      expect(inZone(at, "Europe/Berlin")).not.toBe(inZone(at, "UTC"));
      const shown = await page.locator("main").innerText();
      expect(shown).toContain(inZone(at, "Europe/Berlin"));
      expect(shown).not.toContain(inZone(at, "UTC"));
    } finally {
      await close();
      await context.close();
    }
  });
});
