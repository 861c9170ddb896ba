import { z } from "zod";
import { idField, limitField } from "./package";
import { currentPasswordField, withPasswordConfirmation } from "./password";

export const createMailAccountSchema = withPasswordConfirmation({ quotaMb: limitField });
/** The administrator's own account also needs its current password (sent only by that form). */
export const setMailAccountPasswordSchema = withPasswordConfirmation({
  accountId: idField,
  currentPassword: currentPasswordField.currentPassword.optional(),
});
export const forcedPasswordChangeSchema = withPasswordConfirmation({});
export const setMailAccountQuotaSchema = z.strictObject({ accountId: idField, quotaMb: limitField });
export const deleteMailAccountSchema = z.strictObject({ accountId: idField });

/** `local@` part of a routed address; the domain is chosen from the customer's own list. */
export const routeAddressSchema = z.strictObject({
  accountId: idField,
  domainId: idField,
  localPart: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "validation.required")
    .max(64, "validation.tooLong")
    .regex(/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/, "mailAdmin.errors.localPart"),
});
export const unrouteAddressSchema = z.strictObject({ addressId: idField });
