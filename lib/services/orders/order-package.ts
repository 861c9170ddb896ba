import "server-only";
import { type Db, getDb } from "@/db";
import { domains, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { NotFoundError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { hasAdminAccount, insertAdminAccount, prepareGeneratedPassword } from "./admin-account";
import { requireDomainName } from "./domain-name";
import { LimitError } from "./limit-error";
import { assertDomainFree, customerOrThrow, packageOrThrow } from "./scoped-rows";
import { transaction } from "@/db/transaction";
import { onlyRow } from "@/db/rows";

export type OrderResult = { subscriptionId: number; adminAccount?: { login: string; password: string } };

/**
 * Gives a customer a package with its first domain. At the customer's first order of a package
 * without panel the mail account `.001` is created with a generated password, returned here once
 * for the reseller to read and never stored in plain text.
 */
export async function orderPackage(
  actor: Actor,
  input: { customerId: number; packageId: number; domain: string },
  ip: string | null,
  db: Db = getDb(),
): Promise<OrderResult> {
  assertCan(actor, "reseller.manage");
  const name = requireDomainName(input.domain);
  const pkg = await packageOrThrow(db, actor, input.packageId);
  const customer = await customerOrThrow(db, actor, input.customerId);
  // Hashing waits for a worker thread, so it happens before the transaction; unused if .001 appeared meanwhile.
  const generated = pkg.panel === "none" && !(await hasAdminAccount(db, customer.id)) ? await prepareGeneratedPassword() : undefined;

  return await transaction(
    db,
    async (tx) => {
      const c = await customerOrThrow(tx, actor, input.customerId);
      const p = await packageOrThrow(tx, actor, input.packageId);
      if (p.resellerId !== c.resellerId) throw new NotFoundError();
      if (p.maxDomains === 0) throw new LimitError([{ limit: "maxDomains", used: 0, max: 0, where: c.customerNumber }], "domain");
      await assertDomainFree(tx, name, c.id);
      const tenant = { resellerId: c.resellerId, customerId: c.id };
      const sub = await onlyRow(
        tx
          .insert(subscriptions)
          .values({ ...tenant, packageId: p.id })
          .returning({ id: subscriptions.id }),
      );
      const domain = await onlyRow(
        tx
          .insert(domains)
          .values({ ...tenant, subscriptionId: sub.id, name })
          .returning({ id: domains.id }),
      );
      await writeAudit(tx, actor, {
        action: "subscription.create",
        targetKind: "subscription",
        targetId: sub.id,
        targetLabel: `${c.customerNumber} ${p.name}`,
        ...tenant,
        ip,
        details: { packageId: p.id, domain: name, domainId: domain.id },
      });
      if (p.panel !== "none" || !generated || (await hasAdminAccount(tx, c.id))) return { subscriptionId: sub.id };
      const account = await insertAdminAccount(
        tx,
        { ...tenant, customerNumber: c.customerNumber, quotaMb: p.mailboxQuotaMb },
        generated.hash,
      );
      await writeAudit(tx, actor, {
        action: "mail_account.create",
        targetKind: "mail_account",
        targetId: account.id,
        targetLabel: account.login,
        ...tenant,
        ip,
        details: { number: 1, generatedPassword: true },
      });
      return { subscriptionId: sub.id, adminAccount: { login: account.login, password: generated.password } };
    },
    { behavior: "immediate" },
  );
}
