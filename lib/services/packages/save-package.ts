import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { LimitError } from "@/lib/services/orders/limit-error";
import { packageOrThrow } from "@/lib/services/orders/scoped-rows";
import type { PackageInput } from "@/lib/validation/package";
import { findExceededLimits } from "./check-package-limits";
import { transaction } from "@/db/transaction";
import { firstRow, onlyRow } from "@/db/rows";

type Tx = Pick<Db, "select">;
const fieldError = (field: string, key: string) => new ValidationError("errors.checkFields", { [field]: [key] });

function resellerOf(actor: Actor): number {
  if (!can(actor, "reseller.manage") || !actor.resellerId) throw new ForbiddenError();
  return actor.resellerId;
}

async function assertValid(tx: Tx, resellerId: number, input: PackageInput, exceptId?: number) {
  const sameName = await firstRow(
    tx
      .select({ id: packages.id })
      .from(packages)
      .where(and(eq(packages.resellerId, resellerId), eq(packages.name, input.name), exceptId ? ne(packages.id, exceptId) : undefined)),
  );
  if (sameName) throw fieldError("name", "tariffs.errors.nameTaken");
  // Account .001 is a mailbox of its own: a package without panel must allow at least that one.
  if (input.panel === "none" && input.maxMailboxes === 0) throw fieldError("maxMailboxes", "tariffs.errors.noPanelNeedsMailbox");
}

const changes = (i: PackageInput) => ({
  name: i.name,
  panel: i.panel,
  maxDomains: i.maxDomains,
  maxMailboxes: i.maxMailboxes,
  mailboxQuotaMb: i.mailboxQuotaMb,
  maxForwards: i.maxForwards,
  maxAliases: i.maxAliases,
  spamFilterEnabled: i.spamFilterEnabled,
  forwardingEnabled: i.forwardingEnabled,
});

export async function createPackage(actor: Actor, input: PackageInput, ip: string | null, db: Db = getDb()): Promise<number> {
  const resellerId = resellerOf(actor);
  return await transaction(
    db,
    async (tx) => {
      await assertValid(tx, resellerId, input);
      const row = await onlyRow(
        tx
          .insert(packages)
          .values({ resellerId, ...changes(input) })
          .returning({ id: packages.id }),
      );
      await writeAudit(tx, actor, {
        action: "package.create",
        targetKind: "package",
        targetId: row.id,
        targetLabel: input.name,
        resellerId,
        ip,
        details: { panel: input.panel },
      });
      return row.id;
    },
    { behavior: "immediate" },
  );
}

/**
 * Saves a package. Lowering a limit below what a subscription uses is refused with the list of what
 * exceeds; switching between a Plesk panel and "no panel" is refused while subscriptions use it,
 * because mailboxes and mail accounts do not convert into each other.
 */
export async function updatePackage(actor: Actor, id: number, input: PackageInput, ip: string | null, db: Db = getDb()) {
  const resellerId = resellerOf(actor);
  await transaction(
    db,
    async (tx) => {
      const current = await packageOrThrow(tx, actor, id);
      await assertValid(tx, resellerId, input, id);
      const used = (await firstRow(tx.select({ n: count() }).from(subscriptions).where(eq(subscriptions.packageId, id))))?.n ?? 0;
      if (used > 0 && (current.panel === "none") !== (input.panel === "none")) throw fieldError("panel", "tariffs.errors.panelKindInUse");
      const exceeded = await findExceededLimits(tx, id, input.panel, input);
      if (exceeded.length) throw new LimitError(exceeded.slice(0, 10), "limits");
      await tx.update(packages).set(changes(input)).where(eq(packages.id, id));
      await writeAudit(tx, actor, {
        action: "package.update",
        targetKind: "package",
        targetId: id,
        targetLabel: input.name,
        resellerId,
        ip,
        details: {
          panel: input.panel,
          maxDomains: input.maxDomains,
          maxMailboxes: input.maxMailboxes,
          mailboxQuotaMb: input.mailboxQuotaMb,
          maxForwards: input.maxForwards,
        },
      });
    },
    { behavior: "immediate" },
  );
}

/** A package still used by a subscription cannot be deleted. */
export async function deletePackage(actor: Actor, id: number, ip: string | null, db: Db = getDb()) {
  const resellerId = resellerOf(actor);
  await transaction(
    db,
    async (tx) => {
      const current = await packageOrThrow(tx, actor, id);
      const used = (await firstRow(tx.select({ n: count() }).from(subscriptions).where(eq(subscriptions.packageId, id))))?.n ?? 0;
      if (used > 0) throw new ConflictError("tariffs.errors.inUse");
      await tx.delete(packages).where(eq(packages.id, id));
      await writeAudit(tx, actor, {
        action: "package.delete",
        targetKind: "package",
        targetId: id,
        targetLabel: current.name,
        resellerId,
        ip,
      });
    },
    { behavior: "immediate" },
  );
}
