import "server-only";
import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db";
import { domains, mailAliases, mailAliasTargets, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { throwIfFieldErrors } from "@/lib/services/mailboxes/mailbox-limits";
import { type AliasInput, MAX_ALIAS_TARGETS } from "@/lib/validation/alias";
import { splitTargets } from "@/lib/validation/mailbox";
import { canonicalAddress, displayAddress } from "@/lib/validation/names";
import { dropTargetsOf, syncForwardingAfterCommit } from "@/lib/services/mail-targets/drop-targets";
import { moveTargetsOf } from "@/lib/services/mail-targets/move-targets";
import { type AliasDomain, addressOwner, aliasDomainOrThrow } from "./alias-scope";
import { transaction } from "@/db/transaction";
import { firstRow, onlyRow } from "@/db/rows";

type Tx = Db;
const emailShape = z.email();

/** Canonical, de-duplicated targets, or the field error that refuses the list. */
function parseTargets(raw: string): { targets: string[] } | { error: string } {
  const targets = new Set<string>();
  for (const entry of splitTargets(raw)) {
    const address = canonicalAddress(entry);
    if (!address || !emailShape.safeParse(address).success) return { error: "aliases.errors.targetInvalid" };
    targets.add(address);
    if (targets.size > MAX_ALIAS_TARGETS) return { error: "aliases.errors.tooManyTargets" };
  }
  return targets.size ? { targets: [...targets] } : { error: "aliases.errors.targetsRequired" };
}

/**
 * A target in one of Kontor's domains must be an existing address of the same customer; anything in
 * a foreign domain is sent on. Another customer's domain is refused: its addresses are not ours to use,
 * and a loop through them could not be seen here.
 */
async function checkTargets(tx: Tx, customerId: number, targets: string[]): Promise<string | null> {
  for (const target of targets) {
    const domain = target.slice(target.lastIndexOf("@") + 1);
    const hosted = await firstRow(tx.select({ customerId: domains.customerId }).from(domains).where(eq(domains.name, domain)));
    if (!hosted) continue;
    if (hosted.customerId !== customerId) return "aliases.errors.targetOtherCustomer";
    const owner = await addressOwner(tx, target);
    if (!owner || owner.customerId !== customerId) return "aliases.errors.targetUnknown";
  }
  return null;
}

/** True when following alias targets from `targets` leads back to `address` (the customer's aliases only). */
async function wouldLoop(tx: Tx, customerId: number, address: string, targets: string[]): Promise<boolean> {
  const edges = new Map<string, string[]>();
  const rows = await tx
    .select({ alias: mailAliases.address, target: mailAliasTargets.target })
    .from(mailAliasTargets)
    .innerJoin(mailAliases, eq(mailAliasTargets.aliasId, mailAliases.id))
    .where(eq(mailAliases.customerId, customerId));
  for (const r of rows) edges.set(r.alias, [...(edges.get(r.alias) ?? []), r.target]);
  edges.set(address, targets);
  const seen = new Set<string>();
  const stack = [...targets];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next === address) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(edges.get(next) ?? []));
  }
  return false;
}

async function aliasLimit(tx: Tx, domain: AliasDomain): Promise<{ max: number | null; used: number }> {
  const pkg = await firstRow(
    tx
      .select({ max: packages.maxAliases })
      .from(subscriptions)
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .where(eq(subscriptions.id, domain.subscriptionId)),
  );
  const used = await firstRow(
    tx
      .select({ n: count() })
      .from(mailAliases)
      .innerJoin(domains, eq(mailAliases.domainId, domains.id))
      .where(eq(domains.subscriptionId, domain.subscriptionId)),
  );
  return { max: pkg?.max ?? null, used: used?.n ?? 0 };
}

/**
 * Creates an alias or replaces an existing one's address and targets, all checks inside one write
 * transaction: the domain must be the actor's (else 404), the address free (no mailbox, routed address
 * or other alias), the targets valid, at most MAX_ALIAS_TARGETS, no loop, and the package's alias
 * limit not exceeded. Postfix reads the result at its next lookup.
 */
