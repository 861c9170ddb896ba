import crypto from "node:crypto";
import { authSecret } from "@/lib/config";

/**
 * Seals short secrets (generated passwords) at rest with AES-256-GCM. The key is derived from the
 * installation's auth secret with HKDF, so no extra key file exists and rotating AUTH_SECRET makes
 * old sealed values unreadable (they are only kept until first reveal anyway). The context string
 * is bound as additional data: a value sealed for ticket 7 does not open as ticket 8's.
 */
const VERSION = "v1";
const INFO = "kontor.secret-box.v1";

function deriveKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("kontor"), Buffer.from(INFO), 32));
}

export function sealSecret(plaintext: string, context: string, secret: string = authSecret()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", deriveKey(secret), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** Throws when the value was tampered with, sealed for another context or under another secret. */
export function openSecret(sealed: string, context: string, secret: string = authSecret()): string {
  const parts = sealed.split(".");
  if (parts.length < 4 || parts[0] !== VERSION || !parts[1] || !parts[2]) throw new Error("secret-box: unknown format");
  const [, iv, tag, body] = parts;
  const decipher = crypto.createDecipheriv("aes-256-gcm", deriveKey(secret), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
