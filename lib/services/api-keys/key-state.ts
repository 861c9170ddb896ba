export type ApiKeyState = "active" | "revoked" | "expired";

/** A key's state at `now`: revoked wins over expired. */
export function keyState(k: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiKeyState {
  if (k.revokedAt) return "revoked";
  return k.expiresAt && k.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}
