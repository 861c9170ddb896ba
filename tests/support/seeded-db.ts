import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { createTestDb } from "./test-db";
import { firstRow } from "@/db/rows";

/** In-memory database with the migrations and the demo data (argon2 hashes included). */
export async function createSeededDb() {
  const handle = await createTestDb();
  await seedDemo(handle.db);
  return handle;
}

/** The Actor of a KundenServiceCenter account, loaded as the session would load it. */
export async function userActor(db: Awaited<ReturnType<typeof createTestDb>>["db"], email: string): Promise<Actor> {
  const u = await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, email)));
  const actor = u && (await loadActor(db, "user", u.id));
  if (!actor) throw new Error(`no actor ${email}`);
  return actor;
}
