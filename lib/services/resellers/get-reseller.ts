import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, resellers, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { NotFoundError } from "@/lib/errors";
import { firstRow } from "@/db/rows";

/** Admin only: one reseller with its number range, login and customer count for the edit form. */
export async function getResellerOrThrow(actor: Actor, id: number, db: Db = getDb()) {
  assertCan(actor, "admin.manage");
  const row = await firstRow(
    db
      .select({ id: resellers.id, name: resellers.name, customerNumberBase: resellers.customerNumberBase })
      .from(resellers)
      .where(eq(resellers.id, id)),
  );
  if (!row) throw new NotFoundError();
  const login = await firstRow(
    db
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.resellerId, row.id), isNull(users.customerId)))
      .orderBy(users.id)
      .limit(1),
  );
  const customerCount = (await firstRow(db.select({ n: count() }).from(customers).where(eq(customers.resellerId, row.id))))?.n ?? 0;
  return { ...row, login: login?.email ?? null, customerCount };
}
