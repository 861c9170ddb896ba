import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The crypt(3) hashes old mail systems store and Dovecot verifies: MD5-crypt (`$1$`, Poul-Henning
 * Kamp's algorithm) and SHA-crypt (`$5$`/`$6$`, Ulrich Drepper's specification). Only verification
 * is needed (Kontor never writes these), and node:crypto has the digests but not the crypt framing,
 * so the framing lives here; tests/unit/hash-schemes.test.ts checks it against the specification's
 * vectors and against hashes Dovecot's `doveadm pw` made.
 */

const ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function to64(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = "";
  for (let i = 0; i < n; i++) {
    out += ITOA64[w & 0x3f];
    w >>= 6;
  }
  return out;
}

/** Repeats `block` until `length` bytes (the specification's "P" and "S" sequences). */
function stretch(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += block.length) block.copy(out, i, 0, Math.min(block.length, length - i));
  return out;
}

const SHA_ORDER: Record<"sha256" | "sha512", { groups: [number, number, number][]; tail: (d: Buffer) => string }> = {
  sha256: {
    groups: [
      [0, 10, 20],
      [21, 1, 11],
      [12, 22, 2],
      [3, 13, 23],
      [24, 4, 14],
      [15, 25, 5],
      [6, 16, 26],
      [27, 7, 17],
      [18, 28, 8],
      [9, 19, 29],
    ],
    tail: (d) => to64(0, d[31], d[30], 3),
  },
  sha512: {
    groups: [
      [0, 21, 42],
      [22, 43, 1],
      [44, 2, 23],
      [3, 24, 45],
      [25, 46, 4],
      [47, 5, 26],
      [6, 27, 48],
      [28, 49, 7],
      [50, 8, 29],
      [9, 30, 51],
      [31, 52, 10],
      [53, 11, 32],
      [12, 33, 54],
      [34, 55, 13],
      [56, 14, 35],
      [15, 36, 57],
      [37, 58, 16],
      [59, 17, 38],
      [18, 39, 60],
      [40, 61, 19],
      [62, 20, 41],
    ],
    tail: (d) => to64(0, 0, d[63], 2),
  },
};

/** Rounds above this would let one imported hash keep a CPU busy for minutes at each login. */
export const MAX_SHA_CRYPT_ROUNDS = 1_000_000;

/** SHA-crypt of `password` with the `$5$…`/`$6$…` setting taken from `setting` (a full hash works). */
export function shaCrypt(password: string, setting: string): string | null {
  const m = /^\$([56])\$(?:rounds=(\d+)\$)?([^$]*)/.exec(setting);
  if (!m) return null;
  const alg = m[1] === "5" ? "sha256" : "sha512";
  const custom = setting.startsWith(`$${m[1]}$rounds=`);
  const rounds = custom ? Math.min(Math.max(Number(m[2]), 1000), 999_999_999) : 5000;
  if (rounds > MAX_SHA_CRYPT_ROUNDS) return null;
  const salt = Buffer.from(m[3].slice(0, 16), "utf8");
  const pw = Buffer.from(password, "utf8");
  const h = () => createHash(alg);

  const b = h().update(pw).update(salt).update(pw).digest();
  const ctxA = h().update(pw).update(salt).update(stretch(b, pw.length));
  for (let n = pw.length; n > 0; n >>= 1) ctxA.update(n & 1 ? b : pw);
  const a = ctxA.digest();

  const dp = h();
  for (let i = 0; i < pw.length; i++) dp.update(pw);
  const p = stretch(dp.digest(), pw.length);
  const ds = h();
  for (let i = 0; i < 16 + a[0]; i++) ds.update(salt);
  const s = stretch(ds.digest(), salt.length);

  let c = a;
  for (let i = 0; i < rounds; i++) {
    const ctx = h();
    ctx.update(i & 1 ? p : c);
    if (i % 3) ctx.update(s);
    if (i % 7) ctx.update(p);
    ctx.update(i & 1 ? c : p);
    c = ctx.digest();
  }
  const order = SHA_ORDER[alg];
  const encoded = order.groups.map(([x, y, z]) => to64(c[x], c[y], c[z], 4)).join("") + order.tail(c);
  return `$${m[1]}$${custom ? `rounds=${rounds}$` : ""}${salt.toString("utf8")}$${encoded}`;
}

/** MD5-crypt (`$1$salt$…`) of `password` with the salt of `setting`. */
export function md5Crypt(password: string, setting: string): string | null {
  const m = /^\$1\$([^$]{0,8})/.exec(setting);
  if (!m) return null;
  const salt = Buffer.from(m[1], "utf8");
  const pw = Buffer.from(password, "utf8");
  const md5 = () => createHash("md5");
  const alt = md5().update(pw).update(salt).update(pw).digest();
  const ctx = md5().update(pw).update("$1$").update(salt).update(stretch(alt, pw.length));
  for (let n = pw.length; n > 0; n >>= 1) ctx.update(n & 1 ? Buffer.from([0]) : pw.subarray(0, 1));
  let f = ctx.digest();
  for (let i = 0; i < 1000; i++) {
    const c = md5();
    c.update(i & 1 ? pw : f);
    if (i % 3) c.update(salt);
    if (i % 7) c.update(pw);
    c.update(i & 1 ? f : pw);
    f = c.digest();
  }
  const groups: [number, number, number][] = [
    [0, 6, 12],
    [1, 7, 13],
    [2, 8, 14],
    [3, 9, 15],
    [4, 10, 5],
  ];
  const encoded = groups.map(([x, y, z]) => to64(f[x], f[y], f[z], 4)).join("") + to64(0, 0, f[11], 2);
  return `$1$${salt.toString("utf8")}$${encoded}`;
}

/** Constant-time comparison of two strings (different lengths are simply unequal). */
export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