export async function saveAlias(actor: Actor, input: AliasInput, ctx: { ip?: string | null }, db: Db = getDb()) {
  const parsed = parseTargets(input.targets);
  const saved = await transaction(
    db,
    async (tx) => {
      const domain = await aliasDomainOrThrow(tx, actor, input.subscriptionId, input.domainId);
      const existing =
        input.aliasId === null
          ? null
          : await firstRow(
              tx
                .select({ id: mailAliases.id, address: mailAliases.address, domainId: mailAliases.domainId })
                .from(mailAliases)
                .where(
                  and(
                    eq(mailAliases.id, input.aliasId),
                    eq(mailAliases.customerId, domain.customerId),
                    eq(mailAliases.resellerId, domain.resellerId),
                  ),
                ),
            );
      if (input.aliasId !== null && !existing) throw new NotFoundError();
      const address = `${input.localPart}@${domain.name}`;
      const owner = await addressOwner(tx, address);
      const taken = owner && !(owner.kind === "alias" && owner.id === existing?.id);
      const targetError =
        "error" in parsed
          ? parsed.error
          : ((await checkTargets(tx, domain.customerId, parsed.targets)) ??
            ((await wouldLoop(tx, domain.customerId, address, parsed.targets)) ? "aliases.errors.loop" : null));
      throwIfFieldErrors({
        localPart: taken ? [owner.kind === "alias" ? "aliases.errors.aliasTaken" : "aliases.errors.addressIsMailbox"] : [],
        targets: targetError ? [targetError] : [],
      });
      if ("error" in parsed) return null; // unreachable: throwIfFieldErrors threw; narrows the type
      if (!existing) {
        const { max, used } = await aliasLimit(tx, domain);
        if (max !== null && used >= max) throw new ValidationError("aliases.errors.limit");
      }
      const tenant = { resellerId: domain.resellerId, customerId: domain.customerId };
      let aliasId: number;
      let moved: number[] = [];
      if (existing) {
        aliasId = existing.id;
        await tx.update(mailAliases).set({ domainId: domain.id, localPart: input.localPart, address }).where(eq(mailAliases.id, aliasId));
        await tx.delete(mailAliasTargets).where(eq(mailAliasTargets.aliasId, aliasId));
        // The customer's alias targets and forwards follow the new address (moveTargetsOf).
        if (existing.address !== address)
          moved = await moveTargetsOf(tx, actor, domain.customerId, { from: existing.address, to: address }, ctx.ip);
      } else {
        aliasId = (
          await onlyRow(
            tx
              .insert(mailAliases)
              .values({ ...tenant, domainId: domain.id, localPart: input.localPart, address })
              .returning({ id: mailAliases.id }),
          )
        ).id;
      }
      await tx.insert(mailAliasTargets).values(parsed.targets.map((target) => ({ ...tenant, aliasId, target })));
      await writeAudit(tx, actor, {
        action: existing ? "alias.update" : "alias.create",
        targetKind: "alias",
        targetId: aliasId,
        targetLabel: displayAddress(address),
        ...tenant,
        ip: ctx.ip,
        details: { targets: parsed.targets.length },
      });
      return { id: aliasId, address, moved };
    },
    { behavior: "immediate" },
  );
  if (!saved) return null;
  await syncForwardingAfterCommit(db, saved.moved);
  return { id: saved.id, address: saved.address };
}

/** Removes an alias of the actor's domains; another customer's alias id is NotFound. */
export async function deleteAlias(
  actor: Actor,
  input: { subscriptionId: number | null; aliasId: number },
  ctx: { ip?: string | null },
  db: Db = getDb(),
) {
  const changed = await transaction(
    db,
    async (tx) => {
      const row = await firstRow(
        tx
          .select({ id: mailAliases.id, address: mailAliases.address, domainId: mailAliases.domainId })
          .from(mailAliases)
          .where(eq(mailAliases.id, input.aliasId)),
      );
      if (!row) throw new NotFoundError();
      const domain = await aliasDomainOrThrow(tx, actor, input.subscriptionId, row.domainId);
      await tx.delete(mailAliases).where(eq(mailAliases.id, row.id));
      // The customer's other aliases and forwards that named it lose that target (dropTargetsOf).
      const changed = await dropTargetsOf(tx, actor, domain.customerId, { addresses: [row.address] }, ctx.ip);
      await writeAudit(tx, actor, {
        action: "alias.delete",
        targetKind: "alias",
        targetId: row.id,
        targetLabel: displayAddress(row.address),
        resellerId: domain.resellerId,
        customerId: domain.customerId,
        ip: ctx.ip,
      });
      return changed;
    },
    { behavior: "immediate" },
  );
  await syncForwardingAfterCommit(db, changed);
}

// The import's undo (lib/services/import, another helper's area this session) still imports it from here.
export { dropAliasTargets } from "@/lib/services/mail-targets/drop-targets";
