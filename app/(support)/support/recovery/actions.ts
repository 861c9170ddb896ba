"use server";

import { defineAction } from "@/lib/actions/define-action";
import { sendAfterResponse } from "@/lib/services/recovery/deliver";
import { currentLocale } from "@/lib/services/recovery/locale";
import { sendSupportRecoveryLink } from "@/lib/services/recovery/support-link";
import { supportLinkSchema } from "@/lib/validation/recovery";

export const sendRecoveryLinkAction = defineAction({
  permission: "support.recovery",
  schema: supportLinkSchema,
  handler: async ({ actor, input, ip, t }) => {
    const result = await sendSupportRecoveryLink(actor, input, await currentLocale(), ip);
    if (!result.ok)
      return { status: "error", formError: t("supportRecovery.throttled", { minutes: Math.ceil(result.retryAfterMs / 60_000) }) };
    sendAfterResponse(result.mail);
    sendAfterResponse(result.ownerNotice);
    return { status: "success", message: t("supportRecovery.sent", { address: result.sentTo }) };
  },
});
