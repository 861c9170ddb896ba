"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { confirmStammdaten } from "@/lib/services/support/stammdaten";

export const confirmStammdatenAction = defineAction({
  permission: "customer.self",
  schema: z.strictObject({}),
  handler: async ({ actor, ip }) => {
    await confirmStammdaten(actor, ip);
    redirect("/ksc/support");
  },
});
