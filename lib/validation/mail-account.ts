import { z } from "zod";
import { localPartField } from "./local-part";
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
  localPart: localPartField,
});
export const unrouteAddressSchema = z.strictObject({ addressId: idField });
