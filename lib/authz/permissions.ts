/**
 * The permission vocabulary. Every server action names one; roles get them only through this table.
 * `public` is for the few actions an anonymous visitor may call (login, language switch).
 */
export const PERMISSIONS = [
  "public",
  "session.self",
  "admin.manage",
  "settings.manage",
  "reseller.manage",
  "customer.self",
  "domains.read",
  "mailboxes.manage",
  "mailadmin.manage",
  "mailbox.self",
  "support.read",
  "support.tickets",
  "audit.read",
  "mfa.self",
  "mfa.reset",
  "support.recovery",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["admin", "reseller", "customer", "support", "mailadmin", "mailbox"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ["public", "session.self", "admin.manage", "settings.manage", "support.read", "audit.read", "mfa.self", "mfa.reset"],
  reseller: ["public", "session.self", "reseller.manage", "audit.read", "mfa.self"],
  customer: ["public", "session.self", "customer.self", "domains.read", "mailboxes.manage", "audit.read", "mfa.self"],
  support: ["public", "session.self", "support.read", "support.tickets", "audit.read", "mfa.self", "support.recovery"],
  mailadmin: ["public", "session.self", "mailadmin.manage"],
  mailbox: ["public", "session.self", "mailbox.self"],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
