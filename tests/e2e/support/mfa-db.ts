import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import { writeMfaPolicy } from "@/lib/auth/mfa/policy-store";

/**
 * Direct access to the shared e2e database (KONTOR_DB) for the second-factor tests: switch the staff
 * policy, point the public URL at a host WebAuthn accepts, and remove the factors a test added so
 * other tests keep logging in with the password alone.
 */
export function openTestDb() {
  const file = process.env.KONTOR_DB;
  if (!file) throw new Error("KONTOR_DB is not set; run through scripts/test-all.sh");
  const sqlite = openSqlite(file);
  const db = drizzle(sqlite, { schema });
  return {
    close: () => sqlite.close(),
    setEnforceStaff: (enforceStaff: boolean) => writeMfaPolicy(db, { enforceStaff }),
    userId: (email: string) => db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).get()?.id,
    factorCount: (userId: number) => db.select().from(schema.mfaFactors).where(eq(schema.mfaFactors.userId, userId)).all().length,
    removeFactors(userId: number) {
      db.delete(schema.mfaRecoveryCodes).where(eq(schema.mfaRecoveryCodes.userId, userId)).run();
      db.delete(schema.mfaFactors).where(eq(schema.mfaFactors.userId, userId)).run();
      db.delete(schema.mfaPendingLogins).where(eq(schema.mfaPendingLogins.userId, userId)).run();
    },
    /** Sets the stored public URL and returns a function that puts the previous row back. */
    usePublicUrl(publicUrl: string) {
      const row = db.select().from(schema.settings).where(eq(schema.settings.key, "server")).get();
      const value = { ...((row?.value as Record<string, unknown> | undefined) ?? {}), publicUrl };
      db.insert(schema.settings).values({ key: "server", value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } }).run();
      return () => {
        if (row) db.update(schema.settings).set({ value: row.value }).where(eq(schema.settings.key, "server")).run();
        else db.delete(schema.settings).where(eq(schema.settings.key, "server")).run();
      };
    },
  };
}
