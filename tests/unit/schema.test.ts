import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_FOLDER } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import { auditLog, mailboxes } from "@/db/schema";
import { aCustomerWithMailRoutes, aDomain, aDomainWithMailboxes, emptyDb } from "../support/factories";

/**
 * alpenblick.example (info, anna, alias kontakt → info), dorfladen.example (`.001`, `.002` with
 * konto2@) and post@grüne-wiese.example, stored as punycode.
 */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let admin: string;
let account2: string;
let account2Id: number;
beforeAll(async () => {
  handle = await emptyDb();
  const world = await aCustomerWithMailRoutes(handle.db);
  [admin, account2, account2Id] = [world.admin.login, world.account2.login, world.account2.id];
  const idn = await aDomain(handle.db, world.plesk, "grüne-wiese.example");
  await aDomainWithMailboxes(handle.db, 1, { sub: { ...world.plesk, domain: idn }, localParts: ["post"] });
});

describe("database on disk", () => {
  it("runs with WAL, synchronous=FULL, foreign keys and a busy timeout", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-"));
    const sqlite = openSqlite(path.join(dir, "k.db"));
    applyMigrations(sqlite);
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(5000);
    sqlite.close();
  });
});

describe("schema", () => {
  it("stores every mailbox address lower-cased and unique, domains as punycode", () => {
    const rows = handle.sqlite.prepare("SELECT address FROM mailboxes").all() as { address: string }[];
    for (const { address } of rows) expect(address).toBe(address.toLowerCase());
    expect(rows.map((r) => r.address)).toContain("post@xn--grne-wiese-beb.example");
    const dup = () =>
      handle.sqlite
        .prepare(
          "INSERT INTO mailboxes (reseller_id, customer_id, domain_id, local_part, address, password_hash) SELECT reseller_id, customer_id, domain_id, local_part, address, password_hash FROM mailboxes LIMIT 1",
        )
        .run();
    expect(dup).toThrow(/UNIQUE/);
  });

  it("enforces foreign keys", () => {
    const orphan = () =>
      handle.sqlite
        .prepare("INSERT INTO domains (reseller_id, customer_id, subscription_id, name) VALUES (999, 999, 999, 'x.example')")
        .run();
    expect(orphan).toThrow(/FOREIGN KEY/);
  });

  it("keeps the audit log append-only", async () => {
    await handle.db.insert(auditLog).values({ actorKind: "user", actorLabel: "t", action: "test.entry" });
    expect(() => handle.sqlite.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => handle.sqlite.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });

  it("exposes enabled mailboxes and mail accounts to Dovecot with the {ARGON2ID} hash, and hides disabled ones", async () => {
    const users = () => handle.sqlite.prepare("SELECT user, password FROM dovecot_passdb").all() as { user: string; password: string }[];
    const before = users();
    expect(before.map((u) => u.user)).toEqual(expect.arrayContaining(["info@alpenblick.example", admin, account2]));
    for (const u of before) expect(u.password).toMatch(/^\{ARGON2ID\}\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await handle.db.update(mailboxes).set({ enabled: false }).where(eq(mailboxes.address, "anna@alpenblick.example"));
    expect(users().map((u) => u.user)).not.toContain("anna@alpenblick.example");
    await handle.db.update(mailboxes).set({ enabled: true }).where(eq(mailboxes.address, "anna@alpenblick.example"));
  });

  it("lets an address routed to a mail account log in with that account's hash (issue 25, point 5)", () => {
    const hash = (user: string) =>
      (handle.sqlite.prepare("SELECT password FROM dovecot_passdb WHERE user = ?").all(user) as { password: string }[]).map(
        (r) => r.password,
      );
    expect(hash("konto2@dorfladen.example")).toHaveLength(1);
    expect(hash("konto2@dorfladen.example")).toEqual(hash(account2));
  });

  it("gives Dovecot's userdb every deliverable address, routed ones as their account, each lookup by index", () => {
    const lookup = (user: string) =>
      handle.sqlite.prepare("SELECT login, home, quota_mb FROM dovecot_userdb WHERE user = ?").get(user) as
        { login: string; home: string } | undefined;
    // Homes carry the row's id (migration 0017), so an address created again never finds the old Maildir.
    expect(lookup("konto2@dorfladen.example")?.login).toBe(account2);
    expect(lookup("konto2@dorfladen.example")?.home).toBe(`${account2}=${account2Id}`);
    expect(lookup("info@alpenblick.example")?.login).toBe("info@alpenblick.example");
    expect(lookup("info@alpenblick.example")?.home).toMatch(/^alpenblick\.example\/info=\d+$/);
    expect(lookup(admin)).toMatchObject({ login: admin });
    expect(lookup("nobody@dorfladen.example")).toBeUndefined();
    const plan = (
      handle.sqlite.prepare("EXPLAIN QUERY PLAN SELECT login FROM dovecot_userdb WHERE user = ?").all("x") as { detail: string }[]
    ).map((r) => r.detail);
    // The outer SCAN walks the co-routine's already filtered rows; every table is searched by index.
    expect(plan.filter((d) => /^SCAN /.test(d) && d !== "SCAN dovecot_userdb")).toEqual([]);
    // Mailboxes, accounts, routed addresses (+ their account), catch-all addresses (+ their account).
    expect(plan.filter((d) => /^SEARCH /.test(d))).toHaveLength(6);
  });

  it("indexes every tenant column of tenant-owned tables", () => {
    const tables = [
      "customers",
      "packages",
      "subscriptions",
      "domains",
      "mailboxes",
      "mail_accounts",
      "mail_account_addresses",
      "forwards",
      "sender_rules",
      "spam_settings",
      "tickets",
      "ticket_messages",
    ];
    for (const table of tables) {
      const cols = (handle.sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      const indexed = new Set(
        (handle.sqlite.prepare(`PRAGMA index_list(${table})`).all() as { name: string }[]).map(
          (i) => (handle.sqlite.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[])[0]?.name,
        ),
      );
      for (const tenantCol of ["reseller_id", "customer_id"]) {
        if (cols.includes(tenantCol) && !(table === "customers" && tenantCol === "customer_id")) {
          expect(indexed.has(tenantCol), `${table}.${tenantCol} leads an index`).toBe(true);
        }
      }
    }
  });
});

describe("migration 0017 (mail homes)", () => {
  it("keeps the home every existing mailbox and mail account had, and gives rows made later one of their own", () => {
    // The committed migrations up to 0016 in a folder of their own, then all of them.
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-mig-"));
    fs.cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
    const journalFile = path.join(before, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number; tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.idx <= 16);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const sqlite = openSqlite(":memory:");
    applyMigrations(sqlite, before);
    sqlite.pragma("foreign_keys = OFF");
    sqlite
      .prepare(
        "INSERT INTO mailboxes (id, reseller_id, customer_id, domain_id, local_part, address, password_hash) VALUES (7, 1, 1, 1, 'info', 'info@alt.example', 'h')",
      )
      .run();
    sqlite
      .prepare(
        "INSERT INTO mail_accounts (id, reseller_id, customer_id, number, login, password_hash) VALUES (3, 1, 1, 2, 'k10001.002', 'h')",
      )
      .run();
    applyMigrations(sqlite);
    const homes = () => sqlite.prepare("SELECT user, home FROM dovecot_userdb ORDER BY user").all();
    expect(homes()).toEqual([
      { user: "info@alt.example", home: "alt.example/info" },
      { user: "k10001.002", home: "k10001.002" },
    ]);
    sqlite.prepare("DELETE FROM mailboxes").run();
    sqlite.prepare("DELETE FROM mail_accounts").run();
    sqlite
      .prepare(
        "INSERT INTO mailboxes (reseller_id, customer_id, domain_id, local_part, address, password_hash) VALUES (1, 1, 1, 'info', 'info@alt.example', 'h')",
      )
      .run();
    sqlite
      .prepare("INSERT INTO mail_accounts (reseller_id, customer_id, number, login, password_hash) VALUES (1, 1, 2, 'k10001.002', 'h')")
      .run();
    // AUTOINCREMENT: the ids after 7 and 3, never the deleted rows' again.
    expect(homes()).toEqual([
      { user: "info@alt.example", home: "alt.example/info=8" },
      { user: "k10001.002", home: "k10001.002=4" },
    ]);
    sqlite.close();
  });
});
