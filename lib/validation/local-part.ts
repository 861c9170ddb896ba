import { z } from "zod";

/**
 * The sub-address delimiter: mail to `name+tag@domain` goes to `name@domain`. Postfix
 * (recipient_delimiter) and Dovecot's LMTP (recipient_delimiter) are generated with this value, which
 * is why no new mailbox, alias or routed address may contain it: such an address could never log in
 * (Dovecot) and its mail would be filed for the part before the "+".
 */
export const RECIPIENT_DELIMITER = "+";

/**
 * The address mail to `address` is filed for: `name+tag@domain` → `name@domain` (an address without a
 * tag is its own). Kontor creates no address with the delimiter, but forwarding targets may carry one.
 */
export function withoutSubAddress(address: string): string {
  const at = address.lastIndexOf("@");
  const plus = address.indexOf(RECIPIENT_DELIMITER);
  return plus < 0 || plus > at ? address : address.slice(0, plus) + address.slice(at);
}

/** `name+tag@domain` with `name@domain` replaced by `to` (`to+tag@…`); an address without a tag becomes `to`. */
export function withSubAddressOf(address: string, to: string): string {
  const at = address.lastIndexOf("@");
  const plus = address.indexOf(RECIPIENT_DELIMITER);
  if (plus < 0 || plus > at) return to;
  const toAt = to.lastIndexOf("@");
  return to.slice(0, toAt) + address.slice(plus, at) + to.slice(toAt);
}

/**
 * Letters, digits, dot, hyphen, underscore; no leading, trailing or double dot. Narrower than RFC 5321
 * on purpose: Sieve script names, Dovecot user names and Postfix lookups all take these as they are.
 * `=` stays out so that the catch-all delivery address (CATCH_ALL_LOCAL_PART) never collides.
 */
const LOCAL_PART = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/** The message key of what is wrong with an (already lower-cased) local part, or null when it is fine. */
export function localPartProblem(local: string): string | null {
  if (local === "") return "validation.required";
  if (local.length > 64) return "validation.tooLong";
  if (local.includes(RECIPIENT_DELIMITER)) return "panel.errors.localPartPlus";
  return LOCAL_PART.test(local) ? null : "panel.errors.localPartInvalid";
}

/**
 * The one rule for the part before the @ of every address Kontor creates: mailboxes, aliases, addresses
 * routed to a mail account, in the panels, the E-Mail-Administration, the API and the CSV import
 * (which the PostfixAdmin migration feeds). One message per input, the most specific one.
 */
export const localPartField = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((local, ctx) => {
    const problem = localPartProblem(local);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
