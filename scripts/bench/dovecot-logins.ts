/**
 * IMAP logins per second through Dovecot's SQL passdb on the large database. 200 mailboxes get a cheap
 * argon2id hash (m=1024, t=1, test only) so the figure shows the passdb lookup, not the hash cost.
 */
import Database from "better-sqlite3";
import { hash } from "@node-rs/argon2";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dovecotInstalled, freePort, startDovecot, stopDovecot } from "@/lib/mail/dovecot-process";
import { imapLogin } from "@/tests/support/mail-clients";
import { BENCH } from "./shape";

const CHEAP = "Billig-Test-Passwort-2026";

export async function measureDovecotLogins(file: string, seconds: number) {
  if (!dovecotInstalled()) return { skipped: "Dovecot is not installed" };
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- Algorithm.Argon2id (2) is an ambient const enum, which isolated modules cannot read.
  const cheap = "{ARGON2ID}" + (await hash(CHEAP, { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 }));
  const users = (
    db.prepare("SELECT address FROM mailboxes WHERE domain_id = ? ORDER BY id LIMIT 200").all(BENCH.bigDomainId) as { address: string }[]
  ).map((u) => u.address);
  const update = db.prepare("UPDATE mailboxes SET password_hash = ? WHERE address = ?");
  db.transaction(() => users.forEach((u) => update.run(cheap, u)))();
  db.close();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-bench-dovecot-"));
  fs.chmodSync(dir, 0o755);
  const imap = await freePort();
  await startDovecot({
    dbPath: file,
    dir: path.join(dir, "dovecot"),
    ports: { imap, submission: await freePort(), lmtp: await freePort() },
  });
  let ok = 0;
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: 10 }, async (_, worker) => {
        for (let i = worker; Date.now() < end; i += 10) {
          if (await imapLogin(users[i % users.length], CHEAP, imap)) ok++;
          else failures++;
        }
      }),
    );
  } finally {
    await stopDovecot(path.join(dir, "dovecot"));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { loginsPerSecond: ok / seconds, failures, seconds };
}
