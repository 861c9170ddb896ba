/**
 * What a production worker (scripts/serve.mjs) keeps mapped: no compiler and no file watcher. A
 * next.config.ts made every worker load Next's SWC (~27 MB resident each) to transpile the config, and
 * next-intl's build plugin brings @swc/core and @parcel/watcher with it (next.config.mjs skips it when
 * serving). The server here is a test's own, on an empty migrated SQLite file.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import { freePort } from "@/scripts/lib/dovecot-process";
import { eventually } from "./support/healthz";

/** Shared objects a running server must not carry: compilers and watchers belong to builds. */
const BUILD_TOOLS = /swc|watcher\.node/;

let dir: string;
let server: ChildProcess | undefined;
let base: string;

const children = (pid: number): number[] => {
  const listed = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return listed ? listed.split(/\s+/).map(Number) : [];
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-footprint-"));
  const dbPath = path.join(dir, "kontor.db");
  const sqlite = openSqlite(dbPath);
  applyMigrations(sqlite);
  sqlite.close();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // On its own SQLite file also in the PostgreSQL pass: what is mapped does not depend on the database.
  const env: NodeJS.ProcessEnv = { ...process.env, KONTOR_DB: dbPath, AUTH_URL: base, KONTOR_HEALTH_SERVICES: "" };
  delete env.KONTOR_DATABASE_URL;
  server = spawn(process.execPath, ["scripts/serve.mjs", "--host", "127.0.0.1", "--port", String(port), "--workers", "1"], {
    env,
    stdio: "ignore",
  });
  await eventually(base, (answer) => answer.status === 200, 60_000);
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

it("serves pages with no compiler or file watcher mapped in any of its processes", async () => {
  const primary = server?.pid ?? 0;
  const processes = [primary, ...children(primary)];
  expect(processes.length).toBeGreaterThan(1); // the primary and its worker
  const mapped = processes.flatMap((pid) =>
    fs
      .readFileSync(`/proc/${pid}/maps`, "utf8")
      .split("\n")
      .map((line) => line.split(/\s+/)[5] ?? "")
      .filter((file) => BUILD_TOOLS.test(file)),
  );
  expect([...new Set(mapped)]).toEqual([]);
  // The config's own headers still reach every page without next-intl's plugin.
  expect((await fetch(`${base}/login`)).headers.get("x-frame-options")).toBe("DENY");
});
