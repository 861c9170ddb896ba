import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/load-messages";
import { NAVIGATION } from "@/lib/navigation";

/** Maps `/ksc/domains` to the page file of any route group: app/(x)/ksc/domains/page.tsx. */
function pageExists(href: string): boolean {
  const app = path.join(process.cwd(), "app");
  const groups = ["", ...fs.readdirSync(app).filter((d) => d.startsWith("("))];
  return groups.some((g) => fs.existsSync(path.join(app, g, href, "page.tsx")));
}

const entries = Object.entries(NAVIGATION).flatMap(([role, items]) => items.map((i) => [role, i.href, i.label] as const));
const nav = loadMessages("de").nav as Record<string, string>;

describe("navigation", () => {
  it.each(entries)("%s: %s has a page and a label", (_role, href, label) => {
    expect(pageExists(href), `missing page for ${href}`).toBe(true);
    expect(nav[label]).toBeTruthy();
  });
});
