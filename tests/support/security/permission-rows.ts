import type { Db } from "@/db";
import { auditLog } from "@/db/schema";
import { findCustomerAccounts } from "@/lib/auth/mfa/admin-reset";
import { roleMustEnrol, setMfaPolicy } from "@/lib/auth/mfa/policy";
import { outlivedLogin } from "@/lib/auth/session-lifetime";
import type { Actor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { listApiKeys } from "@/lib/services/api-keys/manage-api-keys";
import { listTenantApiKeys } from "@/lib/services/api-keys/tenant-api-keys";
import { auditCodesVisible, auditIpVisible, listAudit } from "@/lib/services/audit/list-audit";
import { deleteCustomer } from "@/lib/services/customers/delete-customer";
import { updateCustomer } from "@/lib/services/customers/update-customer";
import { endSubscription } from "@/lib/services/subscriptions/end-subscription";
import { assertMailAdmin } from "@/lib/services/mail-accounts/mail-admin-guard";
import { loadOwnMailbox } from "@/lib/services/mailbox-settings/own-mailbox";
import { sendSupportRecoveryLink } from "@/lib/services/recovery/support-link";
import { exportSubscription } from "@/lib/services/import/export-data";
import { dryRunImport } from "@/lib/services/import/run-import";
import { listResellers } from "@/lib/services/resellers/list-resellers";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";
import { updatePasswordPolicy } from "@/lib/services/settings/update-settings";
import { searchCustomersByName } from "@/lib/services/support/search-customers";
import { revealTicketPassword } from "@/lib/services/tickets/reveal-ticket-password";
import { setTicketStatus } from "@/lib/services/tickets/set-ticket-status";
import { auditQuerySchema } from "@/lib/validation/audit";
import { createCustomerSchema } from "@/lib/validation/customer";
import { customer } from "./action-matrix-kit";
import type { World } from "./world";

const MISSING = 987654;
const HOUR = 60 * 60 * 1000;
const customerInput = createCustomerSchema.parse(customer);

/**
 * One test row per permission of lib/authz/permissions.ts (typed as a Record, so a new permission
 * without a row does not compile, and tests/unit/security/permission-table.test.ts fails as well).
 *
 * - `actions`: only server actions ask it (defineAction); the action matrix calls every such action as
 *   every role, with the allowed roles taken from the table.
 * - `probe`: a service that asks it, called as every role of the world on a copy of the database.
 *   The role is refused when the call throws the `refusal` error (default `errors.forbidden`) or
 *   returns `false`; the holders of the permission must pass, every other role must be refused.
 */
export type PermissionRow =
  | { gate: "actions" }
  | { gate: "service"; refusal?: "errors.forbidden" | "errors.notFound"; probe: (actor: Actor, w: World, db: Db) => unknown };

export const PERMISSION_ROWS: Record<Permission, PermissionRow> = {
  public: { gate: "actions" },
  "admin.manage": { gate: "service", probe: async (actor, _w, db) => await listResellers(actor, db) },
  "settings.manage": {
    gate: "service",
    probe: async (actor, _w, db) => await updatePasswordPolicy(actor, await getPasswordPolicyOptions(db), null, db),
  },
  "mfa.reset": { gate: "service", probe: async (actor, _w, db) => await findCustomerAccounts(actor, "k", db) },
  "mfa.self": { gate: "actions" },
  "apikeys.manage": { gate: "service", probe: async (actor, _w, db) => await listApiKeys(actor, db) },
  "apikeys.manageOthers": { gate: "service", probe: async (actor, _w, db) => await listTenantApiKeys(actor, db) },
  "password.self": { gate: "actions" },
  "reseller.manage": { gate: "service", probe: async (actor, _w, db) => await updateCustomer(actor, MISSING, customerInput, null, db) },
  "subscriptions.end": { gate: "service", probe: async (actor, _w, db) => await endSubscription(actor, MISSING, null, db) },
  "customers.delete": { gate: "service", probe: async (actor, _w, db) => await deleteCustomer(actor, MISSING, null, db) },
  "customer.self": { gate: "service", probe: async (actor, _w, db) => await revealTicketPassword(actor, MISSING, null, db) },
  "mailboxes.manage": { gate: "actions" },
  "mailadmin.manage": { gate: "service", probe: (actor) => assertMailAdmin(actor) },
  "mailbox.self": { gate: "service", refusal: "errors.notFound", probe: async (actor, _w, db) => await loadOwnMailbox(actor, db) },
  "support.read": { gate: "service", probe: async (actor, _w, db) => await searchCustomersByName(actor, "K", undefined, db) },
  "support.tickets": { gate: "service", probe: async (actor, _w, db) => await setTicketStatus(actor, MISSING, "closed", null, db) },
  "support.recovery": {
    gate: "service",
    probe: async (actor, _w, db) =>
      await sendSupportRecoveryLink(
        actor,
        { kind: "mailbox", identifier: "niemand@nirgends.example", recipient: "contact", reason: "Test" },
        "de",
        "192.0.2.1",
        db,
      ),
  },
  "export.read": {
    gate: "service",
    probe: async (actor, w, db) => await exportSubscription(actor, w.b.subscriptionId, { withHashes: false, format: "csv" }, db),
  },
  "export.hashes": {
    gate: "service",
    probe: async (actor, w, db) => await exportSubscription(actor, w.b.subscriptionId, { withHashes: true, format: "json" }, db),
  },
  "import.manage": { gate: "service", probe: async (actor, w, db) => await dryRunImport(actor, w.b.subscriptionId, [], [], db) },
  "audit.read": {
    gate: "service",
    // An entry about tenant B's customer: every holder reads it within its scope, nobody else reads any.
    probe: async (actor, w, db) => {
      await db.insert(auditLog).values({
        actorKind: "user",
        actorId: w.b.customerUserId,
        actorLabel: "probe",
        action: "probe.entry",
        resellerId: w.b.resellerId,
        customerId: w.b.customerId,
      });
      return (await listAudit(actor, auditQuerySchema.parse({ action: "probe." }), db)).items.length > 0;
    },
  },
  "audit.readIps": { gate: "service", probe: (actor) => auditIpVisible(actor, { actorKind: "user", actorId: MISSING }) },
  "audit.readCodes": { gate: "service", probe: (actor) => auditCodesVisible(actor) },
  // Duties rather than rights: the holders are the roles the rule applies to (probe returns true).
  "mfa.required": {
    gate: "service",
    probe: async (actor, _w, db) => {
      await setMfaPolicy({ enforceStaff: true }, db);
      return await roleMustEnrol(actor.role, db);
    },
  },
  "session.shortLifetime": { gate: "service", probe: (actor) => outlivedLogin(Date.now() - 13 * HOUR, actor.role) },
};
