import { type Db, getDb } from "@/db";
import { type Role, roleHas } from "@/lib/authz/permissions";
import { type MfaPolicy, readMfaPolicy, writeMfaPolicy } from "./policy-store";

export type { MfaPolicy };

export async function getMfaPolicy(db: Db = getDb()): Promise<MfaPolicy> {
  return await readMfaPolicy(db);
}

export async function setMfaPolicy(value: MfaPolicy, db: Pick<Db, "insert"> = getDb()) {
  await writeMfaPolicy(db, value);
}

/** Staff accounts ("mfa.required" in the permission table) must have a second factor while the policy says so. */
export async function roleMustEnrol(role: Role, db: Db = getDb()): Promise<boolean> {
  return roleHas(role, "mfa.required") && (await getMfaPolicy(db)).enforceStaff;
}
