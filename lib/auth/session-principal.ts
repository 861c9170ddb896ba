import { PRINCIPAL_KINDS, type PrincipalKind } from "@/db/schema";

/**
 * sid: this login's session id, so one session can be ended (lib/auth/revoked-sessions.ts);
 * at: when the login happened, for the absolute lifetime (lib/auth/session-lifetime.ts).
 */
export type SessionPrincipal = { kind: PrincipalKind; id: number; sv: number; sid: string; at: number };

/** The principal from a decoded token, when it has the shape this version of the panel writes. */
export function toSessionPrincipal(value: unknown): SessionPrincipal | undefined {
  const p = value as Partial<SessionPrincipal> | null | undefined;
  if (!p || typeof p !== "object") return undefined;
  if (!PRINCIPAL_KINDS.includes(p.kind as PrincipalKind) || typeof p.id !== "number" || typeof p.sv !== "number") return undefined;
  if (typeof p.sid !== "string" || typeof p.at !== "number") return undefined;
  return { kind: p.kind as PrincipalKind, id: p.id, sv: p.sv, sid: p.sid, at: p.at };
}
