import { ValidationError } from "@/lib/errors";
import { canonicalDomain } from "@/lib/validation/names";

/** The canonical (punycode, lower case) name of a domain the user typed, or a field error. */
export function requireDomainName(input: string, field = "domain"): string {
  const name = canonicalDomain(input);
  const valid = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(name) && !/(^|\.)-|-(\.|$)/.test(name);
  if (!valid) throw new ValidationError("errors.checkFields", { [field]: ["orders.errors.domainInvalid"] });
  return name;
}
