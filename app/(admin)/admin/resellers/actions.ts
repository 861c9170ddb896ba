"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createReseller } from "@/lib/services/resellers/create-reseller";
import { createResellerSchema } from "@/lib/validation/reseller";

export const createResellerAction = defineAction({
  permission: "admin.manage",
  schema: createResellerSchema,
  handler: async ({ actor, input, ip, t }) => {
    const r = await createReseller(actor, input, ip);
    revalidatePath("/admin", "layout");
    // Shown once to the admin; only the hash is stored.
    return {
      status: "success",
      message: t("adminArea.resellerCreated", { name: input.name }),
      data: { login: r.login, password: r.password },
    };
  },
});
