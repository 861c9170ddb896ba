import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import { HASH_SCHEME_PREFIX } from "@/lib/mail/dovecot-contract";
import { argon2Verify } from "./hash-pool";
import { md5Crypt, sameString, shaCrypt } from "./unix-crypt";

/**
 * Password hashes brought along from another mail system. Each recognised scheme is one Dovecot
 * 2.3 verifies itself, so the hash is stored as it came (with a canonical `{SCHEME}` prefix) and the
 * old password works at IMAP and SMTP at once; Kontor verifies the same schemes here for its own
 * logins and replaces the hash with its argon2id (`upgradeImportedHash`) the next time it sees the
 * plaintext. Schemes a modern attacker cracks quickly are marked weak for the import report.
 */
export type HashScheme =
  | "ARGON2ID"
  | "ARGON2I"
  | "BLF-CRYPT"
  | "SHA512-CRYPT"
  | "SHA256-CRYPT"
  | "MD5-CRYPT"
  | "SSHA512"
  | "SSHA256"
  | "SSHA"
  | "SMD5"
  | "SHA512"
  | "SHA256"
  | "SHA1"
  | "PLAIN-MD5";

export const WEAK_SCHEMES: ReadonlySet<HashScheme> = new Set([
  "MD5-CRYPT",
  "SSHA512",
  "SSHA256",
  "SSHA",
  "SMD5",
  "SHA512",
  "SHA256",
  "SHA1",
  "PLAIN-MD5",
]);

export type RecognisedHash =
  | { kind: "hash"; scheme: HashScheme; stored: string; weak: boolean }
  /** `{PLAIN}`/`{CLEARTEXT}`: the old system kept the password itself; Kontor hashes it. */
  | { kind: "plaintext"; password: string }
  | { kind: "error"; error: "unknownScheme" | "malformed" };

/** Alternative names Dovecot accepts for the same scheme. */
const ALIASES: Partial<Record<string, HashScheme>> = { MD5: "MD5-CRYPT", SHA: "SHA1", "LDAP-MD5": "PLAIN-MD5" };
const PLAIN_NAMES = new Set(["PLAIN", "CLEAR", "CLEARTEXT"]);

const B64 = "[A-Za-z0-9+/]+={0,2}";
const CRYPT_FORMATS: [HashScheme, RegExp][] = [
  ["ARGON2ID", /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/],
  ["ARGON2I", /^\$argon2i\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/],
  ["BLF-CRYPT", /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/],
  ["SHA512-CRYPT", /^\$6\$(rounds=\d+\$)?[^$:\s]{0,16}\$[./A-Za-z0-9]{86}$/],
  ["SHA256-CRYPT", /^\$5\$(rounds=\d+\$)?[^$:\s]{0,16}\$[./A-Za-z0-9]{43}$/],
  ["MD5-CRYPT", /^\$1\$[^$:\s]{0,8}\$[./A-Za-z0-9]{22}$/],
];

/** Digest length in bytes of the plain and salted digest schemes (salted ones are longer). */
const DIGESTS: Partial<Record<HashScheme, { alg: string; bytes: number; salted: boolean }>> = {
  SSHA512: { alg: "sha512", bytes: 64, salted: true },
  SSHA256: { alg: "sha256", bytes: 32, salted: true },
  SSHA: { alg: "sha1", bytes: 20, salted: true },
  SMD5: { alg: "md5", bytes: 16, salted: true },
  SHA512: { alg: "sha512", bytes: 64, salted: false },
  SHA256: { alg: "sha256", bytes: 32, salted: false },
  SHA1: { alg: "sha1", bytes: 20, salted: false },
  "PLAIN-MD5": { alg: "md5", bytes: 16, salted: false },
};

const hit = (scheme: HashScheme, body: string): RecognisedHash => ({
  kind: "hash",
  scheme,
  stored: `{${scheme}}${body}`,
  weak: WEAK_SCHEMES.has(scheme),
});

/** The digest bytes of a digest scheme's body, in base64 or (as Dovecot allows) hex. */
function digestBytes(body: string): Buffer | null {
  if (/^[0-9a-fA-F]+$/.test(body) && body.length % 2 === 0) return Buffer.from(body, "hex");
  if (new RegExp(`^${B64}$`).test(body) && body.length % 4 === 0) return Buffer.from(body, "base64");
  return null;
}

