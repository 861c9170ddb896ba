"use server";

import { resetCustomerSecondFactor } from "@/lib/auth/mfa/admin-reset";
import { defineAction } from "@/lib/actions/define-action";
import { resetSecondFactorSchema } from "@/lib/validation/mfa";

export const resetSecondFactorAction = defineAction({
  permission: "mfa.reset",
  schema: resetSecondFactorSchema,
  handler: async ({ actor, input, ip, t }) => {
    const removed = await resetCustomerSecondFactor(actor, input.userId, ip);
    return { status: "success", message: t("mfa.resetDone", { count: removed }) };
  },
});
