/**
 * Issue 23, "moving an installation": npm run db:copy moves a SQLite installation to PostgreSQL and
 * back without losing or changing a row: every table compared in full after SQLite -> PostgreSQL ->
 * SQLite, the mail servers' views answer the same (so every password hash keeps working at Dovecot),
 * counters are not counted twice by triggers, and ids never handed out twice. A non-empty target is
 * refused and left as it was.
 */
import path from "node:path";
import { type Column, getTableColumns, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema/sqlite";
import { copyPlan } from "@/scripts/lib/db-copy-plan";
import { copyDatabase, sameValue } from "@/scripts/lib/db-copy";
import { PostgresSide, type Row, SqliteSide } from "@/scripts/lib/db-copy-sides";
import { type DiskDb, createSeededDiskDb } from "../support/disk-db";
import { MAIL_VIEWS, orderedViewQuery } from "../support/mail-views";
import { type OwnPostgres, startOwnPostgres } from "../support/own-postgres";

const VIEWS = MAIL_VIEWS;
const BIG = 3_000_000_000; // past PostgreSQL's 32-bit integer

let source: DiskDb;
let server: OwnPostgres;

beforeAll(async () => {
  source = await createSeededDiskDb("kontor-copy-");
  server = await startOwnPostgres("kontor-copy-pg-");
  addRowsTheDemoLacks(source.db);
});

afterAll(async () => {
  await source?.remove();
  await server?.stop();
});

/** Every table gets rows, with JSON, large numbers, NULLs, a cycle (catch-all) and holes in the ids. */
function addRowsTheDemoLacks(db: DiskDb["db"]) {
  const mailbox = db.select().from(schema.mailboxes).limit(1).get()!;
  const user = db
    .select()
    .from(schema.users)
    .where(sql`${schema.users.customerId} IS NOT NULL`)
    .limit(1)
    .get()!;
  const account = db.select().from(schema.mailAccounts).limit(1).get()!;
  const owner = { resellerId: mailbox.resellerId, customerId: mailbox.customerId };
  const at = new Date("2026-05-01T10:00:00.123Z");
  db.update(schema.domains)
    .set({ catchAllMailboxId: mailbox.id })
    .where(sql`${schema.domains.id} = ${mailbox.domainId}`)
    .run();
  // A catch-all to a mail account (views postfix_catchall, postfix_recipients, dovecot_userdb) and its autoresponder.
  const routed = db.select().from(schema.mailAccountAddresses).limit(1).get()!;
  db.update(schema.domains)
    .set({ catchAllMailAccountId: routed.mailAccountId })
    .where(sql`${schema.domains.id} = ${routed.domainId}`)
    .run();
  db.insert(schema.mailAccountAutoresponders)
    .values({
      resellerId: routed.resellerId,
      customerId: routed.customerId,
      mailAccountId: routed.mailAccountId,
      enabled: true,
      subject: "Abwesend",
      body: "Zurück am Montag.",
      startsOn: "2026-05-01",
    })
    .run();
  db.update(schema.mailboxes)
    .set({ passwordHash: mailbox.passwordHash })
    .where(sql`${schema.mailboxes.id} = ${mailbox.id}`)
    .run();
  db.insert(schema.settings)
    .values({ key: "copy.test", value: { zeta: 1, alpha: [true, null, "x"], nested: { b: 2, a: 1 } } })
    .run();
  db.insert(schema.auditLog)
    .values({ actorKind: "user", actorLabel: "Kopie", action: "copy.test", details: { z: "letzte", a: 1, ok: true } })
    .run();
  db.insert(schema.auditLog).values({ actorKind: "system", actorLabel: "Kopie", action: "copy.plain" }).run();
  const ticket = db
    .insert(schema.tickets)
    .values({ ...owner, openedByUserId: user.id, category: "general", subject: "Frage zur Kopie" })
    .returning()
    .get();
  db.insert(schema.ticketMessages)
    .values({ ...owner, ticketId: ticket.id, authorUserId: user.id, body: "Grüße, ünïcödé ✓" })
    .run();
  db.insert(schema.ticketSecrets)
    .values({ ...owner, ticketId: ticket.id, mailAccountId: account.id, sealed: "sealed-bytes" })
    .run();
  // A ticket created and deleted: the id high-water mark is above the largest id left.
  const gone = db
    .insert(schema.tickets)
    .values({ ...owner, openedByUserId: user.id, category: "billing", subject: "weg" })
    .returning()
    .get();
  db.delete(schema.tickets)
    .where(sql`${schema.tickets.id} = ${gone.id}`)
    .run();
  db.insert(schema.forwards)
    .values({ ...owner, mailboxId: mailbox.id, target: "weiter@anderswo.example" })
    .run();
  db.insert(schema.senderRules)
    .values({ ...owner, mailboxId: mailbox.id, kind: "block", pattern: "@spam.example" })
    .run();
  db.insert(schema.autoresponders)
    .values({ ...owner, mailboxId: mailbox.id, enabled: true, subject: "Urlaub", body: "Bis bald", startsOn: "2026-07-01" })
    .run();
  db.insert(schema.mailUsage).values({ login: mailbox.address, storageBytes: BIG, messages: 12, lastLogin: 1_780_000_000 }).run();
  db.insert(schema.mailHomeRemovals).values({ home: "geloescht.example/info=7" }).run();
  db.insert(schema.mfaFactors)
    .values({
      userId: user.id,
      kind: "webauthn",
      label: "Schlüssel",
      credentialId: "cred-1",
      publicKey: "pk",
      signCount: BIG,
      transports: ["usb", "nfc"],
      confirmedAt: at,
    })
    .run();
  db.insert(schema.mfaRecoveryCodes).values({ userId: user.id, codeHash: "h1", usedAt: at }).run();
  db.insert(schema.mfaPendingLogins).values({ tokenHash: "pending-1", userId: user.id, throttleKey: "acct:panel:x", expiresAt: at }).run();
  db.insert(schema.mfaRegistrations).values({ userId: user.id, challenge: "chal", expiresAt: at }).run();
  db.insert(schema.recoveryTokens)
    .values({ tokenHash: "rt-1", principalKind: "mailbox", principalId: mailbox.id, sentTo: "x@y.example", expiresAt: at })
    .run();
  db.insert(schema.loginGrants).values({ tokenHash: "lg-1", principalKind: "user", principalId: user.id, expiresAt: at }).run();
  db.insert(schema.authThrottle).values({ key: "ip:127.0.0.1", failures: 3, windowStart: at, lockedUntil: null }).run();
  db.insert(schema.revokedSessions).values({ sid: "sid-1", expiresAt: at }).run();
  db.insert(schema.robotCheckUsed).values({ challengeHash: "ch-1", expiresAt: at }).run();
  db.insert(schema.reauthConfirmations).values({ principalKind: "user", principalId: user.id, confirmedAt: at, sessionVersion: 2 }).run();
  const key = db
    .insert(schema.apiKeys)
    .values({
      userId: user.id,
      ...owner,
      name: "CI",
      publicId: "pub-1",
      secretHash: "hmac",
      scopes: ["mailboxes:read", "domains:write"],
      expiresAt: at,
    })
    .returning()
    .get();
  db.insert(schema.apiIdempotency).values({ keyId: key.id, idempotencyKey: "idem-1", requestHash: "rh", status: 201, body: "{}" }).run();
  db.insert(schema.apiRateWindows).values({ keyId: key.id, windowStart: at.getTime(), count: 7 }).run();
  const domain = db.select().from(schema.domains).limit(1).get()!;
  const job = db
    .insert(schema.importJobs)
    .values({
      ...owner,
      subscriptionId: domain.subscriptionId,
      actorKind: "user",
      actorId: user.id,
      source: "cli-csv",
      sha256: "ab",
      state: "running",
      total: 2,
      applied: 1,
      leaseUntil: at,
    })
    .returning()
    .get();
  db.insert(schema.importJobSteps)
    .values({ jobId: job.id, seq: 0, action: { kind: "domain", line: 2 }, undo: { kind: "domain", id: domain.id } })
    .run();
}

/** Every row of every table, read through drizzle (as the application sees it), in key order. */
async function everything(location: string): Promise<Map<string, Row[]>> {
  const side = location.startsWith("postgres") ? await PostgresSide.open(location, "source") : SqliteSide.open(location, "source");
  try {
    const out = new Map<string, Row[]>();
    for (const t of copyPlan()) out.set(t.name, await side.batch(t, null, 1_000_000));
    return out;
  } finally {
    await side.close();
  }
}

function viewsOf(file: string) {
  const sqlite = openSqlite(file);
  try {
    return VIEWS.map((v) => sqlite.prepare(orderedViewQuery(sqlite, v)).raw().all());
  } finally {
    sqlite.close();
  }
}

function expectSameTables(a: Map<string, Row[]>, b: Map<string, Row[]>) {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [table, rows] of a) {
    const other = b.get(table)!;
    expect(other.length, table).toBe(rows.length);
    rows.forEach((row, i) => {
      if (!sameValue(row, other[i])) expect(other[i], `${table} row ${i}`).toEqual(row);
    });
  }
}

