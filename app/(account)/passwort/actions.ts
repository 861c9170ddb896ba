"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { refreshOwnSession } from "@/lib/auth/refresh-session";
import { changeOwnPasswordWithCurrent } from "@/lib/services/passwords/change-own-password";
import { sendAfterResponse } from "@/lib/services/recovery/deliver";
import { currentLocale } from "@/lib/services/recovery/locale";
import { changeOwnPasswordSchema } from "@/lib/validation/mailbox-settings";

export const changeOwnPasswordAction = defineAction({
  permission: "password.self",
  schema: changeOwnPasswordSchema,
  handler: async ({ actor, input, ip }) => {
    const notice = await changeOwnPasswordWithCurrent(actor, input, ip, await currentLocale());
    await refreshOwnSession(actor.kind, actor.id);
    sendAfterResponse(notice);
    redirect("/passwort?geaendert=1");
  },
});
