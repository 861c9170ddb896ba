import { type Role, roleHas } from "@/lib/authz/permissions";

const HOUR = 60 * 60 * 1000;

/**
 * The absolute limit of one login, however active the session stays (the cookie itself is renewed
 * while it is used): 12 hours for staff, 24 for everyone else
 * ("session.shortLifetime" in the permission table). Checked on the server on every request.
 */
export function absoluteLifetimeMs(role: Role): number {
  return roleHas(role, "session.shortLifetime") ? 12 * HOUR : 24 * HOUR;
}

export function outlivedLogin(loggedInAt: number, role: Role, now = Date.now()): boolean {
  return !(now >= loggedInAt && now - loggedInAt <= absoluteLifetimeMs(role));
}
