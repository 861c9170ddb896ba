import type { Role } from "@/lib/authz/permissions";

const HOUR = 60 * 60 * 1000;
/** Staff can change many customers' data; their sessions end sooner. */
const PRIVILEGED: readonly Role[] = ["admin", "reseller", "support"];

/**
 * The absolute limit of one login, however active the session stays (the cookie itself is renewed
 * while it is used): 12 hours for staff, 24 for everyone else. Checked on the server on every request.
 */
export function absoluteLifetimeMs(role: Role): number {
  return PRIVILEGED.includes(role) ? 12 * HOUR : 24 * HOUR;
}

export function outlivedLogin(loggedInAt: number, role: Role, now = Date.now()): boolean {
  return !(now >= loggedInAt && now - loggedInAt <= absoluteLifetimeMs(role));
}
