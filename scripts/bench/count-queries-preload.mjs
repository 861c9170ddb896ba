/**
 * Loaded into the panel's processes by scripts/bench/page-queries.ts (node --import): counts every
 * statement the process runs on SQLite (better-sqlite3's statement calls) and every round trip to
 * PostgreSQL (pg's Client#query, BEGIN and COMMIT included), and writes the counts to
 * <KONTOR_QUERY_COUNT_DIR>/<pid>.json when the process gets SIGUSR2. With KONTOR_QUERY_TIMING=1 it
 * also times, per SQL text, each SQLite statement's preparation and its runs (wall time of the
 * synchronous call, which on SQLite is the statement's CPU). Only for measuring; the panel itself
 * has no such hook.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const dir = process.env.KONTOR_QUERY_COUNT_DIR;
const timing = process.env.KONTOR_QUERY_TIMING === "1";
/** @type {{ sqlite: number; postgres: number; statements: Record<string, { prepares: number; prepareNs: number; runs: number; runNs: number }> }} */
const counts = { sqlite: 0, postgres: 0, statements: {} };
const require = createRequire(path.join(process.cwd(), "package.json"));

const entry = (sql) => (counts.statements[sql] ??= { prepares: 0, prepareNs: 0, runs: 0, runNs: 0 });

const Database = require("better-sqlite3");
const probe = new Database(":memory:");
const statement = Object.getPrototypeOf(probe.prepare("SELECT 1"));
probe.close();
for (const name of ["all", "get", "run", "iterate"]) {
  const original = statement[name];
  statement[name] = function counted(...args) {
    counts.sqlite++;
    if (!timing) return original.apply(this, args);
    const start = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      const e = entry(this.source);
      e.runs++;
      e.runNs += Number(process.hrtime.bigint() - start);
    }
  };
}
if (timing) {
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function timed(sql, ...rest) {
    const start = process.hrtime.bigint();
    try {
      return prepare.call(this, sql, ...rest);
    } finally {
      const e = entry(sql);
      e.prepares++;
      e.prepareNs += Number(process.hrtime.bigint() - start);
    }
  };
}

const { Client } = require("pg");
const query = Client.prototype.query;
Client.prototype.query = function counted(...args) {
  counts.postgres++;
  return query.apply(this, args);
};

// Written aside and renamed: the runner waits for the file to appear and must never read it half-written.
if (dir)
  process.on("SIGUSR2", () => {
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(`${file}.part`, JSON.stringify(counts));
    fs.renameSync(`${file}.part`, file);
  });
