import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, apiRateWindows } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { config } from "@/lib/config";
import { parseApiKey, secretMatches } from "@/lib/services/api-keys/key-secret";
import { ApiProblem } from "./problem";
import { firstRow, onlyRow } from "@/db/rows";

export type ApiKeyInfo = { id: number; name: string; scopes: string[]; expiresAt: Date | null };
export type ApiCaller = { actor: Actor; login: string; key: ApiKeyInfo };

const WINDOW_MS = 60_000;

/**
 * The caller of an API request: `Authorization: Bearer <key>`. The key row and its owner are read
 * afresh on every request, so a revoked or expired key, or a disabled owner, is refused at the very
 * next request. The actor carries the key's name, so every audit entry a key causes says which key.
 * Counting the request (rate limit) and the last-used time are one write; the counter lives in the
 * database so that every server process shares it.
 */
export async function authenticateApiKey(db: Db, authorization: string | null, now = Date.now()): Promise<ApiCaller> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  const parsed = token ? parseApiKey(token) : undefined;
  if (!parsed) throw unauthorized();
  const key = await firstRow(
    db
      .select({
        id: apiKeys.id,
        userId: apiKeys.userId,
        name: apiKeys.name,
        secretHash: apiKeys.secretHash,
        scopes: apiKeys.scopes,
        expiresAt: apiKeys.expiresAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.publicId, parsed.publicId)),
  );
  if (!key || !secretMatches(parsed.secret, key.secretHash)) throw unauthorized();
  if (key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= now)) throw unauthorized("api.problems.keyInactive");
  const owner = await loadActor(db, "user", key.userId);
  // An owner who lost the right to keys (role changed, account disabled) loses its keys with it.
  if (!owner || !can(owner, "apikeys.manage")) throw unauthorized("api.problems.keyInactive");
  await countRequest(db, key.id, now);
  return {
    actor: { ...owner, apiKeyName: key.name },
    login: owner.label,
    key: { id: key.id, name: key.name, scopes: key.scopes, expiresAt: key.expiresAt },
  };
}

function unauthorized(detailKey?: string) {
  return new ApiProblem("unauthorized", { detailKey, headers: { "www-authenticate": 'Bearer realm="kontor-api"' } });
}

/**
 * Fixed one-minute windows per key; over the limit: 429 with the seconds until the next window.
 * Each statement stands alone rather than in one transaction: the upsert counts atomically on either
 * database, and the clean-up and last-used time are idempotent. In a SERIALIZABLE transaction on
 * PostgreSQL, every parallel request of one key would conflict on the same two rows and be retried
 * one after another, so a script's burst of requests waited or failed on its own counter.
 */
async function countRequest(db: Db, keyId: number, now: number) {
  // settings.mjs is plain JS: its count() settings type as any; parseSettings made it a whole number.
  const limit = config().api.rateLimitPerMinute as number;
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const { count } = await onlyRow(
    db
      .insert(apiRateWindows)
      .values({ keyId, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: [apiRateWindows.keyId, apiRateWindows.windowStart],
        set: { count: sql`${apiRateWindows.count} + 1` },
      })
      .returning({ count: apiRateWindows.count }),
  );
  if (count === 1) {
    // The first request of a window drops the key's older windows: at most two rows per active key.
    await db.delete(apiRateWindows).where(and(eq(apiRateWindows.keyId, keyId), lt(apiRateWindows.windowStart, windowStart)));
  }
  if (count <= limit)
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiKeys.id, keyId));
  if (count > limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    throw new ApiProblem("rateLimited", { headers: { "retry-after": String(retryAfter) } });
  }
}
