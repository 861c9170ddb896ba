"use server";

import { ValidationError } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define-action";
import { redeemRobotCheck } from "@/lib/robot-check/challenge";
import { sendAfterResponse } from "@/lib/services/recovery/deliver";
import { currentLocale } from "@/lib/services/recovery/locale";
import { completePasswordReset, inspectResetLink } from "@/lib/services/recovery/redeem-link";
import { completeResetSchema, confirmLinkSchema } from "@/lib/validation/recovery";

export const confirmLinkAction = defineAction({
  permission: "public",
  schema: confirmLinkSchema,
  handler: async ({ input, t }) => {
    if (!(await redeemRobotCheck(input.altcha))) throw new ValidationError("errors.checkFields", { altcha: ["robot.failed"] });
    const view = await inspectResetLink(input.token);
    return {
      status: "success",
      message: t("recovery.editIntro"),
      data: { account: view.account, needsSecondFactor: view.needsSecondFactor ? "1" : "0" },
    };
  },
});

export const completeResetAction = defineAction({
  permission: "public",
  schema: completeResetSchema,
  handler: async ({ input, ip, t }) => {
    const notice = await completePasswordReset({ ...input, ip, locale: await currentLocale() });
    sendAfterResponse(notice);
    return { status: "success", message: t("recovery.done") };
  },
});
