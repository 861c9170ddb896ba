import { eq } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { z } from "zod";
import type * as schema from "@/db/schema";
import { settings } from "@/db/schema";
import { firstRow } from "@/db/rows";

/** Kept free of "server-only" so scripts/test-settings.ts can write the policy from plain Node. */
type AnyDb = BetterSQLite3Database<typeof schema>;

export const MFA_POLICY_KEY = "mfa_policy";
const policySchema = z.object({ enforceStaff: z.boolean() });
export type MfaPolicy = z.infer<typeof policySchema>;

/** Staff accounts can reach every customer's data, so a second factor is required unless switched off. */
const DEFAULT_POLICY: MfaPolicy = { enforceStaff: true };

export async function readMfaPolicy(db: AnyDb): Promise<MfaPolicy> {
  const row = await firstRow(db.select({ value: settings.value }).from(settings).where(eq(settings.key, MFA_POLICY_KEY)));
  return parseMfaPolicy(row?.value);
}

/** The stored setting's value (absent or malformed: the default); also read by lib/auth/session-actor.ts. */
export function parseMfaPolicy(value: unknown): MfaPolicy {
  const parsed = policySchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

export async function writeMfaPolicy(db: Pick<AnyDb, "insert">, value: MfaPolicy) {
  await db.insert(settings).values({ key: MFA_POLICY_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}
