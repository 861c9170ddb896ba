import type { BrowserContext, ConsoleMessage, Page, Worker } from "playwright-core";

/**
 * Collects every Content-Security-Policy violation a browser context reports: the page's
 * `securitypolicyviolation` events (forwarded to the console by an init script, which CDP injects
 * outside the page's CSP) and Chromium's own "Refused to …" console errors, from pages and workers.
 */
export async function watchCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP-VIOLATION ${e.effectiveDirective} blocked=${e.blockedURI || "inline"} at ${e.documentURI}`);
    });
  });
  const onConsole = (where: string) => (msg: ConsoleMessage) => {
    const text = msg.text();
    if (/CSP-VIOLATION|Content Security Policy/i.test(text)) violations.push(`${where}: ${text}`);
  };
  const watchPage = (page: Page) => {
    page.on("console", onConsole(page.url() || "page"));
    page.on("worker", (worker: Worker) => worker.on("console", onConsole(`worker ${worker.url()}`)));
  };
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
  return violations;
}
