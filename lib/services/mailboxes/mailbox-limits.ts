import { ValidationError } from "@/lib/errors";

/**
 * The quota a mailbox gets: empty means the package's maximum (or unlimited when the package has
 * none); an explicit value must be at least 1 MB and within the package's mailbox quota.
 * Returns the field error key instead of the quota when the value breaks the package.
 */
export function resolveQuota(requested: number | null, packageMaxMb: number | null): { quotaMb: number | null } | { error: string } {
  if (requested === null) return { quotaMb: packageMaxMb };
  if (requested < 1) return { error: "panel.errors.quotaInvalid" };
  if (packageMaxMb !== null && requested > packageMaxMb) return { error: "panel.errors.quotaTooLarge" };
  return { quotaMb: requested };
}

/** Throws one ValidationError carrying every collected field error, or returns when there are none. */
export function throwIfFieldErrors(errors: Record<string, string[]>) {
  const present = Object.fromEntries(Object.entries(errors).filter(([, v]) => v.length));
  if (Object.keys(present).length) throw new ValidationError("errors.checkFields", present);
}
