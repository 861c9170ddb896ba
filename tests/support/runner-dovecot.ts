import type { Db } from "@/db";
import { type DovecotPorts, portsFromEnv } from "@/scripts/lib/dovecot-process";
import { openRunDb } from "./run-db";
import { startSeededDovecot } from "./seeded-dovecot";

export type RunnerDovecot = { db: Db; ports: DovecotPorts; stop: () => Promise<void> };

/**
 * The Dovecot and database an integration test logs in against: the runner's (scripts/test-all.sh sets
 * KONTOR_DOVECOT_RUNNING=1; its SQLite or PostgreSQL through tests/support/run-db.ts, its KONTOR_*_PORT),
 * or, when the file runs on its own, a seeded database and Dovecot of its own (seeded-dovecot.ts).
 * Tests that change the runner's demo rows put them back: the database is shared with the other tests.
 */
export async function runnerOrOwnDovecot(prefix: string): Promise<RunnerDovecot> {
  if (process.env.KONTOR_DOVECOT_RUNNING === "1") {
    const { db, close } = openRunDb();
    return { db, ports: portsFromEnv(), stop: close };
  }
  const own = await startSeededDovecot(prefix);
  return { db: own.db, ports: own.ports, stop: own.stop };
}
