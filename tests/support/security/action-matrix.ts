import { CUSTOMER_SIDE_ACTIONS } from "./action-matrix-customers";
import { STAFF_SIDE_ACTIONS } from "./action-matrix-staff";
import type { MatrixEntry } from "./action-matrix-kit";

export type { MatrixEntry, Target } from "./action-matrix-kit";

/**
 * The access-control matrix of every server action (SECURITY.md AC-01, AC-02, AC-04, AC-05, AC-08).
 * tests/unit/security/action-matrix.test.ts fails when an action has no entry here.
 *
 * Per entry:
 * - `roles`: who may call it. Everyone else, anonymous included, gets `errors.forbidden`.
 * - `valid`: what an allowed role sends in normal use. Run on a copy of the database, it must succeed,
 *   or end in the named refusal that only a later step can give (proof that the input got past the schema).
 * - `foreign`: inputs with tenant A's ids, sent by each allowed role's tenant-B actor (world.ts). Each one must
 *   be refused with `errors.notFound` (or one of `refusals`), give the same answer when tenant A's ids are
 *   replaced by ids that exist nowhere, and change no row.
 * - `noForeign`: why allowed roles without `foreign` have nothing to aim at another tenant (the action
 *   only touches the caller's own records, or the role works across tenants by design).
 *
 * A refusal writes nothing, the audit log included: Kontor does not audit refused calls today
 * (AC-01 asks for it; see the report of issue 10). Counters of wrong passwords are the one write a
 * refusal may make, and no input here sends a wrong password.
 */
export const ACTION_MATRIX: Record<string, MatrixEntry> = { ...CUSTOMER_SIDE_ACTIONS, ...STAFF_SIDE_ACTIONS };

/** Extra fields an attacker adds to a form (AC-05); each must be refused by the strict schemas. */
export const MASS_ASSIGNMENT_FIELDS = [
  "role",
  "resellerId",
  "customerId",
  "tenantId",
  "userId",
  "isProtected",
  "passwordHash",
  "totpSecret",
  "createdBy",
  "quota",
  "domainId",
  "mailboxId",
  "id",
  "constructor",
];

/** An id no table reaches in the world (AC-01: missing and foreign must look the same). */
export const MISSING_ID = "987654";
