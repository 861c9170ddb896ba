/**
 * The PostgreSQL copy of the benchmark's 1,000,000-mailbox data set (bench:pg, bench:delivery --pg): a
 * cluster of its own under bench/large/postgres, filled once with db:copy from the SQLite file and reused
 * while it is complete (the marker file `copied` is written only after a finished copy).
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { copyDatabase } from "../lib/db-copy";
import { migratePostgres } from "@/db/migrate-pg";
import { type RunningPostgres, startPostgres } from "../lib/postgres-process";

export const BENCH_PG_DIR = path.resolve("bench/large/postgres");

/** Starts the benchmark's cluster on `port` and makes sure it holds a complete copy of `sqliteFile`. */
export async function startBenchPostgres(sqliteFile: string, port: number): Promise<RunningPostgres> {
  const cluster = await startPostgres({ dir: BENCH_PG_DIR, port });
  await ensureCopied(sqliteFile, cluster.url);
  return cluster;
}

/**
 * Copies the SQLite data set into the cluster once. The runs change a few rows on both sides (password
 * changes, last logins, delivered mail), which the scenarios do not depend on, so an earlier complete
 * copy is reused.
 */
async function ensureCopied(sqliteFile: string, url: string) {
  const marker = path.join(BENCH_PG_DIR, "copied");
  // A new cluster gets the schema; a copy made before a later migration gets its columns.
  await migratePostgres(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM mailboxes");
  await client.end();
  if (Number(rows[0].n) > 0 && fs.existsSync(marker)) return;
  if (Number(rows[0].n) > 0) throw new Error(`${BENCH_PG_DIR} holds an unfinished copy: stop it and delete the folder to copy afresh`);
  console.log("Copying the data set to PostgreSQL (db:copy) …");
  const started = Date.now();
  await copyDatabase(sqliteFile, url, { log: (line) => console.log(`  ${line}`) });
  console.log(`  copied in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  fs.writeFileSync(marker, new Date().toISOString());
}
