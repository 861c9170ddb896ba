"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createApiKey, revokeApiKey } from "@/lib/services/api-keys/manage-api-keys";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/validation/api-key";

export const createApiKeyAction = defineAction({
  permission: "apikeys.manage",
  schema: createApiKeySchema,
  handler: async ({ actor, input, ip, t }) => {
    const created = await createApiKey(actor, input, ip);
    revalidatePath("/api-schluessel");
    // The key is shown once, in this answer only; the database keeps its HMAC.
    return {
      status: "success",
      message: t("apiKeys.createdMessage", { name: input.name }),
      data: { name: input.name, token: created.token },
    };
  },
});

export const revokeApiKeyAction = defineAction({
  permission: "apikeys.manage",
  schema: revokeApiKeySchema,
  handler: async ({ actor, input, ip, t }) => {
    await revokeApiKey(actor, input.keyId, ip);
    revalidatePath("/api-schluessel");
    return { status: "success", message: t("apiKeys.revoked") };
  },
});
