"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { refreshOwnSession } from "@/lib/auth/refresh-session";
import { ValidationError } from "@/lib/errors";
import { changeOwnPassword, updateOwnStammdaten } from "@/lib/services/recovery/account";
import { sendAfterResponse } from "@/lib/services/recovery/deliver";
import { currentLocale } from "@/lib/services/recovery/locale";
import { confirmReauth } from "@/lib/services/recovery/reauth";
import { accountPasswordSchema, reauthSchema, stammdatenSchema } from "@/lib/validation/recovery";

export const reauthAction = defineAction({
  permission: "customer.self",
  schema: reauthSchema,
  handler: async ({ actor, input, ip, t }) => {
    const result = await confirmReauth(actor, input.currentPassword, ip);
    if (!result.ok && result.reason === "throttled") {
      return { status: "error", formError: t("account.reauthThrottled", { minutes: Math.ceil(result.retryAfterMs / 60_000) }) };
    }
    if (!result.ok) throw new ValidationError("errors.checkFields", { currentPassword: ["account.reauthWrong"] });
    revalidatePath("/ksc/account");
  },
});

export const updateStammdatenAction = defineAction({
  permission: "customer.self",
  schema: stammdatenSchema,
  handler: async ({ actor, input, ip }) => {
    updateOwnStammdaten(actor, input, ip);
    revalidatePath("/ksc/account");
  },
});

export const changeAccountPasswordAction = defineAction({
  permission: "customer.self",
  schema: accountPasswordSchema,
  handler: async ({ actor, input, ip, t }) => {
    const notice = await changeOwnPassword(actor, input.newPassword, ip, await currentLocale());
    await refreshOwnSession(actor.kind, actor.id);
    sendAfterResponse(notice);
    return { status: "success", message: t("account.passwordChanged") };
  },
});
