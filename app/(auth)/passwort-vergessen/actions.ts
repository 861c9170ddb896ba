"use server";

import { ValidationError } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define-action";
import { redeemRobotCheck } from "@/lib/robot-check/challenge";
import { sendAfterResponse } from "@/lib/services/recovery/deliver";
import { currentLocale } from "@/lib/services/recovery/locale";
import { requestPasswordReset } from "@/lib/services/recovery/request-reset";
import { forgotSchema } from "@/lib/validation/recovery";

export const requestResetAction = defineAction({
  permission: "public",
  schema: forgotSchema,
  handler: async ({ input, ip, t }) => {
    if (!(await redeemRobotCheck(input.altcha))) throw new ValidationError("errors.checkFields", { altcha: ["robot.failed"] });
    const result = await requestPasswordReset({ area: input.area, identifier: input.identifier, ip, locale: await currentLocale() });
    if (!result.ok) {
      // By key as well, so the form shows it again in the language the user switches to.
      const values = { minutes: Math.ceil(result.retryAfterMs / 60_000) };
      return { status: "error", formError: t("recovery.throttled", values), formErrorRef: { key: "recovery.throttled", values } };
    }
    sendAfterResponse(result.mail);
    return { status: "success", message: t("recovery.requested") };
  },
});
