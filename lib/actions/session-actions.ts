"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/lib/auth/auth";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { localeSchema } from "@/lib/validation/login";
import { defineAction } from "./define-action";

export const logoutAction = defineAction({
  permission: "public",
  schema: z.strictObject({}),
  handler: async () => {
    await signOut({ redirect: false });
    redirect("/login");
  },
});

export const switchLocaleAction = defineAction({
  permission: "public",
  schema: localeSchema,
  handler: async ({ input }) => {
    (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });
    return { status: "success", message: "" };
  },
});
