import type { PrincipalKind } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";
import type { Actor } from "./actor";

export const ROLES = ["admin", "reseller", "customer", "support", "mailadmin", "mailbox"] as const;
export type Role = (typeof ROLES)[number];

/** The kind of account each role logs in with; an actor whose kind does not match holds nothing. */
export const ROLE_KIND: Record<Role, PrincipalKind> = {
  admin: "user",
  reseller: "user",
  customer: "user",
  support: "user",
  mailadmin: "mail_account",
  mailbox: "mailbox",
};

/**
 * The permission table: the one place that says which role may do what. Server actions name one
 * (lib/actions/define-action.ts), pages ask for one (requirePermission in lib/auth/session.ts),
 * services ask `can` / `assertCan`; nothing else compares roles. Every permission needs a test row in
 * tests/support/security/permission-rows.ts (tests/unit/security/permission-table.test.ts).
 */
export const PERMISSION_TABLE = {
  /** Anonymous visitors and every role: login, language switch, logout, recovery requests. */
  public: ROLES,
  /** One's own password ("Passwort ändern" in the user menu): every role. */
  "password.self": ROLES,
  /** The hoster's administration: resellers and the admin area. */
  "admin.manage": ["admin"],
  "settings.manage": ["admin"],
  /** Removing a customer's second factors after a lost phone. */
  "mfa.reset": ["admin"],
  /** One's own second factor (staff and customers). */
  "mfa.self": ["admin", "reseller", "customer", "support"],
  /** A reseller's packages, customers and their orders: the reseller area. */
  "reseller.manage": ["reseller"],
  /**
   * Ending a customer's subscription with its domains, mailboxes, aliases and mail accounts
   * (lib/services/subscriptions/end-subscription.ts): the reseller for its customers, the
   * administration for every tenant. Never the customer itself: a click there must not destroy mail.
   */
  "subscriptions.end": ["admin", "reseller"],
  /**
   * Deleting a customer with its login and tickets, once its subscriptions are ended
   * (lib/services/customers/delete-customer.ts): the reseller for its customers, the administration
   * for every tenant (on the reseller's page).
   */
  "customers.delete": ["admin", "reseller"],
  /** The KundenServiceCenter: own Stammdaten, account, tickets. */
  "customer.self": ["customer"],
  /** The Plesk panel's mail pages of the customer's subscriptions. */
  "mailboxes.manage": ["customer"],
  /** The E-Mail-Administration of a `.001` account. */
  "mailadmin.manage": ["mailadmin"],
  /** A mailbox user's own settings. */
  "mailbox.self": ["mailbox"],
  /** Looking up every tenant's customers and mailboxes (read-only). */
  "support.read": ["admin", "support"],
  /** Working the ticket queue of every tenant: the support area. */
  "support.tickets": ["support"],
  /** Sending a recovery link for a customer's account. */
  "support.recovery": ["support"],
  /** CSV import (dry run and apply) into a subscription within the actor's tenant scope. */
  "import.manage": ["admin", "reseller", "customer"],
  /** Downloading a subscription's domains, mailboxes, aliases and forwarding as CSV or JSON (/api/export). */
  "export.read": ["admin", "reseller", "customer"],
  /** The export with password hashes, for the hoster's own migrations. */
  "export.hashes": ["admin"],
  /** The audit log, within the actor's tenant scope (lib/authz/scope.ts). */
  "audit.read": ["admin", "reseller", "customer", "support"],
  /**
   * One's own API keys ("API-Schlüssel"): a key acts as its owner, within the scopes chosen for it, so it
   * can never do more than the owner could in the panel (lib/api).
   */
  "apikeys.manage": ["admin", "reseller", "customer"],
  /**
   * Seeing and revoking the API keys of the accounts one looks after (a leaked key must be stoppable
   * without its owner): the administration every key, a reseller its customers' keys
   * (lib/services/api-keys/tenant-api-keys.ts).
   */
  "apikeys.manageOthers": ["admin", "reseller"],
  /** Where others worked from: the IP addresses of audit entries that are not the actor's own. */
  "audit.readIps": ["admin", "reseller", "support"],
  /** The stored action code behind each phrase (what API filters and scripts use), as a tooltip. */
  "audit.readCodes": ["admin"],
  /**
   * Not a right but a duty of staff, who reach many customers' data: a second factor is required while
   * the MFA policy enforces it (lib/auth/mfa/policy.ts).
   */
  "mfa.required": ["admin", "reseller", "support"],
  /** Staff logins end after 12 hours instead of 24, however active (lib/auth/session-lifetime.ts). */
  "session.shortLifetime": ["admin", "reseller", "support"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_TABLE;
export const PERMISSIONS = Object.keys(PERMISSION_TABLE) as Permission[];

/** Whether a role holds a permission; for records that carry a role (a ticket's opener), not for actors. */
export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSION_TABLE[permission] as readonly Role[]).includes(role);
}

/** The roles holding a permission. */
export function holders(permission: Permission): readonly Role[] {
  return PERMISSION_TABLE[permission];
}

function permissionsOf(role: Role): readonly Permission[] {
  return PERMISSIONS.filter((p) => roleHas(role, p));
}

/** The same table by role. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: permissionsOf("admin"),
  reseller: permissionsOf("reseller"),
  customer: permissionsOf("customer"),
  support: permissionsOf("support"),
  mailadmin: permissionsOf("mailadmin"),
  mailbox: permissionsOf("mailbox"),
};

/** The gate every service, page and action asks. Anonymous visitors hold nothing (`public` needs no check). */
export function can(actor: Actor | undefined, permission: Permission): boolean {
  if (!actor) return false;
  return ROLE_KIND[actor.role] === actor.kind && roleHas(actor.role, permission);
}

/** `can`, or a ForbiddenError (or the refusal given, e.g. a NotFoundError where a 404 must not reveal the area). */
export function assertCan(
  actor: Actor | undefined,
  permission: Permission,
  refusal: () => Error = () => new ForbiddenError(),
): asserts actor is Actor {
  if (!can(actor, permission)) throw refusal();
}
