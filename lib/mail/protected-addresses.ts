/**
 * Addresses every mail domain must keep reachable (RFC 2142: postmaster for mail problems, abuse for
 * complaints). Customers may set their passwords and forwards, but not delete or switch them off:
 * other providers' postmasters and abuse desks rely on them.
 */
export const PROTECTED_LOCAL_PARTS = ["postmaster", "abuse"] as const;

export function isProtectedAddress(address: string): boolean {
  const local = address.slice(0, address.lastIndexOf("@")).toLowerCase();
  return (PROTECTED_LOCAL_PARTS as readonly string[]).includes(local);
}
