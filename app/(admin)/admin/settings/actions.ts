"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { updatePasswordPolicy, updateServerSettings } from "@/lib/services/settings/update-settings";
import { passwordPolicyFormSchema, serverSettingsFormSchema } from "@/lib/validation/settings";

export const updatePasswordPolicyAction = defineAction({
  permission: "settings.manage",
  schema: passwordPolicyFormSchema,
  handler: async ({ actor, input, ip, t }) => {
    await updatePasswordPolicy(actor, input, ip);
    revalidatePath("/admin", "layout");
    return { status: "success", message: t("adminArea.saved") };
  },
});

export const updateServerSettingsAction = defineAction({
  permission: "settings.manage",
  schema: serverSettingsFormSchema,
  handler: async ({ actor, input, ip, t }) => {
    await updateServerSettings(actor, input, ip);
    revalidatePath("/", "layout");
    return { status: "success", message: t("adminArea.saved") };
  },
});
