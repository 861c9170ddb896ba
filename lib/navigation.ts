import type { Role } from "@/lib/authz/permissions";

/** Side navigation per role; labels are keys in the "nav" namespace. tests/unit/navigation.test.ts checks every href has a page. */
export type NavEntry = { href: string; label: string };

export const NAVIGATION: Record<Role, NavEntry[]> = {
  customer: [
    { href: "/ksc", label: "start" },
    { href: "/ksc/domains", label: "domains" },
    { href: "/ksc/stammdaten", label: "stammdaten" },
    { href: "/ksc/account", label: "account" },
    { href: "/ksc/support", label: "supportCenter" },
    { href: "/ksc/import", label: "import" },
    { href: "/ksc/security", label: "security" },
    { href: "/ksc/audit", label: "auditLog" },
    { href: "/api-schluessel", label: "apiKeys" },
  ],
  reseller: [
    { href: "/reseller", label: "start" },
    { href: "/reseller/customers", label: "customers" },
    { href: "/reseller/packages", label: "packages" },
    { href: "/reseller/import", label: "import" },
    { href: "/reseller/audit", label: "auditLog" },
    { href: "/reseller/security", label: "security" },
    { href: "/api-schluessel", label: "apiKeys" },
  ],
  admin: [
    { href: "/admin", label: "start" },
    { href: "/admin/resellers", label: "resellers" },
    { href: "/admin/settings", label: "settings" },
    { href: "/admin/import", label: "import" },
    { href: "/admin/audit", label: "auditLog" },
    { href: "/admin/mfa", label: "mfaReset" },
    { href: "/admin/security", label: "security" },
    { href: "/api-schluessel", label: "apiKeys" },
  ],
  support: [
    { href: "/support", label: "start" },
    { href: "/support/tickets", label: "tickets" },
    { href: "/support/mailboxes", label: "mailboxSearch" },
    { href: "/support/recovery", label: "recovery" },
    { href: "/support/audit", label: "auditLog" },
    { href: "/support/security", label: "security" },
  ],
  mailadmin: [{ href: "/mailadmin", label: "accounts" }],
  mailbox: [
    { href: "/mailbox", label: "start" },
    { href: "/mailbox/password", label: "password" },
    { href: "/mailbox/forwards", label: "forwards" },
    { href: "/mailbox/sender-lists", label: "senderLists" },
    { href: "/mailbox/spam", label: "spam" },
    { href: "/mailbox/autoresponder", label: "autoresponder" },
    { href: "/mailbox/server", label: "serverAddresses" },
    { href: "/mailbox/recovery", label: "recoveryAddress" },
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
