import { type Db, getDb } from "@/db";
import type { Role } from "@/lib/authz/permissions";
import { type MfaPolicy, readMfaPolicy, writeMfaPolicy } from "./policy-store";

export type { MfaPolicy };

const STAFF_ROLES: readonly Role[] = ["admin", "reseller", "support"];

export function getMfaPolicy(db: Db = getDb()): MfaPolicy {
  return readMfaPolicy(db);
}

export function setMfaPolicy(value: MfaPolicy, db: Pick<Db, "insert"> = getDb()) {
  writeMfaPolicy(db, value);
}

/** Admin, reseller and support accounts must have a second factor while the policy says so. */
export function roleMustEnrol(role: Role, db: Db = getDb()): boolean {
  return STAFF_ROLES.includes(role) && getMfaPolicy(db).enforceStaff;
}
