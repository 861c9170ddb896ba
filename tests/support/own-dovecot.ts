import path from "node:path";
import { type DovecotPorts, confPath, freePort, startDovecot, stopDovecot } from "@/scripts/lib/dovecot-process";

/**
 * A Dovecot of the test's own on free loopback ports, with config, sockets and log in `<baseDir>/dovecot`,
 * reading the database file given, or the PostgreSQL database of `databaseUrl`. Never the runner's shared instance: load and penalty tests must not
 * slow down or lock out other tests.
 */
export async function startOwnDovecot(baseDir: string, dbPath: string, production: boolean, relayPort?: number, databaseUrl?: string) {
  const dir = path.join(baseDir, "dovecot");
  const ports: DovecotPorts = { imap: await freePort(), submission: await freePort(), lmtp: await freePort() };
  const quotaStatusPort = await freePort();
  const { pid } = await startDovecot({
    dbPath,
    databaseUrl,
    dir,
    ports,
    production,
    relayPort: relayPort ?? (await freePort()),
    quotaStatusPort,
  });
  return { dir, ports, quotaStatusPort, pid, conf: confPath(dir), log: path.join(dir, "dovecot.log"), stop: () => stopDovecot(dir) };
}

export type OwnDovecot = Awaited<ReturnType<typeof startOwnDovecot>>;
