import "server-only";
import { count, eq, max } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccounts } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import type { Actor } from "@/lib/authz/actor";
import { ValidationError } from "@/lib/errors";
import { validateNewPassword } from "@/lib/password/validate-new-password";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { accountLogin } from "@/lib/services/orders/admin-account";
import { LimitError } from "@/lib/services/orders/limit-error";
import { resolveQuota, throwIfFieldErrors } from "@/lib/services/mailboxes/mailbox-limits";
import { noPanelAllowance } from "@/lib/services/orders/usage";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";
import { assertMailAdmin, customerNumberOf } from "./mail-admin-guard";
import { transaction } from "@/db/transaction";
import { firstRow, onlyRow } from "@/db/rows";

/**
 * Creates the next mail account (`.002`, `.003` …) with the password the administrator chose. The
 * password is checked and hashed first (async); the limit check, the number and the insert then sit
 * in one IMMEDIATE transaction, so parallel creates at the limit end with exactly the limit.
 */
export async function createMailAccount(
  actor: Actor,
  input: { quotaMb: number | null; newPassword: string },
  ip: string | null,
  db: Db = getDb(),
) {
  const tenant = assertMailAdmin(actor);
  const number = await customerNumberOf(db, tenant.customerId);
  const errors = validateNewPassword(input.newPassword, { names: [number.toLowerCase()] }, await getPasswordPolicyOptions(db));
  // The quota is checked before the password errors are thrown, so the form shows both at once.
  const quota = resolveQuota(input.quotaMb, (await noPanelAllowance(db, tenant.customerId)).quotaMb);
  throwIfFieldErrors({ quotaMb: "error" in quota ? [quota.error] : [], newPassword: errors });
  const hash = await hashPassword(input.newPassword);

  return await transaction(
    db,
    async (tx) => {
      const allowance = await noPanelAllowance(tx, tenant.customerId);
      const row = await firstRow(
        tx
          .select({ n: count(), top: max(mailAccounts.number) })
          .from(mailAccounts)
          .where(eq(mailAccounts.customerId, tenant.customerId)),
      );
      const used = row?.n ?? 0;
      if (allowance.maxAccounts !== null && used + 1 > allowance.maxAccounts) {
        throw new LimitError([{ limit: "maxMailboxes", used, max: allowance.maxAccounts, where: number }], "form");
      }
      // Again inside the transaction: the package may have changed while the password was hashed.
      const resolved = resolveQuota(input.quotaMb, allowance.quotaMb);
      if ("error" in resolved) throw new ValidationError("errors.checkFields", { quotaMb: [resolved.error] });
      const { quotaMb } = resolved;
      const next = (row?.top ?? 0) + 1;
      const login = accountLogin(number, next);
      const created = await onlyRow(
        tx
          .insert(mailAccounts)
          .values({ ...tenant, number: next, login, passwordHash: hash, quotaMb, passwordChangedAt: new Date() })
          .returning({ id: mailAccounts.id }),
      );
      await writeAudit(tx, actor, {
        action: "mail_account.create",
        targetKind: "mail_account",
        targetId: created.id,
        targetLabel: login,
        ...tenant,
        ip,
        details: { number: next, quotaMb },
      });
      return { id: created.id, login };
    },
    { behavior: "immediate" },
  );
}
