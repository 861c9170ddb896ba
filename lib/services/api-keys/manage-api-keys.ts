import "server-only";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { apiKeys, users } from "@/db/schema";
import { scopesFor } from "@/lib/api/scopes";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { endOfDayInZone } from "@/lib/i18n/format-time";
import { writeAudit } from "@/lib/services/audit/write-audit";
import type { CreateApiKeyInput } from "@/lib/validation/api-key";
import { newApiKey } from "./key-secret";
import { KEY_COLUMNS, keyState } from "./key-state";
import { othersKeysScope } from "./tenant-api-keys";
import { transaction } from "@/db/transaction";
import { onlyRow, firstRow } from "@/db/rows";

/** A key is the user's own: only its owner lists, creates and revokes it (admins included). */
const own = (actor: Actor) => eq(apiKeys.userId, actor.id);

/**
 * Creates a key for the actor's own scope. The token is returned once and never stored; scopes the
 * actor's role cannot use are refused, so a key never names more than its owner holds.
 */
export async function createApiKey(actor: Actor, input: CreateApiKeyInput, ip: string | null, db: Db = getDb(), now = new Date()) {
  assertCan(actor, "apikeys.manage");
  const allowed = scopesFor(actor);
  if (input.scopes.some((s) => !allowed.includes(s))) throw new ValidationError("errors.checkFields", { scopes: ["validation.invalid"] });
  const expiresAt = input.expiresOn ? endOfDayInZone(input.expiresOn) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new ValidationError("errors.checkFields", { expiresOn: ["apiKeys.errors.expiryPast"] });
  }
  const key = newApiKey();
  return await transaction(
    db,
    async (tx) => {
      const row = await onlyRow(
        tx
          .insert(apiKeys)
          .values({
            userId: actor.id,
            resellerId: actor.resellerId,
            customerId: actor.customerId,
            name: input.name,
            publicId: key.publicId,
            secretHash: key.secretHash,
            scopes: input.scopes,
            expiresAt,
          })
          .returning({ id: apiKeys.id }),
      );
      await writeAudit(tx, actor, {
        action: "apikey.create",
        targetKind: "api_key",
        targetId: row.id,
        targetLabel: input.name,
        resellerId: actor.resellerId,
        customerId: actor.customerId,
        ip,
        details: { scopes: input.scopes.join(" "), expiresOn: input.expiresOn },
      });
      return { id: row.id, token: key.token };
    },
    { behavior: "immediate" },
  );
}

/** The actor's keys, newest first, with their state at `now`; never the hash. */
export async function listApiKeys(actor: Actor, db: Db = getDb(), now = new Date()) {
  assertCan(actor, "apikeys.manage");
  const rows = await db.select(KEY_COLUMNS).from(apiKeys).where(own(actor)).orderBy(desc(apiKeys.id));
  return rows.map((k) => ({ ...k, state: keyState(k, now) }));
}

/**
 * Revocation is a timestamp the next request reads (lib/api/authenticate.ts): it counts at once. One's
 * own key, or one of the accounts one looks after (apikeys.manageOthers); any other is NotFound. The
 * entry goes to the key's tenant, so its owner reads in the audit log who revoked it.
 */
export async function revokeApiKey(actor: Actor, keyId: number, ip: string | null, db: Db = getDb()) {
  assertCan(actor, "apikeys.manage");
  await transaction(
    db,
    async (tx) => {
      const row = await firstRow(
        tx
          .select({
            id: apiKeys.id,
            name: apiKeys.name,
            userId: apiKeys.userId,
            resellerId: apiKeys.resellerId,
            customerId: apiKeys.customerId,
          })
          .from(apiKeys)
          .where(and(eq(apiKeys.id, keyId), or(own(actor), othersKeysScope(actor)), isNull(apiKeys.revokedAt))),
      );
      if (!row) throw new NotFoundError();
      await tx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
      const owner =
        row.userId === actor.id
          ? undefined
          : (await firstRow(tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId))))?.email;
      await writeAudit(tx, actor, {
        action: "apikey.revoke",
        targetKind: "api_key",
        targetId: row.id,
        targetLabel: row.name,
        resellerId: row.resellerId,
        customerId: row.customerId,
        ip,
        details: owner ? { owner } : undefined,
      });
    },
    { behavior: "immediate" },
  );
}
