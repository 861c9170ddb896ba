import { domainToASCII, domainToUnicode } from "node:url";

/** Lower-cased ASCII (punycode) form of a domain; trailing dot removed. Empty string when invalid. */
export function canonicalDomain(input: string): string {
  const trimmed = input.trim().replace(/\.$/, "").toLowerCase();
  if (!trimmed || trimmed.length > 253) return "";
  const ascii = domainToASCII(trimmed);
  return ascii && !displayDomain(ascii).split(".").some(mixesLookalikeScripts) ? ascii : "";
}

/**
 * Latin, Cyrillic and Greek share many letter shapes ("pаypal" with a Cyrillic а). A label mixing them
 * is refused, as registries do, so a customer cannot add a lookalike of another customer's domain.
 */
const LOOKALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];
function mixesLookalikeScripts(label: string): boolean {
  return LOOKALIKE_SCRIPTS.filter((script) => script.test(label)).length > 1;
}

/** Unicode form for display (`xn--grne-wiese-8db.example` → `grüne-wiese.example`). */
export function displayDomain(ascii: string): string {
  // Only punycode labels change; lists show fifty addresses a page and most domains are plain ASCII.
  if (!/xn--/i.test(ascii)) return ascii;
  return domainToUnicode(ascii) || ascii;
}

/** `Local@Dömain.example.` → `local@xn--dmain-jua.example`; empty string when not an address. */
export function canonicalAddress(input: string): string {
  const value = input.trim();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) return "";
  const domain = canonicalDomain(value.slice(at + 1));
  if (!domain) return "";
  return `${value.slice(0, at).toLowerCase()}@${domain}`;
}

export function displayAddress(ascii: string): string {
  const at = ascii.lastIndexOf("@");
  return at < 0 ? ascii : `${ascii.slice(0, at)}@${displayDomain(ascii.slice(at + 1))}`;
}

/** `K10001`, `k10001` → `K10001`; null when it is not a customer number. */
export function canonicalCustomerNumber(input: string): string | null {
  const match = /^\s*k(\d{3,})\s*$/i.exec(input);
  return match ? `K${match[1]}` : null;
}
