import "server-only";
import crypto from "node:crypto";
import { authSecret } from "@/lib/env";

/**
 * AES-256-GCM for TOTP secrets at rest. The key is derived from AUTH_SECRET with HKDF under a purpose
 * label of its own, so a copy of the database alone does not reveal the authenticator secrets, and
 * the session-signing key is never used directly for encryption.
 */
const VERSION = "v1";
const INFO = "kontor/mfa/totp-secret";

let cachedKey: { secret: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = authSecret();
  if (cachedKey?.secret !== secret) {
    const derived = crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("kontor-mfa"), Buffer.from(INFO), 32);
    cachedKey = { secret, key: Buffer.from(derived) };
  }
  return cachedKey.key;
}

export function sealSecret(plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** Throws when the value was tampered with or sealed under another AUTH_SECRET. */
export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("unreadable sealed secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
