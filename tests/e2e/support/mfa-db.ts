import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import { writeMfaPolicy } from "@/lib/auth/mfa/policy-store";
import { firstRow } from "@/db/rows";
import { openRunDb } from "../../support/run-db";

/**
 * Direct access to the shared e2e database (tests/support/run-db.ts: SQLite or PostgreSQL) for the second-factor tests: switch the staff
 * policy, point the public URL at a host WebAuthn accepts, and count a user's factors. The tests enrol
 * factors for users of their own, so nothing needs removing afterwards.
 */
export function openTestDb() {
  const { db, close } = openRunDb();
  return {
    close,
    setEnforceStaff: async (enforceStaff: boolean) => await writeMfaPolicy(db, { enforceStaff }),
    userId: async (email: string) =>
      (await firstRow(db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email))))?.id,
    factorCount: async (userId: number) => (await db.select().from(schema.mfaFactors).where(eq(schema.mfaFactors.userId, userId))).length,
    /** Sets the stored public URL and returns a function that puts the previous row back. */
    async usePublicUrl(publicUrl: string) {
      const row = await firstRow(db.select().from(schema.settings).where(eq(schema.settings.key, "server")));
      const value = { ...((row?.value as Record<string, unknown> | undefined) ?? {}), publicUrl };
      await db.insert(schema.settings).values({ key: "server", value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } });
      return async () => {
        if (row) await db.update(schema.settings).set({ value: row.value }).where(eq(schema.settings.key, "server"));
        else await db.delete(schema.settings).where(eq(schema.settings.key, "server"));
      };
    },
  };
}
