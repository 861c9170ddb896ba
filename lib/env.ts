import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { envPort } from "@/lib/mail/config-values";
import { DEFAULT_POSTFIX_PORT } from "@/lib/mail/postfix-config";

export function databasePath(): string {
  return process.env.KONTOR_DB ?? path.join(process.cwd(), "data", "kontor.db");
}

/**
 * AUTH_SECRET from the environment, or a random one kept beside the database (0600), so a fresh
 * demo needs no configuration and restarts keep sessions valid.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(path.dirname(databasePath()), ".auth-secret");
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    // Another process (the server runs one per core) created it first: use theirs once it is written.
    for (let attempt = 0; attempt < 100; attempt++) {
      const theirs = readSecret(file);
      if (theirs) return theirs;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
    throw new Error(`${file} exists but stays empty; remove it or set AUTH_SECRET`);
  }
}

function readSecret(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}

/** Only when the operator says a proxy sits in front do we believe X-Forwarded-For. */
export function trustsProxy(): boolean {
  return process.env.KONTOR_TRUST_PROXY === "1";
}

/** Incoming SMTP of Kontor's Postfix on 127.0.0.1 (scripts/postfix.ts), default 10027. */
export function postfixPort(env: Record<string, string | undefined> = process.env): number {
  return envPort(env, "KONTOR_POSTFIX_PORT", DEFAULT_POSTFIX_PORT);
}

/**
 * Where Postfix sends mail for foreign domains. KONTOR_POSTFIX_RELAYHOST names a smarthost
 * (`[smtp.example.net]:587`) or `direct` (the recipient's MX). Unset: the loopback sink in demo and
 * tests, direct delivery in production.
 */
export function postfixRelayhost(opts: { production: boolean; sinkPort: number }, env: Record<string, string | undefined> = process.env): string {
  const raw = env.KONTOR_POSTFIX_RELAYHOST?.trim();
  if (raw === "direct") return "";
  if (raw) return raw;
  return opts.production ? "" : `[127.0.0.1]:${opts.sinkPort}`;
}

/** The mail servers' host name (HELO, Postfix's own mails); a real name in production. */
export function mailHostname(env: Record<string, string | undefined> = process.env): string {
  return env.KONTOR_MAIL_HOSTNAME?.trim() || "kontor.localhost";
}