/**
 * What an imported password value is. Accepts `{SCHEME}…` (any case, Dovecot's aliases, `{CRYPT}`
 * with a recognisable crypt string) and bare crypt strings (`$6$…`, `$2y$…`, `$argon2id$…`), as
 * PostfixAdmin and many panels store them without a prefix. Anything else is refused: guessing
 * wrong would lock the mailbox out.
 */
export function recogniseHash(value: string): RecognisedHash {
  const m = /^\{([A-Za-z0-9.-]+)\}([\s\S]*)$/.exec(value);
  if (!m) {
    const crypt = CRYPT_FORMATS.find(([, re]) => re.test(value));
    return crypt ? hit(crypt[0], value) : { kind: "error", error: "unknownScheme" };
  }
  const name = m[1].toUpperCase();
  const body = m[2];
  if (PLAIN_NAMES.has(name)) return body ? { kind: "plaintext", password: body } : { kind: "error", error: "malformed" };
  const [base, encoding] = name.split(".", 2);
  if (base === "CRYPT" || base === "DES-CRYPT") {
    const crypt = CRYPT_FORMATS.find(([, re]) => re.test(body));
    return crypt ? hit(crypt[0], body) : { kind: "error", error: "unknownScheme" };
  }
  const scheme = (ALIASES[base] ?? base) as HashScheme;
  const format = CRYPT_FORMATS.find(([s]) => s === scheme);
  if (format) return format[1].test(body) && !encoding ? hit(scheme, body) : { kind: "error", error: "malformed" };
  const digest = DIGESTS[scheme];
  if (!digest) return { kind: "error", error: "unknownScheme" };
  if (encoding && encoding !== "HEX" && encoding !== "B64" && encoding !== "BASE64") return { kind: "error", error: "unknownScheme" };
  const bytes = digestBytes(body);
  const fits = bytes && (digest.salted ? bytes.length > digest.bytes : bytes.length === digest.bytes);
  // Stored re-encoded as base64 without the encoding suffix, the one form Dovecot reads for every digest scheme.
  if (!bytes || !fits) return { kind: "error", error: "malformed" };
  return hit(scheme, scheme === "PLAIN-MD5" ? bytes.toString("hex") : bytes.toString("base64"));
}

/** The scheme of a stored hash, or null when it is not one Kontor verifies. */
export function storedScheme(stored: string): HashScheme | null {
  const r = recogniseHash(stored);
  return r.kind === "hash" && r.stored === stored ? r.scheme : null;
}

/** True when `stored` is Kontor's own argon2id hash (nothing to upgrade). */
export function isKontorHash(stored: string): boolean {
  return stored.startsWith(HASH_SCHEME_PREFIX);
}

/** Verifies `password` against a stored hash of any recognised scheme, as Dovecot would. */
export async function verifyImportedHash(stored: string, password: string): Promise<boolean> {
  const r = recogniseHash(stored);
  if (r.kind !== "hash" || r.stored !== stored) return false;
  const body = stored.slice(r.scheme.length + 2);
  switch (r.scheme) {
    case "ARGON2ID":
    case "ARGON2I":
      return argon2Verify(body, password).catch(() => false);
    case "BLF-CRYPT":
      // $2y$ (PHP) and $2b$ are the same algorithm; bcryptjs reads the latter.
      return bcrypt.compare(password, body.replace(/^\$2y\$/, "$2b$")).catch(() => false);
    case "SHA512-CRYPT":
    case "SHA256-CRYPT": {
      const again = shaCrypt(password, body);
      return again !== null && sameString(again, body);
    }
    case "MD5-CRYPT": {
      const again = md5Crypt(password, body);
      return again !== null && sameString(again, body);
    }
    default: {
      const digest = DIGESTS[r.scheme];
      if (!digest) return false;
      const bytes = r.scheme === "PLAIN-MD5" ? Buffer.from(body, "hex") : Buffer.from(body, "base64");
      const salt = bytes.subarray(digest.bytes);
      const again = createHash(digest.alg).update(password, "utf8").update(salt).digest();
      return sameString(again.toString("hex"), bytes.subarray(0, digest.bytes).toString("hex"));
    }
  }
}
