"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth/auth";
import { attemptLogin } from "@/lib/auth/login-service";
import { HOME_BY_ROLE } from "@/lib/authz/actor";
import type { Role } from "@/lib/authz/permissions";
import { loginSchema } from "@/lib/validation/login";

export const loginAction = defineAction({
  permission: "public",
  schema: loginSchema,
  handler: async ({ input, ip, t }) => {
    const result = await attemptLogin({ ...input, ip });
    if (!result.ok) {
      if (result.reason === "throttled") {
        return { status: "error", formError: t("login.throttled", { minutes: Math.ceil(result.retryAfterMs / 60_000) }) };
      }
      return { status: "error", formError: t("login.invalid") };
    }
    await signIn("credentials", { grant: result.grant, redirect: false });
    redirect(HOME_BY_ROLE[result.role as Role]);
  },
});
