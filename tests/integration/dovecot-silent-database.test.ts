/**
 * Issue 23, mail servers on another machine than the database: when the PostgreSQL machine is gone
 * without a word (no refusal, no reset: powered off, its address moved in a failover), Dovecot's Lua
 * passdb must not hold logins until Dovecot gives up on its auth worker (60 s). A PostgreSQL of the
 * test's own behind a TCP relay of the test's, which can turn silent: it accepts connections and
 * never answers, and drops the ones it carried. Data built by the factories.
 */
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PG_CONNECT_TIMEOUT_SECONDS } from "@/lib/mail/dovecot-config";
import { freePort, startDovecot, stopDovecot } from "@/scripts/lib/dovecot-process";
import { type OwnPostgres, startOwnPostgres } from "../support/own-postgres";

/** Dovecot 2.3 answers a login whose auth worker does not return after this long, whatever the cause. */
const DOVECOT_GIVES_UP_SECONDS = 60;

let pg: OwnPostgres;
let relay: net.Server;
let silent = false;
const carried: net.Socket[] = [];
let dovecotDir = "";
let imapPort = 0;
let user = "";
let password = "";
let imapLogin: typeof import("../support/mail-clients").imapLogin;

/** Forwards to PostgreSQL, or, while silent, accepts and keeps quiet. */
function startRelay(to: number): Promise<number> {
  relay = net.createServer((client) => {
    carried.push(client);
    client.on("error", () => client.destroy());
    if (silent) return;
    const server = net.connect(to, "127.0.0.1");
    carried.push(server);
    server.on("error", () => client.destroy());
    client.pipe(server).pipe(client);
  });
  return new Promise((resolve) => relay.listen(0, "127.0.0.1", () => resolve((relay.address() as net.AddressInfo).port)));
}

function goSilent() {
  silent = true;
  for (const socket of carried.splice(0)) socket.destroy();
}

/** A raw IMAP LOGIN: the tagged answer, or null when none came within `seconds`. */
function loginAnswer(seconds: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(imapPort, "127.0.0.1");
    let received = "";
    let sent = false;
    const done = (answer: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(null), seconds * 1000);
    socket.on("error", () => done(null));
    socket.on("data", (chunk) => {
      received += chunk.toString();
      if (!sent && received.startsWith("* OK")) {
        sent = true;
        socket.write(`a LOGIN "${user}" "${password}"\r\n`);
      }
      const tagged = /(?:^|\r\n)a ([^\r\n]*)\r\n/.exec(received);
      if (tagged) done(tagged[1]);
    });
  });
}

beforeAll(async () => {
  pg = await startOwnPostgres("kontor-silent-db-");
  process.env.KONTOR_DATABASE_URL = pg.url;
  const { openPostgres } = await import("@/db/postgres");
  const db = openPostgres(pg.url, 1);
  const factories = await import("../support/factories");
  const world = await factories.aDomainWithMailboxes(db, 1, { package: { panel: "plesk9" } });
  user = world.mailboxes[0].address;
  password = factories.TEST_PASSWORD;
  await (db as unknown as { $client: { end(): Promise<void> } }).$client.end();
  ({ imapLogin } = await import("../support/mail-clients"));

  const relayPort = await startRelay(pg.port);
  dovecotDir = path.join(pg.baseDir, "dovecot");
  imapPort = await freePort();
  await startDovecot({
    dbPath: path.join(pg.baseDir, "no-such.db"),
    databaseUrl: pg.url.replace(`:${pg.port}/`, `:${relayPort}/`),
    dir: dovecotDir,
    ports: { imap: imapPort, submission: await freePort(), lmtp: await freePort() },
    relayPort: await freePort(),
    quotaStatusPort: await freePort(),
  });
});

afterAll(async () => {
  delete process.env.KONTOR_DATABASE_URL;
  if (dovecotDir) await stopDovecot(dovecotDir);
  for (const socket of carried.splice(0)) socket.destroy();
  relay?.close();
  await pg?.stop();
});

describe("Dovecot when its PostgreSQL stops answering", () => {
  it("answers a login with a temporary failure once the connect timeout is up, and logs in again when the database is back", async () => {
    expect(await imapLogin(user, password, imapPort), "a login while the database answers").toBe(true);
    goSilent();
    // Well before Dovecot's own give-up: the Lua passdb's connection attempt gave up by itself.
    const answer = await loginAnswer((PG_CONNECT_TIMEOUT_SECONDS + DOVECOT_GIVES_UP_SECONDS) / 2);
    expect(answer).toMatch(/^NO \[UNAVAILABLE\]/);
    silent = false;
    expect(await imapLogin(user, password, imapPort), "a login once the database answers again").toBe(true);
  }, 60_000);
});
