"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { auth, signOut } from "@/lib/auth/auth";
import { revokeSession } from "@/lib/auth/revoked-sessions";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { localeSchema } from "@/lib/validation/login";
import { defineAction } from "./define-action";

export const logoutAction = defineAction({
  permission: "public",
  schema: z.strictObject({}),
  handler: async () => {
    // Deleting the cookie is not enough: a copy of it would stay valid until it expires.
    const sid = (await auth())?.principal?.sid;
    if (sid) await revokeSession(getDb(), sid);
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
