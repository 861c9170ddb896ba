import "server-only";
import { count, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { requireDomainName } from "./domain-name";
import { LimitError } from "./limit-error";
import { assertDomainFree, subscriptionOrThrow } from "./scoped-rows";
import { transaction } from "@/db/transaction";
import { firstRow, onlyRow } from "@/db/rows";

/**
 * Adds a domain to a subscription. The count and the insert share one IMMEDIATE transaction, so
 * parallel requests queue for the write lock and the package's domain limit is never exceeded.
 */
export async function addDomain(
  actor: Actor,
  input: { subscriptionId: number; domain: string },
  ip: string | null,
  db: Db = getDb(),
): Promise<number> {
  assertCan(actor, "reseller.manage");
  const name = requireDomainName(input.domain);
  return await transaction(
    db,
    async (tx) => {
      const sub = await subscriptionOrThrow(tx, actor, input.subscriptionId);
      const used = (await firstRow(tx.select({ n: count() }).from(domains).where(eq(domains.subscriptionId, sub.id))))?.n ?? 0;
      if (sub.maxDomains !== null && used + 1 > sub.maxDomains) {
        throw new LimitError(
          [{ limit: "maxDomains", used, max: sub.maxDomains, where: `${sub.customerNumber} · ${sub.packageName}` }],
          "domain",
        );
      }
      await assertDomainFree(tx, name, sub.customerId);
      const tenant = { resellerId: sub.resellerId, customerId: sub.customerId };
      const row = await onlyRow(
        tx
          .insert(domains)
          .values({ ...tenant, subscriptionId: sub.id, name })
          .returning({ id: domains.id }),
      );
      await writeAudit(tx, actor, {
        action: "domain.create",
        targetKind: "domain",
        targetId: row.id,
        targetLabel: name,
        ...tenant,
        ip,
        details: { subscriptionId: sub.id },
      });
      return row.id;
    },
    { behavior: "immediate" },
  );
}
