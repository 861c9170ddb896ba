import "server-only";
import { getDb } from "@/db";
import type { PrincipalKind } from "@/db/schema";
import { signIn } from "./auth";
import { issueLoginGrant } from "./login-grants";

/**
 * After a principal changed its own password the session version moved on, which ends every session,
 * this one included. This issues a fresh session for the current browser only.
 */
export async function refreshOwnSession(kind: PrincipalKind, id: number) {
  await signIn("credentials", { grant: await issueLoginGrant(getDb(), kind, id), redirect: false });
}
