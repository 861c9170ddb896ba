import { type Db, getDb } from "@/db";
import type { Role } from "@/lib/authz/permissions";
import { type MfaPolicy, readMfaPolicy, writeMfaPolicy } from "./policy-store";

export type { MfaPolicy };

const STAFF_ROLES: readonly Role[] = ["admin", "reseller", "support"];

export async function getMfaPolicy(db: Db = getDb()): Promise<MfaPolicy> {
  return await readMfaPolicy(db);
}

export async function setMfaPolicy(value: MfaPolicy, db: Pick<Db, "insert"> = getDb()) {
  await writeMfaPolicy(db, value);
}

/** Admin, reseller and support accounts must have a second factor while the policy says so. */
export async function roleMustEnrol(role: Role, db: Db = getDb()): Promise<boolean> {
  return STAFF_ROLES.includes(role) && (await getMfaPolicy(db)).enforceStaff;
}
