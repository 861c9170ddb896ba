import "server-only";
import { type Db, getDb } from "@/db";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import type { PolicyOptions } from "@/lib/password/policy";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { storePasswordPolicyOptions } from "./password-policy-settings";
import { type ServerSettings, storeServerSettings } from "./server-settings";
import { transaction } from "@/db/transaction";

function assertAdmin(actor: Actor) {
  assertCan(actor, "settings.manage");
}

/** Admin sets the password policy options; every later password change is checked against them. */
export async function updatePasswordPolicy(actor: Actor, value: PolicyOptions, ip: string | null, db: Db = getDb()) {
  assertAdmin(actor);
  await transaction(
    db,
    async (tx) => {
      await storePasswordPolicyOptions(tx, value);
      await writeAudit(tx, actor, {
        action: "settings.password_policy",
        targetKind: "settings",
        targetLabel: "password_policy",
        ip,
        details: { ...value },
      });
    },
    { behavior: "immediate" },
  );
}

/** Admin sets the server addresses shown to customers and the public URL used in links. */
export async function updateServerSettings(actor: Actor, value: ServerSettings, ip: string | null, db: Db = getDb()) {
  assertAdmin(actor);
  await transaction(
    db,
    async (tx) => {
      await storeServerSettings(tx, value);
      await writeAudit(tx, actor, { action: "settings.server", targetKind: "settings", targetLabel: "server", ip, details: { ...value } });
    },
    { behavior: "immediate" },
  );
}
