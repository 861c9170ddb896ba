import "server-only";
import Database from "better-sqlite3";
import fs from "node:fs";
import type { FileAlias } from "./alias-loops";
import { privateFile } from "./spool";

/** Which kind of line declared or took an address of the file. */
export type AddressKind = "mailbox" | "alias";

const SCHEMA = `
  CREATE TABLE seen (key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE declared (address TEXT PRIMARY KEY, kind TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE taken (address TEXT PRIMARY KEY, kind TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE alias (address TEXT NOT NULL UNIQUE, line INTEGER NOT NULL, targets TEXT NOT NULL);
  CREATE TABLE sender (list TEXT NOT NULL, address TEXT NOT NULL, pattern TEXT NOT NULL, PRIMARY KEY (list, address, pattern)) WITHOUT ROWID;
`;

/** Aliases are read back in pages: better-sqlite3 allows no other statement while an iterator is open. */
const ALIAS_PAGE = 500;

/**
 * What a plan remembers of the lines it has walked (each line's duplicate key, the addresses the file
 * declares and takes, the aliases that may close a loop, sender lists), kept in a private SQLite file
 * beside the upload spool instead of the JavaScript heap, so that a dry run of 100,000 lines costs
 * about what 10,000 cost. A UNIQUE key is the duplicate check. The file is the server process's own,
 * also when the installation runs on PostgreSQL; it is deleted when the plan ends (`close`), and a
 * crash's leftover goes with the spool's next private file. Nothing durable: no journal, no fsync, one
 * transaction never committed, and a small page cache, because the file is thrown away either way.
 */
export class PlanKeys {
  private readonly statements;

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("cache_size = -2048");
    db.exec(SCHEMA);
    // One transaction for the store's whole life: no write per statement, only when the cache spills.
    // It is never committed; the file is deleted with it.
    db.exec("BEGIN");
    this.statements = {
      seenAdd: db.prepare<[string, number]>("INSERT OR IGNORE INTO seen (key, line) VALUES (?, ?)"),
      seenGet: db.prepare<[string], { line: number }>("SELECT line FROM seen WHERE key = ?"),
      declare: db.prepare<[string, string]>("INSERT OR IGNORE INTO declared (address, kind) VALUES (?, ?)"),
      declaredGet: db.prepare<[string], { kind: AddressKind }>("SELECT kind FROM declared WHERE address = ?"),
      anyDeclaredAlias: db.prepare<[], { n: number }>("SELECT 1 AS n FROM declared WHERE kind = 'alias' LIMIT 1"),
      take: db.prepare<[string, string]>("INSERT OR REPLACE INTO taken (address, kind) VALUES (?, ?)"),
      takenGet: db.prepare<[string], { kind: AddressKind }>("SELECT kind FROM taken WHERE address = ?"),
      aliasAdd: db.prepare<[string, number, string]>("INSERT OR IGNORE INTO alias (address, line, targets) VALUES (?, ?, ?)"),
      aliasGet: db.prepare<[string], { line: number; targets: string }>("SELECT line, targets FROM alias WHERE address = ?"),
      aliasPage: db.prepare<[number, number], { id: number; address: string; line: number; targets: string }>(
        "SELECT rowid AS id, address, line, targets FROM alias WHERE rowid > ? ORDER BY rowid LIMIT ?",
      ),
      senderAdd: db.prepare<[string, string, string]>("INSERT OR IGNORE INTO sender (list, address, pattern) VALUES (?, ?, ?)"),
      senders: db.prepare<[string, string], { pattern: string }>("SELECT pattern FROM sender WHERE list = ? AND address = ?"),
    };
  }

  /** A new, empty store in a private file of the spool folder (lib/services/import/spool.ts). */
  static open(): PlanKeys {
    const { file, fd } = privateFile("keys");
    fs.closeSync(fd);
    try {
      return new PlanKeys(new Database(file), file);
    } catch (error) {
      fs.rmSync(file, { force: true });
      throw error;
    }
  }

  /** The line that had `key` first, or undefined when this is the first (then `line` is recorded as it). */
  firstLine(key: string, line: number): number | undefined {
    if (this.statements.seenAdd.run(key, line).changes) return undefined;
    return this.statements.seenGet.get(key)?.line;
  }

  /** An address a mailbox or alias line of the file declares (the first walk). */
  declare(address: string, kind: AddressKind) {
    this.statements.declare.run(address, kind);
  }

  isDeclared(address: string): boolean {
    return this.statements.declaredGet.get(address) !== undefined;
  }

  isDeclaredAlias(address: string): boolean {
    return this.statements.declaredGet.get(address)?.kind === "alias";
  }

  /** Whether the file declares any alias at all (none: no alias can close a loop, nothing is kept for the check). */
  declaresAliases(): boolean {
    return this.statements.anyDeclaredAlias.get() !== undefined;
  }

  /** An address a checked line has taken (the second walk). */
  take(address: string, kind: AddressKind) {
    this.statements.take.run(address, kind);
  }

  takenAs(address: string): AddressKind | undefined {
    return this.statements.takenGet.get(address)?.kind;
  }

  /** An alias line kept for the loop check. */
  addAlias(alias: FileAlias) {
    this.statements.aliasAdd.run(alias.address, alias.line, JSON.stringify(alias.targets));
  }

  alias(address: string): FileAlias | undefined {
    const row = this.statements.aliasGet.get(address);
    return row && { address, line: row.line, targets: JSON.parse(row.targets) as string[] };
  }

  /** The kept aliases in line order, a page at a time. */
  *aliases(): Generator<FileAlias> {
    for (let after = 0; ;) {
      const page = this.statements.aliasPage.all(after, ALIAS_PAGE);
      for (const row of page) yield { address: row.address, line: row.line, targets: JSON.parse(row.targets) as string[] };
      if (page.length < ALIAS_PAGE) return;
      after = page[page.length - 1].id;
    }
  }

  /** A sender pattern on a mailbox's block- or allowlist from the file. */
  addSender(list: string, address: string, pattern: string) {
    this.statements.senderAdd.run(list, address, pattern);
  }

  /** One mailbox's list from the file (at most MAX_SENDER_RULES entries, so small). */
  senders(list: string, address: string): Set<string> {
    return new Set(this.statements.senders.all(list, address).map((r) => r.pattern));
  }

  /** Closes and deletes the file; safe to call twice. */
  close() {
    if (this.db.open) this.db.close();
    fs.rmSync(this.file, { force: true });
  }
}
