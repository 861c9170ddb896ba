"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { ValidationError } from "@/lib/errors";
import { updateOwnStammdaten } from "@/lib/services/recovery/account";
import { confirmReauth } from "@/lib/services/recovery/reauth";
import { reauthSchema, stammdatenSchema } from "@/lib/validation/recovery";

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
    await updateOwnStammdaten(actor, input, ip);
    revalidatePath("/ksc/account");
  },
});
