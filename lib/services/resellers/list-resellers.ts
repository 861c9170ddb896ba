import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, resellers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";

/** Admin only: all resellers with their customer counts. */
export async function listResellers(actor: Actor, db: Db = getDb()) {
  assertCan(actor, "admin.manage");
  return await db
    .select({ id: resellers.id, name: resellers.name, customerCount: count(customers.id) })
    .from(resellers)
    .leftJoin(customers, eq(customers.resellerId, resellers.id))
    .groupBy(resellers.id)
    .orderBy(asc(resellers.name));
}
