"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { updatePasswordPolicy, updateServerSettings } from "@/lib/services/settings/update-settings";
import { passwordPolicyFormSchema, serverSettingsFormSchema } from "@/lib/validation/settings";

export const updatePasswordPolicyAction = defineAction({
  permission: "settings.manage",
  schema: passwordPolicyFormSchema,
  handler: ({ actor, input, ip, t }) => {
    updatePasswordPolicy(actor, input, ip);
    revalidatePath("/admin", "layout");
    return { status: "success", message: t("adminArea.saved") };
  },
});

export const updateServerSettingsAction = defineAction({
  permission: "settings.manage",
  schema: serverSettingsFormSchema,
  handler: ({ actor, input, ip, t }) => {
    updateServerSettings(actor, input, ip);
    revalidatePath("/", "layout");
    return { status: "success", message: t("adminArea.saved") };
  },
});
