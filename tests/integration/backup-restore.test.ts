import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "@/db/backup";
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { freePort, startDovecot, stopDovecot } from "@/scripts/lib/dovecot-process";
import { aDomainWithMailboxes, TEST_PASSWORD } from "../support/factories";
import { imapLogin } from "../support/mail-clients";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-restore-"));
fs.chmodSync(tmp, 0o755); // Dovecot's mail processes (uid 5000) must pass through
const dovecotDir = path.join(tmp, "dovecot");

afterAll(async () => {
  await stopDovecot(dovecotDir);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("backup and restore drill", () => {
  it("backs up a live database, restores it, and Dovecot logs in from the restored copy", async () => {
    const live = path.join(tmp, "live.db");
    const sqlite = openSqlite(live);
    applyMigrations(sqlite);
    // A customer with a mailbox of the test's own (factories), whose password the drill checks.
    const { mailboxes } = await aDomainWithMailboxes(drizzle(sqlite, { schema }), 2);
    const address = mailboxes[0].address;

    // A reader holds the live database open (as Dovecot would) while the backup runs.
    const backupFile = path.join(tmp, "backups", "k.db");
    const report = await backupDatabase(live, backupFile);
    expect(report.integrity).toBe("ok");
    expect(report.migrations).toBeGreaterThanOrEqual(2);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);

    // After the backup the live password changes; the restore must bring back the backed-up one.
    const changed = sqlite
      .prepare("UPDATE mailboxes SET password_hash = ? WHERE address = ?")
      .run(await hashPassword("Nach-dem-Backup-2026!x"), address);
    expect(changed.changes).toBe(1);
    sqlite.close();

    const restored = path.join(tmp, "restored", "kontor.db");
    fs.mkdirSync(path.dirname(restored), { recursive: true });
    const result = await restoreDatabase(backupFile, restored);
    expect(result.integrity).toBe("ok");

    const imap = await freePort();
    // Every listener on a port of its own: the runner's Dovecot holds the configured ones.
    const ports = { imap, submission: await freePort(), lmtp: await freePort() };
    await startDovecot({ dbPath: restored, dir: dovecotDir, ports, quotaStatusPort: await freePort(), relayPort: await freePort() });
    expect(await imapLogin(address, TEST_PASSWORD, imap)).toBe(true);
    expect(await imapLogin(address, "Nach-dem-Backup-2026!x", imap)).toBe(false);
    // The restored copy is the whole database, not only the row the drill looked at.
    expect(await imapLogin(mailboxes[1].address, TEST_PASSWORD, imap)).toBe(true);
  });

  it("refuses to overwrite an existing backup and to restore a damaged file", async () => {
    const file = path.join(tmp, "exists.db");
    fs.writeFileSync(file, "x");
    await expect(backupDatabase(path.join(tmp, "live.db"), file)).rejects.toThrow(/refusing/);
    const broken = path.join(tmp, "broken.db");
    fs.writeFileSync(broken, "this is not a database, just text that happens to be long enough".repeat(100));
    await expect(restoreDatabase(broken, path.join(tmp, "target.db"))).rejects.toThrow();
    expect(fs.existsSync(path.join(tmp, "target.db"))).toBe(false);
  });
});
