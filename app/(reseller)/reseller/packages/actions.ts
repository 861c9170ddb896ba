"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { limitErrorState } from "@/lib/services/orders/limit-error";
import { createPackage, deletePackage, updatePackage } from "@/lib/services/packages/save-package";
import { createPackageSchema, deletePackageSchema, updatePackageSchema } from "@/lib/validation/package";

export const createPackageAction = defineAction({
  permission: "reseller.manage",
  schema: createPackageSchema,
  handler: async ({ actor, input, ip }) => {
    await createPackage(actor, input, ip);
    revalidatePath("/reseller", "layout");
    redirect("/reseller/packages");
  },
});

export const updatePackageAction = defineAction({
  permission: "reseller.manage",
  schema: updatePackageSchema,
  handler: async ({ actor, input, ip, t }) => {
    const { id, ...values } = input;
    try {
      await updatePackage(actor, id, values, ip);
    } catch (error) {
      return limitErrorState(error, t);
    }
    revalidatePath("/reseller", "layout");
    return { status: "success", message: t("tariffs.saved") };
  },
});

export const deletePackageAction = defineAction({
  permission: "reseller.manage",
  schema: deletePackageSchema,
  handler: async ({ actor, input, ip }) => {
    await deletePackage(actor, input.id, ip);
    revalidatePath("/reseller", "layout");
    redirect("/reseller/packages");
  },
});
