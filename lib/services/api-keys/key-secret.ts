import crypto from "node:crypto";
import { authSecret } from "@/lib/config";

/**
 * API key format: `kontor_<publicId>_<secret>`. The public id (12 hex characters) finds the row; the
 * secret (32 random bytes, base64url) is checked against HMAC-SHA256 under a key derived from
 * AUTH_SECRET. 256 random bits need no slow hash: nobody can guess them, and a stolen table without
 * AUTH_SECRET does not even allow checking a guess. Argon2 per request would cost ~30 ms of CPU.
 */
const PREFIX = "kontor_";

let derived: { secret: string; key: Buffer } | undefined;
function hmacKey(): Buffer {
  const secret = authSecret();
  if (derived?.secret !== secret) {
    derived = { secret, key: Buffer.from(crypto.hkdfSync("sha256", secret, "kontor", "api-key-hmac-v1", 32)) };
  }
  return derived.key;
}

export function hashKeySecret(secret: string): string {
  return crypto.createHmac("sha256", hmacKey()).update(secret).digest("hex");
}

export function newApiKey(): { token: string; publicId: string; secretHash: string } {
  const publicId = crypto.randomBytes(6).toString("hex");
  const secret = crypto.randomBytes(32).toString("base64url");
  return { token: `${PREFIX}${publicId}_${secret}`, publicId, secretHash: hashKeySecret(secret) };
}

/** Splits a presented key; undefined for anything not shaped like one (no database lookup then). */
export function parseApiKey(token: string): { publicId: string; secret: string } | undefined {
  const m = /^kontor_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { publicId: m[1], secret: m[2] } : undefined;
}

/** Constant-time comparison of the presented secret with the stored HMAC. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashKeySecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
