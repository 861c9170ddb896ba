import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { displayAddress } from "@/lib/validation/names";
import { NO_USAGE, usageOf } from "@/lib/services/mail-usage/mail-usage";
import { firstRow } from "@/db/rows";

/** The mailbox user's own mailbox with Dovecot's usage figures; explicit columns, never the hash. */
export async function getOwnMailbox(actor: Actor, db: Db = getDb()) {
  const row = await firstRow(
    db
      .select({ id: mailboxes.id, address: mailboxes.address, quotaMb: mailboxes.quotaMb, enabled: mailboxes.enabled })
      .from(mailboxes)
      .where(and(eq(mailboxes.id, actor.mailboxId ?? -1), tenantScope(actor, mailboxes))),
  );
  if (!row) throw new NotFoundError();
  return { ...row, displayAddress: displayAddress(row.address), ...((await usageOf(db, [row.address])).get(row.address) ?? NO_USAGE) };
}
