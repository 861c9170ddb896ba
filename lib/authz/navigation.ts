import type { Permission, Role } from "./permissions";

/**
 * Side navigation per role; labels are keys in the "nav" namespace. Each entry names the permission its
 * page asks for: tests/unit/navigation.test.ts checks that the page exists, asks exactly that, and that
 * the role holds it, so the menu never offers a page the permission table would refuse.
 */
export type NavEntry = { href: string; label: string; permission: Permission };

export const NAVIGATION: Record<Role, NavEntry[]> = {
  customer: [
    { href: "/ksc", label: "start", permission: "customer.self" },
    { href: "/ksc/domains", label: "domains", permission: "customer.self" },
    { href: "/ksc/stammdaten", label: "stammdaten", permission: "customer.self" },
    { href: "/ksc/account", label: "account", permission: "customer.self" },
    { href: "/ksc/support", label: "supportCenter", permission: "customer.self" },
    { href: "/ksc/import", label: "import", permission: "import.manage" },
    { href: "/ksc/security", label: "security", permission: "customer.self" },
    { href: "/ksc/audit", label: "auditLog", permission: "customer.self" },
    { href: "/api-schluessel", label: "apiKeys", permission: "apikeys.manage" },
  ],
  reseller: [
    { href: "/reseller", label: "start", permission: "reseller.manage" },
    { href: "/reseller/customers", label: "customers", permission: "reseller.manage" },
    { href: "/reseller/packages", label: "packages", permission: "reseller.manage" },
    { href: "/reseller/import", label: "import", permission: "import.manage" },
    { href: "/reseller/audit", label: "auditLog", permission: "reseller.manage" },
    { href: "/reseller/security", label: "security", permission: "reseller.manage" },
    { href: "/api-schluessel", label: "apiKeys", permission: "apikeys.manage" },
  ],
  admin: [
    { href: "/admin", label: "start", permission: "admin.manage" },
    { href: "/admin/resellers", label: "resellers", permission: "admin.manage" },
    { href: "/admin/settings", label: "settings", permission: "settings.manage" },
    { href: "/admin/import", label: "import", permission: "import.manage" },
    { href: "/admin/audit", label: "auditLog", permission: "admin.manage" },
    { href: "/admin/mfa", label: "mfaReset", permission: "mfa.reset" },
    { href: "/admin/security", label: "security", permission: "admin.manage" },
    { href: "/api-schluessel", label: "apiKeys", permission: "apikeys.manage" },
  ],
  support: [
    { href: "/support", label: "start", permission: "support.tickets" },
    { href: "/support/tickets", label: "tickets", permission: "support.tickets" },
    { href: "/support/mailboxes", label: "mailboxSearch", permission: "support.tickets" },
    { href: "/support/recovery", label: "recovery", permission: "support.recovery" },
    { href: "/support/audit", label: "auditLog", permission: "support.tickets" },
    { href: "/support/security", label: "security", permission: "support.tickets" },
  ],
  mailadmin: [{ href: "/mailadmin", label: "accounts", permission: "mailadmin.manage" }],
  mailbox: [
    { href: "/mailbox", label: "start", permission: "mailbox.self" },
    { href: "/mailbox/password", label: "password", permission: "mailbox.self" },
    { href: "/mailbox/forwards", label: "forwards", permission: "mailbox.self" },
    { href: "/mailbox/sender-lists", label: "senderLists", permission: "mailbox.self" },
    { href: "/mailbox/spam", label: "spam", permission: "mailbox.self" },
    { href: "/mailbox/autoresponder", label: "autoresponder", permission: "mailbox.self" },
    { href: "/mailbox/server", label: "serverAddresses", permission: "mailbox.self" },
    { href: "/mailbox/recovery", label: "recoveryAddress", permission: "mailbox.self" },
  ],
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
