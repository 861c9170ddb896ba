/**
 * Whether a password is on the common-password list, the same on the server and in the browser's
 * meter: exact match ignoring case; the same with trailing digits and punctuation removed
 * ("trustno1trustno1!!" → "trustno1trustno1"); and a common password repeated ("passwortpasswort").
 */
export function matchesCommonList(list: ReadonlySet<string>, password: string): boolean {
  const lower = password.toLowerCase();
  if (list.has(lower)) return true;
  const stem = lower.replace(/[\d\W_]+$/u, "");
  if (stem !== lower && stem.length >= 8 && list.has(stem)) return true;
  const repeated = /^(.+?)\1+$/u.exec(stem);
  return !!repeated && list.has(repeated[1]);
}

/** The list file's format: one lower-cased password a line. */
export const parseCommonList = (text: string): Set<string> => new Set(text.split("\n").filter(Boolean));
