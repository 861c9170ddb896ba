/**
 * GET /healthz on a production server of the test's own (scripts/serve.mjs, one worker) over its own
 * temp SQLite database, Dovecot and Postfix on free ports, whose migrations fall behind and whose mail
 * services stop while it runs. Each test puts back what it broke (and waits for 200 again), so the
 * tests pass in any order.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/db/migrate";
import { openSqlite, type SqliteDatabase } from "@/db/open";
import { freePort, startDovecot } from "@/scripts/lib/dovecot-process";
import { startPostfix, stopPostfix } from "@/scripts/lib/postfix-process";
import { type OwnDovecot, startOwnDovecot } from "../support/own-dovecot";
import { eventually, expectNothingToHide } from "./support/healthz";

describe("GET /healthz on a server whose parts fail", () => {
  let dir: string;
  let sqlite: SqliteDatabase;
  let dovecot: OwnDovecot | undefined;
  let postfixDir: string;
  let postfixOptions: Parameters<typeof startPostfix>[0];
  /** Starts the stopped Dovecot again on the ports the server was given. */
  let restartDovecot: () => Promise<unknown>;
  let server: ChildProcess | undefined;
  let base: string;
  let serverLog = "";

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-healthz-"));
    fs.chmodSync(dir, 0o755); // Dovecot's mail processes (uid 5000) pass through
    const dbPath = path.join(dir, "kontor.db");
    sqlite = openSqlite(dbPath);
    applyMigrations(sqlite);
    const smtpPort = await freePort();
    const internalPort = await freePort();
    const own = await startOwnDovecot(dir, dbPath, false, internalPort);
    dovecot = own;
    restartDovecot = () =>
      startDovecot({
        dbPath,
        dir: own.dir,
        ports: own.ports,
        quotaStatusPort: own.quotaStatusPort,
        relayPort: internalPort,
        production: false,
      });
    postfixDir = path.join(dir, "postfix");
    postfixOptions = {
      dbPath,
      dir: postfixDir,
      smtpPort,
      internalPort,
      lmtpPort: own.ports.lmtp,
      quotaStatusPort: own.quotaStatusPort,
      relayhost: `[127.0.0.1]:${await freePort()}`,
    };
    await startPostfix(postfixOptions);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ["scripts/serve.mjs", "--host", "127.0.0.1", "--port", String(port), "--workers", "1"], {
      env: {
        ...process.env,
        KONTOR_DB: dbPath,
        AUTH_URL: base,
        KONTOR_IMAP_PORT: String(dovecot.ports.imap),
        KONTOR_SUBMISSION_PORT: String(dovecot.ports.submission),
        KONTOR_LMTP_PORT: String(dovecot.ports.lmtp),
        KONTOR_QUOTA_STATUS_PORT: String(dovecot.quotaStatusPort),
        KONTOR_POSTFIX_PORT: String(smtpPort),
        KONTOR_POSTFIX_INTERNAL_PORT: String(internalPort),
        KONTOR_HEALTH_SERVICES: "dovecot,postfix",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-4000));
    server.stdout?.on("data", keep);
    server.stderr?.on("data", keep);
    await eventually(base, () => true, 60_000);
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await stopPostfix(postfixDir);
    await dovecot?.stop();
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers 200 while everything runs", async () => {
    const answer = await eventually(base, (a) => a.status === 200);
    expect(answer.body).toMatchObject({ status: "ok", database: { migrations: "current" }, dovecot: { imap: "up", lmtp: "up" } });
    expectNothingToHide(answer);
  });

  it("answers 503 while the database misses a committed migration, and 200 once it is applied", async () => {
    const last = sqlite.prepare("SELECT max(created_at) FROM __drizzle_migrations").pluck().get() as number;
    const row = sqlite.prepare("SELECT hash, created_at FROM __drizzle_migrations WHERE created_at = ?").get(last) as object;
    sqlite.prepare("DELETE FROM __drizzle_migrations WHERE created_at = ?").run(last);
    try {
      const behind = await eventually(base, (a) => a.status === 503);
      expect(behind.body).toMatchObject({ status: "fail", database: { kind: "sqlite", reachable: true, migrations: "behind" } });
      expect(behind.body.dovecot).toEqual({ imap: "up", lmtp: "up" });
      expectNothingToHide(behind);
    } finally {
      sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (@hash, @created_at)").run(row);
    }
    await eventually(base, (a) => a.status === 200);
  });

  it("answers 503 when Postfix stops, and names it; the server logs the failure, with its reason only there", async () => {
    await stopPostfix(postfixDir);
    try {
      const answer = await eventually(base, (a) => a.status === 503);
      expect(answer.body).toMatchObject({ status: "fail", database: { migrations: "current" }, dovecot: { imap: "up", lmtp: "up" } });
      expect(answer.body.postfix).toEqual({ smtp: "down" });
      expectNothingToHide(answer);
      await expect.poll(() => serverLog).toContain("healthz: failing");
    } finally {
      await startPostfix(postfixOptions);
    }
    await eventually(base, (a) => a.status === 200);
  });

  it("answers 503 when Dovecot stops, and names it", async () => {
    await dovecot?.stop();
    try {
      const answer = await eventually(base, (a) => (a.body.dovecot as { imap?: string } | undefined)?.imap === "down");
      expect(answer.status).toBe(503);
      expect(answer.body.dovecot).toEqual({ imap: "down", lmtp: "down" });
    } finally {
      await restartDovecot();
    }
    await eventually(base, (a) => a.status === 200);
  });
});
