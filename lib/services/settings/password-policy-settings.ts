import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db";
import { settings } from "@/db/schema";
import type { PolicyOptions } from "@/lib/password/policy";
import { firstRow } from "@/db/rows";

const KEY = "password_policy";
export const policyOptionsSchema = z.object({ requireClasses: z.boolean() });
export const DEFAULT_POLICY_OPTIONS: PolicyOptions = { requireClasses: false };

/** Admin-configurable options of the password policy; off by default as NIST advises. */
export async function getPasswordPolicyOptions(db: Db = getDb()): Promise<PolicyOptions> {
  const row = await firstRow(db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)));
  const parsed = policyOptionsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_POLICY_OPTIONS;
}

export async function storePasswordPolicyOptions(db: Pick<Db, "insert">, value: PolicyOptions) {
  await db.insert(settings).values({ key: KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}
