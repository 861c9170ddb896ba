import "server-only";
import type { Db } from "@/db";
import { hasSecondFactor, verifySecondFactorCode } from "@/lib/auth/mfa";
import type { Principal } from "./tokens";

/**
 * Adapter to the two-factor module: only panel users (KundenServiceCenter) can have a second factor;
 * mail accounts and mailboxes have none. A reset link never bypasses it (SECURITY.md RT-04).
 */
export async function principalHasSecondFactor(principal: Principal, db: Db): Promise<boolean> {
  return principal.kind === "user" && (await hasSecondFactor(principal.id, db));
}

/** Spends a TOTP step or a recovery code; the caller throttles the attempts. */
export async function verifyPrincipalSecondFactor(principal: Principal, code: string, db: Db): Promise<boolean> {
  return principal.kind === "user" && (await verifySecondFactorCode(principal.id, code, db));
}
