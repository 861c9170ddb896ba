import "server-only";
import { openSecret as open, sealSecret as seal } from "@/lib/crypto/secret-box";

/**
 * TOTP secrets at rest: the shared AES-256-GCM box, bound to its own context so a sealed TOTP secret
 * never opens as any other kind of sealed value (and a database copy alone reveals nothing).
 */
const CONTEXT = "mfa/totp-secret";

export const sealSecret = (plaintext: string) => seal(plaintext, CONTEXT);
export const openSecret = (sealed: string) => open(sealed, CONTEXT);
