import type { Permission, Role } from "./permissions";

/**
 * Side navigation per role; labels are keys in the "nav" namespace. Each entry names the permission its
 * page asks for: tests/unit/navigation.test.ts checks that the page exists, asks exactly that, and that
 * the role holds it, so the menu never offers a page the permission table would refuse.
 */
export type NavEntry = { href: string; label: string; permission: Permission };

/** A page of an area: its label, its path below the area's start page, and its permission if not the area's. */
type Page = [label: string, path: string, permission?: Permission];

/** An area's entries: one table row per page instead of a repeated object shape per entry. */
function area(base: string, permission: Permission, pages: Page[]): NavEntry[] {
  return pages.map(([label, path, own]) => ({ href: `${base}${path}`, label, permission: own ?? permission }));
}

/** The API keys page is shared by the staff and customer areas. */
const API_KEYS: NavEntry = { href: "/api-schluessel", label: "apiKeys", permission: "apikeys.manage" };

export const NAVIGATION: Record<Role, NavEntry[]> = {
  customer: [
    ...area("/ksc", "customer.self", [
      ["start", ""],
      ["domains", "/domains"],
      ["stammdaten", "/stammdaten"],
      ["account", "/account"],
      ["supportCenter", "/support"],
      ["import", "/import", "import.manage"],
      ["security", "/security"],
      ["auditLog", "/audit"],
    ]),
    API_KEYS,
  ],
  reseller: [
    ...area("/reseller", "reseller.manage", [
      ["start", ""],
      ["customers", "/customers"],
      ["packages", "/packages"],
      ["import", "/import", "import.manage"],
      ["auditLog", "/audit"],
      ["security", "/security"],
    ]),
    API_KEYS,
  ],
  admin: [
    ...area("/admin", "admin.manage", [
      ["start", ""],
      ["resellers", "/resellers"],
      ["settings", "/settings", "settings.manage"],
      ["import", "/import", "import.manage"],
      ["auditLog", "/audit"],
      ["mfaReset", "/mfa", "mfa.reset"],
      ["security", "/security"],
    ]),
    API_KEYS,
  ],
  support: area("/support", "support.tickets", [
    ["start", ""],
    ["tickets", "/tickets"],
    ["mailboxSearch", "/mailboxes"],
    ["recovery", "/recovery", "support.recovery"],
    ["auditLog", "/audit"],
    ["security", "/security"],
  ]),
  mailadmin: area("/mailadmin", "mailadmin.manage", [["accounts", ""]]),
  mailbox: area("/mailbox", "mailbox.self", [
    ["start", ""],
    ["password", "/password"],
    ["forwards", "/forwards"],
    ["senderLists", "/sender-lists"],
    ["spam", "/spam"],
    ["autoresponder", "/autoresponder"],
    ["serverAddresses", "/server"],
    ["recoveryAddress", "/recovery"],
  ]),
};

/**
 * Where the user menu's "Passwort ändern" leads. The mailbox user has it in the sidebar too (seed 002);
 * every other role changes its own password on the shared page /passwort.
 */
export const PASSWORD_PAGE: Record<Role, string> = {
  customer: "/passwort",
  reseller: "/passwort",
  admin: "/passwort",
  support: "/passwort",
  mailadmin: "/passwort",
  mailbox: "/mailbox/password",
};

/** The area name shown in the title bar, a key in the "nav" namespace. */
export const AREA_NAME: Record<Role, string> = {
  customer: "ksc",
  reseller: "reseller",
  admin: "admin",
  support: "support",
  mailadmin: "mailadmin",
  mailbox: "mailbox",
};
