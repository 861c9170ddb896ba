// Takes the README screenshots from a running panel: npx tsx scripts/screenshot.ts [baseUrl]
import { DEMO_PASSWORD } from "@/db/seed";
import { launchChromium, logIn } from "@/tests/e2e/support/browser";

const base = process.argv.at(2) ?? process.env.KONTOR_BASE_URL ?? "http://127.0.0.1:3000";
process.env.KONTOR_BASE_URL = base;
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
await page.goto(`${base}/login`);
await page.screenshot({ path: "docs/login.png" });
await logIn(page, "kunde@kontor.example", DEMO_PASSWORD, "KundenServiceCenter");
await page.waitForURL(`${base}/ksc`);
await page.screenshot({ path: "docs/ksc.png", fullPage: true });
await browser.close();
console.log("docs/login.png, docs/ksc.png written");
