"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setOwnRecoveryEmail } from "@/lib/services/recovery/mailbox-recovery";
import { mailboxRecoverySchema } from "@/lib/validation/recovery";

export const setRecoveryEmailAction = defineAction({
  permission: "mailbox.self",
  schema: mailboxRecoverySchema,
  handler: async ({ actor, input, ip, t }) => {
    await setOwnRecoveryEmail(actor, input, ip);
    revalidatePath("/mailbox/recovery");
    return { status: "success", message: t("mailboxRecovery.saved") };
  },
});
