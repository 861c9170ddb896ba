/**
 * Sieve string literals. Everything Kontor puts into a script passes through sieveString: a quoted
 * string where only `\` and `"` need escaping (RFC 5228 §2.4.2). Scripts never `require "variables"`
 * or "encoded-character", so `${…}` inside a value stays literal text. Control characters (CR/LF
 * above all) are refused outright instead of escaped: no stored value legitimately contains them.
 */
export function sieveString(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new Error("Control characters are not allowed in Sieve strings");
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `["a", "b"]`, each element escaped. */
export function sieveList(values: readonly string[]): string {
  return `[${values.map(sieveString).join(", ")}]`;
}

/**
 * A multi-line text (the autoresponder's message) as one quoted string: line breaks and tabs stay,
 * CRLF becomes LF, every other control character is refused like in sieveString.
 */
export function sieveText(value: string): string {
  const text = value.replace(/\r\n?/g, "\n");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) throw new Error("Control characters are not allowed in Sieve strings");
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
