"use server";

import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { confirmTotp, finishKey, regenerateCodes, removeFactor, startKeyRegistration, startTotp } from "@/lib/auth/mfa/self-service";
import type { ActionState } from "@/lib/actions/action-state";
import { defineAction } from "@/lib/actions/define-action";
import { ValidationError } from "@/lib/errors";
import {
  keyRegistrationSchema,
  parseWebauthnJson,
  passwordOnlySchema,
  removeFactorSchema,
  startFactorSchema,
  totpConfirmSchema,
} from "@/lib/validation/mfa";

/** Recovery codes travel once, to be shown once; they are never stored in plain form. */
const withCodes = (message: string, codes: string[] | null): ActionState => ({
  status: "success",
  message,
  data: codes ? { codes: codes.join("\n") } : {},
});

export const startTotpAction = defineAction({
  permission: "mfa.self",
  schema: startFactorSchema,
  handler: async ({ actor, input }) => {
    const enrolment = await startTotp(actor, input);
    // The secret must reach the user once, as QR code and as text, to be typed into the app.
    const data = { factorId: String(enrolment.factorId), secret: enrolment.secret, qr: enrolment.qrDataUrl };
    return { status: "success", message: "", data };
  },
});

export const confirmTotpAction = defineAction({
  permission: "mfa.self",
  schema: totpConfirmSchema,
  handler: async ({ actor, input, ip, t }) => {
    const codes = await confirmTotp(actor, { ...input, label: input.label || t("mfa.totpDefaultLabel") }, ip);
    return withCodes(t("mfa.totpActive"), codes);
  },
});

export const keyOptionsAction = defineAction({
  permission: "mfa.self",
  schema: startFactorSchema,
  handler: async ({ actor, input }) => {
    const options = await startKeyRegistration(actor, input);
    return { status: "success", message: "", data: { options: JSON.stringify(options) } };
  },
});

export const finishKeyAction = defineAction({
  permission: "mfa.self",
  schema: keyRegistrationSchema,
  handler: async ({ actor, input, ip, t }) => {
    const response = parseWebauthnJson<RegistrationResponseJSON>(input.response);
    if (!response) throw new ValidationError("mfa.keyFailed");
    const codes = await finishKey(actor, { response, label: input.label || t("mfa.keyDefaultLabel") }, ip);
    return withCodes(t("mfa.keyActive"), codes);
  },
});

export const removeFactorAction = defineAction({
  permission: "mfa.self",
  schema: removeFactorSchema,
  handler: async ({ actor, input, ip, t }) => {
    await removeFactor(actor, input, ip);
    return { status: "success", message: t("mfa.removed") };
  },
});

export const regenerateCodesAction = defineAction({
  permission: "mfa.self",
  schema: passwordOnlySchema,
  handler: async ({ actor, input, ip, t }) => withCodes(t("mfa.codesRenewed"), await regenerateCodes(actor, input, ip)),
});
