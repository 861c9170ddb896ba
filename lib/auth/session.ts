import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { type Actor, HOME_BY_ROLE } from "@/lib/authz/actor";
import { can, type Permission } from "@/lib/authz/permissions";
import { auth } from "./auth";
import { readSessionPrincipal } from "./read-session";
import { loadSessionActor } from "./session-actor";
import { outlivedLogin } from "./session-lifetime";

/**
 * The acting principal, re-read from the database. A session whose version no longer matches
 * (password changed, forced logout), that was ended by "Abmelden", that outlived the absolute
 * login lifetime, or whose account is gone or disabled counts as logged out.
 */
export const getActor = cache(async (): Promise<Actor | undefined> => {
  const p = await readSessionPrincipal();
  if (!p) return undefined;
  const actor = await loadSessionActor(getDb(), p);
  if (!actor || actor.sessionVersion !== p.sv || outlivedLogin(p.at, actor.role)) return undefined;
  return actor;
});

/** Re-issues the session cookie with a fresh expiry (next-auth's auth() does so where cookies can be set). */
export async function renewSessionCookie() {
  await auth();
}

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages: a page of an area the actor may not use answers 404 instead of revealing that it exists. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) notFound();
  return actor;
}

export function homeFor(actor: Actor): string {
  return HOME_BY_ROLE[actor.role];
}
