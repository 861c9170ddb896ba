import type { Actor } from "@/lib/authz/actor";
import { can, type Permission } from "@/lib/authz/permissions";

/**
 * The resources of API v1 and the permission of lib/authz's table each one needs. A key's scopes
 * only narrow what its owner may do: a scope never grants a permission the owner lacks, and the
 * panel offers only the resources whose permission the owner holds.
 */
export const API_RESOURCES = {
  mailboxes: "mailboxes.manage",
  domains: "mailboxes.manage",
  customers: "reseller.manage",
  /**
   * Ending a subscription deletes mail: its own scope, which also the administration's keys may hold.
   * Keys made before this scope existed do not get it through `customers:write` (decided in issue 21): a
   * key does what its owner chose when making it, and deleting mail was not among the choices then; the
   * owner makes a key with `subscriptions:write` for it.
   */
  subscriptions: "subscriptions.end",
  packages: "reseller.manage",
  resellers: "admin.manage",
  tickets: "customer.self",
  audit: "audit.read",
  imports: "import.manage",
  // Hashes in an export need export.hashes besides (lib/services/import/export-data.ts asks for it).
  exports: "export.read",
} as const satisfies Record<string, Permission>;

export type ApiResource = keyof typeof API_RESOURCES;
export type ApiAccess = "read" | "write";
export type ApiScope = `${ApiResource}:${ApiAccess}`;

export const RESOURCE_NAMES = Object.keys(API_RESOURCES) as ApiResource[];
/** Resources that only have read routes; their keys never offer "write". */
export const READ_ONLY_RESOURCES: readonly ApiResource[] = ["domains", "audit", "exports"];

export const ALL_SCOPES: ApiScope[] = RESOURCE_NAMES.flatMap((r) =>
  READ_ONLY_RESOURCES.includes(r) ? [`${r}:read` as const] : [`${r}:read` as const, `${r}:write` as const],
);

/** The scopes an actor may give its keys: those of the resources whose permission it holds. */
export function scopesFor(actor: Actor): ApiScope[] {
  return ALL_SCOPES.filter((s) => can(actor, API_RESOURCES[s.split(":")[0] as ApiResource]));
}

/** "write" includes "read": a script that may change mailboxes must be able to read them back. */
export function scopeAllows(scopes: readonly string[], resource: ApiResource, access: ApiAccess): boolean {
  return scopes.includes(`${resource}:${access}`) || (access === "read" && scopes.includes(`${resource}:write`));
}
