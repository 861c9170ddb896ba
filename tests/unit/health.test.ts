/**
 * The parts of GET /healthz that decide its answer: the migration comparison against the committed
 * journal, the greeting probe over real loopback sockets, and the KONTOR_HEALTH_SERVICES setting.
 * The route itself, with a real server, Dovecot and Postfix: tests/e2e/healthz.test.ts.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "@/lib/config";
import { parseSettings } from "@/lib/config/settings.mjs";
import { checkDatabase, migrationState, PROBE_TIMEOUT_MS } from "@/lib/health/database";
import { probeGreeting } from "@/lib/health/greeting";
import { createTestDb } from "../support/test-db";

const holder: { db: unknown; fail: boolean } = vi.hoisted(() => ({ db: undefined, fail: false }));
vi.mock("@/db", () => ({
  getDb: () => {
    if (holder.fail) throw new Error("unable to open database file");
    return holder.db;
  },
}));

describe("migration state", () => {
  it("is current only when every committed migration is applied and nothing else", () => {
    expect(migrationState([1, 2, 3], [1, 2, 3])).toBe("current");
    expect(migrationState([1, 2], [1, 2, 3])).toBe("behind");
    expect(migrationState([1, 3], [1, 2, 3])).toBe("behind");
    expect(migrationState([], [1])).toBe("behind");
    expect(migrationState([1, 2, 3, 4], [1, 2, 3])).toBe("ahead");
  });
});

describe("database check", () => {
  let sqlite: Awaited<ReturnType<typeof createTestDb>>["sqlite"];
  let dir: string;
  beforeEach(async () => {
    const test = await createTestDb();
    sqlite = test.sqlite;
    holder.db = test.db;
    holder.fail = false;
    // The writability check looks at the configured file and its folder.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-health-"));
    fs.writeFileSync(path.join(dir, "kontor.db"), "");
    vi.stubEnv("KONTOR_DB", path.join(dir, "kontor.db"));
  });
  afterEach(() => {
    sqlite.close();
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads the applied migrations and compares them with the journal", async () => {
    expect(await checkDatabase()).toEqual({ kind: "sqlite", reachable: true, migrations: "current", writable: true });
    const last = sqlite.prepare("SELECT max(created_at) FROM __drizzle_migrations").pluck().get() as number;
    sqlite.prepare("DELETE FROM __drizzle_migrations WHERE created_at = ?").run(last);
    expect(await checkDatabase()).toMatchObject({ reachable: true, migrations: "behind" });
    sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('x', ?), ('y', ?)").run(last, last + 1);
    expect(await checkDatabase()).toMatchObject({ reachable: true, migrations: "ahead" });
  });

  it("counts a database without drizzle's table as behind, and one that cannot be opened as unreachable", async () => {
    sqlite.exec("DROP TABLE __drizzle_migrations");
    expect(await checkDatabase()).toMatchObject({ reachable: true, migrations: "behind" });
    holder.fail = true;
    expect(await checkDatabase()).toMatchObject({ kind: "sqlite", reachable: false, migrations: "unknown", writable: false });
  });

  it("counts a database file this process cannot write as not writable", async () => {
    vi.stubEnv("KONTOR_DB", path.join(dir, "gone", "kontor.db"));
    expect(await checkDatabase()).toEqual({ kind: "sqlite", reachable: true, migrations: "current", writable: false });
  });
});

describe("a PostgreSQL that accepts connections and never answers", () => {
  let silent: net.Server;
  let url: string;
  const sockets: net.Socket[] = [];
  beforeEach(async () => {
    // As a database machine that is gone behind a network that still accepts: nothing ever comes back.
    silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    url = `postgres://kontor:secret@127.0.0.1:${(silent.address() as net.AddressInfo).port}/kontor`;
    vi.stubEnv("KONTOR_DATABASE_URL", url);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("counts as unreachable once the probe's time is up, so /healthz answers instead of hanging", async () => {
    const { openPostgres } = await import("@/db/postgres");
    holder.db = openPostgres(url, 1);
    const answer = await checkDatabase();
    expect(answer).toMatchObject({ kind: "postgresql", reachable: false, migrations: "unknown", writable: false });
    expect(answer.problem).toContain(`${PROBE_TIMEOUT_MS} ms`);
  });

  it("fails a query whose connection gets no answer, rather than leaving it waiting", async () => {
    const { openPostgres } = await import("@/db/postgres");
    const { sql } = await import("drizzle-orm");
    const { rawRows } = await import("@/db/raw");
    const db = openPostgres(url, 1);
    const failure = await rawRows(db, sql`SELECT 1`).then(
      () => undefined,
      (error: unknown) => error,
    );
    // drizzle wraps the driver's error ("Failed query: …") and keeps it as the cause.
    expect(String((failure as Error | undefined)?.cause)).toMatch(/timeout/i);
  }, 15_000);
});

describe("greeting probe", () => {
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  /** A loopback listener that does `onConnect` with every connection; resolves to its port. */
  async function listener(onConnect: (socket: net.Socket) => void): Promise<number> {
    const server = net.createServer((socket) => {
      socket.on("error", () => undefined);
      sockets.push(socket);
      onConnect(socket);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as net.AddressInfo).port;
  }

  const probe = (port: number, timeoutMs = 1000) =>
    probeGreeting({ host: "127.0.0.1", port, greeting: /^220[ -]/, goodbye: "QUIT\r\n", timeoutMs });

  it("is up for the expected greeting and says goodbye", async () => {
    let heard = "";
    const said = new Promise<void>((resolve) => {
      void listener((socket) => {
        socket.write("220 mx.example ESMTP\r\n");
        socket.on("data", (chunk: Buffer) => {
          heard += chunk.toString();
          if (heard.includes("\n")) {
            socket.end();
            resolve();
          }
        });
      }).then(async (port) => expect(await probe(port)).toBe("up"));
    });
    await said;
    expect(heard).toBe("QUIT\r\n");
  });

  it("is up for a greeting that arrives in pieces", async () => {
    const port = await listener((socket) => {
      socket.write("22");
      setTimeout(() => socket.write("0-first line\r\n220 last\r\n"), 20);
    });
    expect(await probe(port)).toBe("up");
  });

  it("is down for another protocol's greeting, a listener that never greets, a closed port and an endless line", async () => {
    const wrong = await listener((socket) => socket.write("* OK IMAP ready\r\n"));
    const silent = await listener(() => undefined);
    const endless = await listener((socket) => socket.write("220" + "x".repeat(2000)));
    const hangsUp = await listener((socket) => socket.destroy());
    const closed = await listener(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await probe(wrong)).toBe("down");
    expect(await probe(silent, 200)).toBe("down");
    expect(await probe(endless)).toBe("down");
    expect(await probe(hangsUp)).toBe("down");
    expect(await probe(closed)).toBe("down");
  });
});

describe("KONTOR_HEALTH_SERVICES", () => {
  const problems = (value: string) => {
    try {
      parseSettings({ KONTOR_HEALTH_SERVICES: value });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it("checks both mail services unless told otherwise", () => {
    expect(parseSettings({}).health).toEqual({ dovecot: true, postfix: true });
    expect(parseSettings({ KONTOR_HEALTH_SERVICES: " Dovecot " }).health).toEqual({ dovecot: true, postfix: false });
    expect(parseSettings({ KONTOR_HEALTH_SERVICES: "postfix,dovecot" }).health).toEqual({ dovecot: true, postfix: true });
    expect(parseSettings({ KONTOR_HEALTH_SERVICES: "none" }).health).toEqual({ dovecot: false, postfix: false });
  });

  it("names a service it does not know", () => {
    expect(problems("dovecot,smtp")).toEqual([
      'KONTOR_HEALTH_SERVICES="dovecot,smtp" must be a comma-separated list of dovecot, postfix, or none',
    ]);
    expect(problems("none,dovecot")).toHaveLength(1);
    expect(problems(",")).toHaveLength(1);
  });
});
