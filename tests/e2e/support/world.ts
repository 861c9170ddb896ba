import { getDb } from "@/db";
import { shareNumbering, type TestDb } from "../../support/factories";

/**
 * The runner's database (KONTOR_DB), which every e2e file and the server share, for the factories:
 * numbering starts at a random point so that names made by parallel test files do not collide.
 */
export function sharedDb(): TestDb {
  const db = getDb();
  shareNumbering(db);
  return db;
}
