import "server-only";
import { count, eq, max, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, forwards, mailAccountAddresses, mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { displayDomain } from "@/lib/validation/names";
import { type Exceeded, LimitError } from "./limit-error";
import { domainOrThrow, subscriptionOrThrow } from "./scoped-rows";
import { subscriptionUsage, UNLIMITED_QUOTA } from "./usage";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

const refuse = (key: string) => new ValidationError("errors.checkFields", { targetSubscriptionId: [key] });

/**
 * Moves a domain with its mailboxes into another subscription of the same customer, if the target
 * package's limits take the domain's usage. Mailboxes (panel packages) and routed addresses
 * (packages without panel) only fit their own kind, so such a domain stays on its side.
 */
export async function moveDomain(
  actor: Actor,
  input: { domainId: number; targetSubscriptionId: number },
  ip: string | null,
  db: Db = getDb(),
) {
  assertCan(actor, "reseller.manage");
  await transaction(
    db,
    async (tx) => {
      const domain = await domainOrThrow(tx, actor, input.domainId);
      const target = await subscriptionOrThrow(tx, actor, input.targetSubscriptionId);
      if (target.customerId !== domain.customerId) throw new NotFoundError();
      if (target.id === domain.subscriptionId) throw refuse("orders.errors.sameSubscription");
      const addresses =
        (await firstRow(tx.select({ n: count() }).from(mailAccountAddresses).where(eq(mailAccountAddresses.domainId, domain.id))))?.n ?? 0;
      if (target.panel === "none" && domain.mailboxCount > 0) throw refuse("orders.errors.mailboxesNeedPanel");
      if (target.panel !== "none" && addresses > 0) throw refuse("orders.errors.addressesNeedNoPanel");

      const usage = (await subscriptionUsage(tx, [target.id])).get(target.id) ?? { domains: 0, mailboxes: 0, forwards: 0, maxQuotaMb: 0 };
      const moving = await firstRow(
        tx
          .select({ forwards: count(forwards.id), quota: max(sql<number>`coalesce(${mailboxes.quotaMb}, ${UNLIMITED_QUOTA})`) })
          .from(mailboxes)
          .leftJoin(forwards, eq(forwards.mailboxId, mailboxes.id))
          .where(eq(mailboxes.domainId, domain.id)),
      );
      const where = `${target.customerNumber} · ${target.packageName}`;
      const exceeded: Exceeded[] = [];
      const check = (limit: Exceeded["limit"], used: number, cap: number | null) => {
        if (cap !== null && used > cap) exceeded.push({ limit, used, max: cap, where });
      };
      check("maxDomains", usage.domains + 1, target.maxDomains);
      check("maxMailboxes", usage.mailboxes + domain.mailboxCount, target.maxMailboxes);
      check("maxForwards", usage.forwards + (moving?.forwards ?? 0), target.maxForwards);
      check("mailboxQuotaMb", Number(moving?.quota ?? 0), target.mailboxQuotaMb);
      if (exceeded.length) throw new LimitError(exceeded, "targetSubscriptionId");

      await tx.update(domains).set({ subscriptionId: target.id }).where(eq(domains.id, domain.id));
      await writeAudit(tx, actor, {
        action: "domain.move",
        targetKind: "domain",
        targetId: domain.id,
        targetLabel: displayDomain(domain.name),
        resellerId: domain.resellerId,
        customerId: domain.customerId,
        ip,
        details: { from: domain.subscriptionId, to: target.id },
      });
    },
    { behavior: "immediate" },
  );
}
