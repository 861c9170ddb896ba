import "server-only";
import { and, desc, eq, isNotNull, ne, sql, type SQL } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { apiKeys, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan, can } from "@/lib/authz/permissions";
import { scopeKind, tenantScope } from "@/lib/authz/scope";
import { KEY_COLUMNS, keyState } from "./key-state";

/** The newest keys shown on the page; older ones of a big installation are found by revoking newer ones first. */
export const TENANT_KEYS_SHOWN = 200;

/**
 * Keys of other accounts the actor looks after (apikeys.manageOthers): the administration every key,
 * a reseller those of its own customers. Another tenant's key is outside the condition, so revoking
 * it answers NotFound (404) like a key that does not exist.
 */
export function othersKeysScope(actor: Actor): SQL {
  if (!can(actor, "apikeys.manageOthers")) return sql`1 = 0`;
  const notOwn = ne(apiKeys.userId, actor.id);
  if (scopeKind(actor) === "all") return notOwn;
  return and(notOwn, tenantScope(actor, apiKeys), isNotNull(apiKeys.customerId)) as SQL;
}

/** The keys of the accounts the actor looks after, newest first, with their owner's login; never the hash. */
export async function listTenantApiKeys(actor: Actor, db: Db = getDb(), now = new Date()) {
  assertCan(actor, "apikeys.manageOthers");
  const rows = await db
    .select({ ...KEY_COLUMNS, owner: users.email })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(othersKeysScope(actor))
    .orderBy(desc(apiKeys.id))
    .limit(TENANT_KEYS_SHOWN);
  return rows.map((k) => ({ ...k, state: keyState(k, now) }));
}
