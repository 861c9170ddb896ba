import { ValidationError } from "@/lib/errors";
import { type FieldMessage, type FieldMessages, messageRef } from "@/lib/i18n/message-ref";

/**
 * The quota a mailbox gets: empty means the package's maximum (or unlimited when the package has
 * none); an explicit value must be at least 1 MB and within the package's mailbox quota.
 * Returns the field error instead of the quota when the value breaks the package; the one for a too
 * large value names the package's limit.
 */
export function resolveQuota(requested: number | null, packageMaxMb: number | null): { quotaMb: number | null } | { error: FieldMessage } {
  if (requested === null) return { quotaMb: packageMaxMb };
  if (requested < 1) return { error: "panel.errors.quotaInvalid" };
  if (packageMaxMb !== null && requested > packageMaxMb) return { error: messageRef(QUOTA_TOO_LARGE, { max: packageMaxMb }) };
  return { quotaMb: requested };
}

export const QUOTA_TOO_LARGE = "panel.errors.quotaTooLarge";

/** Throws one ValidationError carrying every collected field error, or returns when there are none. */
export function throwIfFieldErrors(errors: FieldMessages) {
  const present = Object.fromEntries(Object.entries(errors).filter(([, v]) => v.length));
  if (Object.keys(present).length) throw new ValidationError("errors.checkFields", present);
}
