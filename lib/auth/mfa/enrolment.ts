import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import type { Actor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { requirePermission } from "../session";
import { mustEnrolAsLoaded } from "../session-actor";
import { userHasSecondFactor } from "./factors";
import { roleMustEnrol } from "./policy";

/** Where staff without a second factor are sent; it lives outside their area's layout. */
export const ENROL_PATH = "/login/zwei-faktor";

/**
 * Remembered for one render (React cache, keyed by the actor object getActor keeps per request): a
 * staff page and its layout both ask, which read the policy twice per page view.
 */
export const mustEnrol = cache(async (actor: Actor): Promise<boolean> => {
  // getActor's query read the policy and the factors already (lib/auth/session-actor.ts).
  const loaded = mustEnrolAsLoaded(actor);
  if (loaded !== undefined) return loaded;
  const db = getDb();
  return actor.kind === "user" && (await roleMustEnrol(actor.role, db)) && !(await userHasSecondFactor(db, actor.id));
});

/**
 * requirePermission for staff areas: while the policy requires a second factor and the account has none,
 * every page of the area sends the user to the enrolment page instead of rendering.
 * Layouts run on full page loads and on navigations that enter the area, not on every client-side
 * navigation inside it; the first page after login always passes through the layout, so a fresh
 * staff session cannot reach a page before enrolling. Server actions check mustEnrol themselves
 * (lib/actions/define-action.ts), so a crafted POST is refused as well.
 */
export async function requireEnrolledActor(permission: Permission): Promise<Actor> {
  const actor = await requirePermission(permission);
  if (await mustEnrol(actor)) redirect(ENROL_PATH);
  return actor;
}
