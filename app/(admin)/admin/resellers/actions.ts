"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { createReseller } from "@/lib/services/resellers/create-reseller";
import { deleteReseller, updateReseller } from "@/lib/services/resellers/update-reseller";
import { createResellerSchema, deleteResellerSchema, updateResellerSchema } from "@/lib/validation/reseller";

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

export const updateResellerAction = defineAction({
  permission: "admin.manage",
  schema: updateResellerSchema,
  handler: async ({ actor, input, ip, t }) => {
    const { id, ...values } = input;
    await updateReseller(actor, id, values, ip);
    revalidatePath("/admin", "layout");
    return { status: "success", message: t("adminArea.resellerSaved") };
  },
});

export const deleteResellerAction = defineAction({
  permission: "admin.manage",
  schema: deleteResellerSchema,
  handler: async ({ actor, input, ip }) => {
    await deleteReseller(actor, input.id, ip);
    revalidatePath("/admin", "layout");
    redirect("/admin/resellers");
  },
});
