import type { Locator, Page } from "playwright-core";

/** The error text(s) a form field points to in its aria-describedby (ids ending in "error"). */
export async function fieldErrorText(page: Page, name: string, scope: Page | Locator = page): Promise<string> {
  const field = scope.locator(`[name="${name}"]`).first();
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter((id) => id.endsWith("error"));
  const texts = await Promise.all(
    ids.map(async (id) => {
      const el = page.locator(`[id="${id}"]`);
      return (await el.count()) ? el.innerText() : "";
    }),
  );
  return texts.join(" ").trim();
}
