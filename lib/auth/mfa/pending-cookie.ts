import "server-only";
import { cookies } from "next/headers";
import { getServerSettings } from "@/lib/services/settings/server-settings";
import { PENDING_TTL_MS } from "./pending-login";

/**
 * The pending-login token travels in an httpOnly cookie scoped to /login, so page scripts never see
 * it and it only goes back to the login's own actions.
 */
const NAME = "kontor_mfa_pending";

export async function setPendingCookie(token: string) {
  (await cookies()).set(NAME, token, {
    httpOnly: true,
    sameSite: "strict",
    path: "/login",
    maxAge: PENDING_TTL_MS / 1000,
    secure: (await getServerSettings()).publicUrl.startsWith("https://"),
  });
}

export async function readPendingCookie(): Promise<string> {
  return (await cookies()).get(NAME)?.value ?? "";
}

export async function clearPendingCookie() {
  (await cookies()).delete({ name: NAME, path: "/login" });
}
