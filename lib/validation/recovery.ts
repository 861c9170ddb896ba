import { z } from "zod";
import { LOGIN_AREAS } from "@/lib/auth/login-areas";
import { currentPasswordField, withPasswordConfirmation } from "./password";
import { cityField, postalCodeField } from "./postal-address";

/** Messages are i18n keys; the action wrapper translates them. */
const robot = { altcha: z.string().min(1, "robot.required").max(4000, "robot.failed") };
// No CR/LF can pass: z.email() refuses them, so an address never smuggles a header into a mail.
const email = z.email("validation.email").max(254, "validation.tooLong");
/** Empty, or an address: a wrong one says what is wrong with it (a bare union only says "invalid"). */
const optionalEmail = z.union([z.literal(""), email], "validation.email");
const token = { token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "recovery.linkInvalid") };
const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .refine((s) => !/[\r\n]/.test(s), "validation.invalid");

export const forgotSchema = z.strictObject({
  identifier: z.string().trim().min(1, "validation.required").max(320, "validation.tooLong"),
  area: z.enum(LOGIN_AREAS, "validation.areaRequired"),
  ...robot,
});

export const confirmLinkSchema = z.strictObject({ ...token, ...robot });

export const completeResetSchema = withPasswordConfirmation({
  ...token,
  secondFactorCode: z.string().trim().max(64, "validation.tooLong").optional(),
});

export const supportLinkSchema = z
  .strictObject({
    kind: z.enum(["user", "mail_account", "mailbox"], "validation.invalid"),
    identifier: z.string().trim().min(1, "validation.required").max(320, "validation.tooLong"),
    recipient: z.enum(["contact", "new"], "validation.invalid"),
    newAddress: optionalEmail.optional(),
    reason: z.string().trim().min(10, "supportRecovery.reasonShort").max(500, "validation.tooLong"),
  })
  .refine((d) => d.recipient !== "new" || !!d.newAddress, { path: ["newAddress"], message: "validation.required" });

export const reauthSchema = z.strictObject({ ...currentPasswordField });

export const stammdatenSchema = z.strictObject({
  company: line(200),
  contactName: line(200).pipe(z.string().min(1, "validation.required")),
  street: line(200),
  postalCode: postalCodeField,
  city: cityField,
  phone: line(50),
  contactEmail: email,
});
export type StammdatenInput = z.output<typeof stammdatenSchema>;

export const mailboxRecoverySchema = z.strictObject({
  address: optionalEmail,
  ...currentPasswordField,
});
