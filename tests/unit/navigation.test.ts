import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/load-messages";
import { NAVIGATION } from "@/lib/authz/navigation";
import { type Role, roleHas } from "@/lib/authz/permissions";

/** The page file of `/ksc/domains` in any route group: app/(x)/ksc/domains/page.tsx. */
function pageFile(href: string): string | undefined {
  const app = path.join(process.cwd(), "app");
  const groups = ["", ...fs.readdirSync(app).filter((d) => d.startsWith("("))];
  return groups.map((g) => path.join(app, g, href, "page.tsx")).find((f) => fs.existsSync(f));
}

const entries = Object.entries(NAVIGATION).flatMap(([role, items]) =>
  items.map((i) => [role as Role, i.href, i.label, i.permission] as const),
);
const nav = loadMessages("de").nav as Record<string, string>;

describe("navigation", () => {
  it.each(entries)("%s: %s has a page and a label, and the role holds what the page asks", (role, href, label, permission) => {
    const file = pageFile(href);
    expect(file, `missing page for ${href}`).toBeDefined();
    expect(nav[label]).toBeTruthy();
    const asked = /(?:requirePermission|requireEnrolledActor)\("([\w.]+)"\)/.exec(fs.readFileSync(file ?? "", "utf8"))?.[1];
    expect(asked, `${href} asks for`).toBe(permission);
    expect(roleHas(role, permission), `${role} holds ${permission}`).toBe(true);
  });
});
