import { apiKeys } from "@/db/schema";

export type ApiKeyState = "active" | "revoked" | "expired";

/** A key's state at `now`: revoked wins over expired. */
export function keyState(k: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiKeyState {
  if (k.revokedAt) return "revoked";
  return k.expiresAt && k.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

/** What a list of keys shows: never the secret's HMAC. */
export const KEY_COLUMNS = {
  id: apiKeys.id,
  name: apiKeys.name,
  publicId: apiKeys.publicId,
  scopes: apiKeys.scopes,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
};
