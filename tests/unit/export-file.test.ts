/**
 * The download made whole before it is sent (issue 24): from one snapshot of the database, so mailboxes
 * created while a large export runs are not half in it; and a failure while it is made (a disk that is
 * full, a folder that cannot be made) is an error to the caller with nothing left behind, never a file
 * cut short.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import { mailboxes } from "@/db/schema";
import { databaseKind } from "@/lib/config";
import { openExport } from "@/lib/services/import/export-data";
import { EXPORT_PAGE } from "@/lib/services/import/export-parts";
import { exportFile, writeExport } from "@/lib/services/import/export-file";
import { aDomainWithMailboxes, emptyDb, testPasswordHash } from "../support/factories";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-export-file-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A database another connection can open: on SQLite a file (the in-memory test database has one
 * connection only, and the snapshot is a connection of its own), on PostgreSQL the run's.
 */
async function sharedDb(): Promise<Db> {
  if (databaseKind() === "postgresql") return (await emptyDb()).db;
  const sqlite = openSqlite(path.join(tempDir(), "kontor.db"));
  applyMigrations(sqlite);
  return drizzle(sqlite, { schema });
}

describe("the export file", () => {
  it("is one snapshot: mailboxes created while it is written are not in it", { timeout: 60_000 }, async () => {
    const db = await sharedDb();
    const sub = await aDomainWithMailboxes(db, 1);
    const tenant = { resellerId: sub.reseller.id, customerId: sub.customer.id, domainId: sub.domain.id };
    const passwordHash = await testPasswordHash();
    const box = (localPart: string) => ({ ...tenant, localPart, address: `${localPart}@${sub.domain.name}`, passwordHash });
    // Three pages of mailboxes, so the export gives other requests their turn between them.
    const rows = Array.from({ length: EXPORT_PAGE * 2 + 50 }, (_, i) => box(`a${String(i).padStart(5, "0")}`));
    for (let from = 0; from < rows.length; from += 500) await db.insert(mailboxes).values(rows.slice(from, from + 500));

    const source = await openExport(sub.customer.actor, sub.subscriptionId, { withHashes: false, format: "csv" }, db);
    const file = path.join(tempDir(), "export.csv");
    const fd = fs.openSync(file, "w");
    let finished = false;
    const writing = writeExport(source, "csv", fd).finally(() => (finished = true));
    // Meanwhile the panel creates mailboxes, one a turn; their names sort after every page's.
    let during = 0;
    while (!finished) {
      await db.insert(mailboxes).values(box(`z${String(during++).padStart(5, "0")}`));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const size = await writing;
    fs.closeSync(fd);
    const text = fs.readFileSync(file, "utf8");
    expect(Buffer.byteLength(text)).toBe(size);
    expect(during).toBeGreaterThan(1); // the export really ran while they were written
    expect(text.match(/^mailbox,/gm)).toHaveLength(rows.length + 1);
    expect(text).not.toMatch(/^mailbox,z\d+@/m);
  });

  it("fails on a full disk with an error, and leaves no file behind when its folder cannot be made", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 3);
    const source = await openExport(sub.customer.actor, sub.subscriptionId, { withHashes: false, format: "json" }, db);
    // /dev/full answers every write with ENOSPC, as a full disk does.
    const full = fs.openSync("/dev/full", "w");
    await expect(writeExport(source, "json", full)).rejects.toMatchObject({ code: "ENOSPC" });
    fs.closeSync(full);

    const blocked = path.join(tempDir(), "a-file");
    fs.writeFileSync(blocked, "");
    await expect(exportFile(source, "json", path.join(blocked, "spool"))).rejects.toMatchObject({ code: "ENOTDIR" });
    const dir = tempDir();
    const made = await exportFile(source, "json", dir);
    expect(JSON.parse(await new Response(made.body()).text())).toMatchObject({ subscriptionId: sub.subscriptionId });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
