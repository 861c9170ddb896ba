import { seedDemo } from "@/db/seed";
import { createTestDb } from "./test-db";

/** In-memory database with the migrations and the demo data (argon2 hashes included). */
export async function createSeededDb() {
  const handle = createTestDb();
  await seedDemo(handle.db);
  return handle;
}