describe("npm run db:copy", () => {
  it("moves every row SQLite -> PostgreSQL -> SQLite unchanged, with the same views", async () => {
    const original = await everything(source.file);
    for (const [table, rows] of original) expect(rows.length, `${table} has rows to copy`).toBeGreaterThan(0);

    const toPg = await copyDatabase(source.file, server.url, { sample: 1000 });
    expect(toPg.tables.map((t) => t.table).sort()).toEqual([...original.keys()].sort());
    for (const t of toPg.tables) expect(t.sampled, t.table).toBe(original.get(t.table)!.length);
    expectSameTables(original, await everything(server.url));

    const back = path.join(source.dir, "back.db");
    await copyDatabase(server.url, back);
    expectSameTables(original, await everything(back));
    expect(viewsOf(back)).toEqual(viewsOf(source.file));

    // The mail servers' views in PostgreSQL answer the rows SQLite's answer.
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      // The copy was analyzed at once: the planner knows its rows before autovacuum comes round.
      const analyzed = await client.query("SELECT 1 FROM pg_stat_user_tables WHERE relname = 'mailboxes' AND last_analyze IS NOT NULL");
      expect(analyzed.rowCount).toBe(1);
      const expected = viewsOf(source.file);
      for (const [i, v] of VIEWS.entries()) {
        const r = await client.query({ text: orderedViewQuery(source.sqlite, v), rowMode: "array" });
        expect(r.rows, v).toEqual(expected[i]);
      }
      // Ids continue above the highest ever handed out (a deleted ticket's id is not reused).
      const maxTicket = Math.max(...original.get("tickets")!.map((r) => Number(r.id)));
      const user = original.get("tickets")![0];
      const next = await client.query<{ id: number }>(
        "INSERT INTO tickets (reseller_id, customer_id, opened_by_user_id, category, subject) VALUES ($1, $2, $3, 'general', 'neu') RETURNING id",
        [user.resellerId, user.customerId, user.openedByUserId],
      );
      expect(next.rows[0].id).toBe(maxTicket + 2);
    } finally {
      await client.end();
    }
    const backDb = openSqlite(back);
    try {
      const seq = backDb.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'tickets'").get() as { seq: number };
      expect(seq.seq).toBe(Math.max(...original.get("tickets")!.map((r) => Number(r.id))) + 1);
      // The copy plans its queries from statistics of its own (db/statistics.ts), not from guesses.
      const analyzed = backDb.prepare("SELECT DISTINCT tbl FROM sqlite_stat1").pluck().all();
      expect(analyzed).toEqual(expect.arrayContaining(["mailboxes", "domains"]));
    } finally {
      backDb.close();
    }
  });

  it("refuses a target that holds rows and leaves it as it was", async () => {
    // Targets of this test's own, filled by a first copy: the other test copies into the server's database.
    const filled = await server.freshDatabase("refuse");
    const filledBack = path.join(source.dir, "refuse-back.db");
    await copyDatabase(source.file, filled);
    await copyDatabase(filled, filledBack);
    const before = await everything(filled);
    await expect(copyDatabase(source.file, filled)).rejects.toThrow(/not empty/);
    expectSameTables(before, await everything(filled));
    const target = drizzle(openSqlite(filledBack), { schema });
    const count = () =>
      target
        .select({ n: sql<number>`count(*)` })
        .from(schema.mailboxes)
        .get()!.n;
    const n = count();
    await expect(copyDatabase(filled, filledBack)).rejects.toThrow(/not empty/);
    expect(count()).toBe(n);
    target.$client.close();
  });

  it("plans every table with a key, parents first, and breaks the domain/catch-all cycle", () => {
    const plan = copyPlan();
    const position = new Map(plan.map((t, i) => [t.name, i]));
    expect(position.get("domains")).toBeLessThan(position.get("mailboxes")!);
    expect(plan.find((t) => t.name === "domains")!.deferred).toEqual(["catchAllMailboxId"]);
    const columns: Record<string, Column> = getTableColumns(schema.reauthConfirmations);
    expect(plan.find((t) => t.name === "reauth_confirmations")!.pk.map((k) => columns[k].name)).toEqual(["principal_kind", "principal_id"]);
  });
});
