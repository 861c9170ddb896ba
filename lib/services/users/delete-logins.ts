import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, reauthConfirmations, recoveryTokens, users } from "@/db/schema";

/**
 * Removes the panel logins of a tenant (a customer's, or a reseller's own staff logins) that is being deleted, with what hangs off them by id only (API
 * keys, recovery links, re-authentication marks); second factors go with the row (ON DELETE CASCADE).
 * Runs inside the caller's transaction. Audit entries stay: they are the record of what happened.
 */
export async function deleteLogins(tx: Db, owner: { resellerId: number; customerId: number | null }) {
  const tenant =
    owner.customerId === null
      ? and(eq(users.resellerId, owner.resellerId), isNull(users.customerId))
      : eq(users.customerId, owner.customerId);
  const ids = (await tx.select({ id: users.id }).from(users).where(tenant)).map((u) => u.id);
  if (!ids.length) return;
  await tx.delete(apiKeys).where(inArray(apiKeys.userId, ids));
  await tx.delete(recoveryTokens).where(and(eq(recoveryTokens.principalKind, "user"), inArray(recoveryTokens.principalId, ids)));
  await tx
    .delete(reauthConfirmations)
    .where(and(eq(reauthConfirmations.principalKind, "user"), inArray(reauthConfirmations.principalId, ids)));
  await tx.delete(users).where(inArray(users.id, ids));
}
