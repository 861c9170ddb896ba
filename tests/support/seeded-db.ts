import { seedDemo } from "@/db/seed";
import { createTestDb } from "./test-db";

/**
 * In-memory database with the migrations and the demo data (argon2 hashes included). Only for what
 * is about the demo itself or copies it whole (the security world, tests/support/security/world.ts);
 * every other test builds its own data with tests/support/factories.ts.
 */
export async function createSeededDb() {
  const handle = await createTestDb();
  await seedDemo(handle.db);
  return handle;
}
