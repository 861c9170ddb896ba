import { it } from "vitest";
import { DEMO_PASSWORD } from "@/db/seed";
import { BASE_URL, launchChromium, logIn } from "/work/main/tests/e2e/support/browser";

it("shots", async () => {
  const browser = await launchChromium();
  const page = await (await browser.newContext({ locale: "de-DE", viewport: { width: 1280, height: 1000 } })).newPage();
  const who = process.env.SHOT_USER ?? "support@kontor.example";
  await logIn(page, who, DEMO_PASSWORD, "KundenServiceCenter");
  await page.waitForURL(/\/(support|ksc|admin|reseller)$/);
  if (process.env.SHOT_LANG) {
    await page.getByRole("button", { name: process.env.SHOT_LANG, exact: true }).click();
    await page.waitForTimeout(1500);
  }
  for (const u of (process.env.SHOT_URLS ?? "").split(",").filter(Boolean)) {
    const res = await page.goto(`${BASE_URL}${u}`);
    const name = u.replace(/[^a-z0-9]+/gi, "_");
    await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
    console.log(u, res?.status(), (await page.locator("main").innerText()).slice(0, 600).replace(/\n/g, " | "));
  }
  await browser.close();
}, 120_000);
