import { HASH_SCHEME_PREFIX } from "@/lib/mail/dovecot-contract";
import { argon2Hash, argon2Verify } from "./hash-pool";
import { verifyImportedHash } from "./hash-schemes";

/**
 * argon2id with OWASP's m=19456 KiB, t=2, p=1. @node-rs/argon2 writes `m=,t=,p=` in the order
 * Dovecot accepts. The password is hashed as the UTF-8 bytes typed, unnormalised, so a mail client
 * sending the same bytes over IMAP matches. Hashing runs on low-priority threads (hash-pool.ts), so
 * it never blocks other requests.
 */
/** `Algorithm.Argon2id` is an ambient const enum, which isolated modules cannot read; its value is 2. */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Every argon2 operation of this process, counted here where all of them start: tests and the
 * benchmark read it to prove how many each password path costs (panel set: one hash; own change: one
 * verify and one hash; login: one verify). Imported hashes of other schemes are not argon2 work.
 */
const operations = { hashes: 0, verifications: 0 };

export function argon2Operations(): { hashes: number; verifications: number } {
  return { ...operations };
}

export async function hashPassword(password: string): Promise<string> {
  operations.hashes++;
  return HASH_SCHEME_PREFIX + (await argon2Hash(password, OPTIONS));
}

/** Kontor's own argon2id, or a hash imported from another mail system (lib/auth/hash-schemes.ts). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (!stored.startsWith(HASH_SCHEME_PREFIX)) return verifyImportedHash(stored, password);
  operations.verifications++;
  try {
    return await argon2Verify(stored.slice(HASH_SCHEME_PREFIX.length), password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Verifies against a throwaway hash so an unknown account costs the same time as a wrong password. */
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword(`kontor-timing-equaliser-${Math.random()}`);
  await verifyPassword(await dummyHash, password);
}
