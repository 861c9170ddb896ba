import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { forwards, mailAliasTargets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { withSubAddressOf } from "@/lib/validation/local-part";
import { forwardAuditTargets, forwardsNaming } from "./drop-targets";

type Tx = Db;

/**
 * The rule for targets naming an address that was renamed (an alias today), called inside the
 * transaction that renamed it: the customer's alias targets and mailbox forwards follow the address,
 * so none is left naming one that no longer exists (Postfix would accept such mail and then bounce
 * it). A forward to `old+tag@…` becomes `new+tag@…`. A list that already named both keeps one. Other
 * customers' targets stay, as in dropTargetsOf. Each moved forward is audited on its mailbox (removed
 * and added, reason `address_renamed`). Returns the mailboxes whose forwarding changed: their Sieve
 * scripts are rewritten after the commit (syncForwardingAfterCommit).
 */
export async function moveTargetsOf(
  tx: Tx,
  actor: Actor,
  customerId: number,
  move: { from: string; to: string },
  ip: string | null | undefined,
): Promise<number[]> {
  await moveAliasTargets(tx, customerId, move.from, move.to);
  return await moveForwardTargets(tx, actor, customerId, move, ip);
}

/** The graph keeps its shape, so no loop can appear: the new address was free, nothing pointed at it. */
async function moveAliasTargets(tx: Tx, customerId: number, from: string, to: string) {
  const pointing = and(eq(mailAliasTargets.customerId, customerId), eq(mailAliasTargets.target, from));
  const haveBoth = (
    await tx
      .select({ aliasId: mailAliasTargets.aliasId })
      .from(mailAliasTargets)
      .where(and(eq(mailAliasTargets.customerId, customerId), eq(mailAliasTargets.target, to)))
  ).map((r) => r.aliasId);
  if (haveBoth.length) await tx.delete(mailAliasTargets).where(and(pointing, inArray(mailAliasTargets.aliasId, haveBoth)));
  await tx.update(mailAliasTargets).set({ target: to }).where(pointing);
}

async function moveForwardTargets(
  tx: Tx,
  actor: Actor,
  customerId: number,
  move: { from: string; to: string },
  ip: string | null | undefined,
): Promise<number[]> {
  const naming = await forwardsNaming(tx, customerId, [move.from], []);
  if (!naming.length) return [];
  const onMailbox = await forwardAuditTargets(
    tx,
    naming.map((f) => f.mailboxId),
    ip,
  );
  for (const f of naming) {
    const target = withSubAddressOf(f.target, move.to);
    const already = await tx
      .select({ id: forwards.id })
      .from(forwards)
      .where(and(eq(forwards.mailboxId, f.mailboxId), eq(forwards.target, target)));
    if (already.length) await tx.delete(forwards).where(eq(forwards.id, f.id));
    else await tx.update(forwards).set({ target }).where(eq(forwards.id, f.id));
    const on = onMailbox.get(f.mailboxId);
    if (!on) continue;
    await writeAudit(tx, actor, { action: "mailbox.forward.remove", ...on, details: { target: f.target, reason: "address_renamed" } });
    if (!already.length)
      await writeAudit(tx, actor, { action: "mailbox.forward.add", ...on, details: { target, reason: "address_renamed" } });
  }
  return [...onMailbox.keys()];
}
