import fs from "node:fs";
import path from "node:path";
import { type Column, type SQL, and, eq, getTableColumns, gt, or, sql } from "drizzle-orm";
import { type BetterSQLite3Database, drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { type NodePgDatabase, drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { MIGRATIONS_FOLDER, applyMigrations } from "@/db/migrate";
import { refreshStatistics } from "@/db/statistics";
import { PG_MIGRATIONS_FOLDER, migratePostgres } from "@/db/migrate-pg";
import { type SqliteDatabase, openSqlite } from "@/db/open";
import type { TablePlan } from "./db-copy-plan";

/**
 * The two ends of a copy (scripts/lib/db-copy.ts). Rows travel as drizzle maps them (property names,
 * Dates, booleans, parsed JSON), so each database's own representation is written by its own driver.
 */
export type Row = Record<string, unknown>;

export interface Side {
  readonly label: string;
  /** Source: one consistent snapshot for the whole copy. Target: one write transaction. */
  begin(mode: "read" | "write"): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
  /** Applied migrations vs. committed ones: a copy needs both ends at the code's version. */
  migrationState(): Promise<{ applied: number; committed: number }>;
  count(t: TablePlan): Promise<number>;
  /** Up to `limit` rows after `after` (by primary key), in key order. */
  batch(t: TablePlan, after: Row | null, limit: number): Promise<Row[]>;
  /** The rows with these primary keys. */
  byKeys(t: TablePlan, keys: Row[]): Promise<Row[]>;
  sample(t: TablePlan, n: number): Promise<Row[]>;
  insert(t: TablePlan, rows: Row[]): Promise<void>;
  update(t: TablePlan, key: Row, values: Row): Promise<void>;
  /** The highest id the database has handed out for the table (ids are never reused), or 0. */
  highWater(t: TablePlan): Promise<number>;
  setHighWater(t: TablePlan, value: number): Promise<void>;
  /** Rows are copied as they are: triggers (counters, password versions) must not act on them. */
  suspendTriggers(plans: TablePlan[]): Promise<void>;
  resumeTriggers(plans: TablePlan[]): Promise<void>;
  /** Bound parameters per statement this driver accepts. */
  readonly maxParams: number;
}

function committedMigrations(folder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

/** `(a, b) > (x, y)` spelled out with drizzle's operators, so each value passes through its column's mapping. */
function after(columns: Record<string, Column>, pk: string[], key: Row): SQL {
  const [first, ...rest] = pk;
  const greater = gt(columns[first], key[first]);
  if (!rest.length) return greater;
  return or(greater, and(eq(columns[first], key[first]), after(columns, rest, key))) as SQL;
}

function keyIs(columns: Record<string, Column>, pk: string[], key: Row): SQL {
  return and(...pk.map((k) => eq(columns[k], key[k]))) as SQL;
}

const orderBy = <C extends Column>(columns: Record<string, C>, pk: string[]) => pk.map((k) => columns[k]);

export function isPostgresUrl(location: string) {
  return /^postgres(ql)?:\/\//.test(location);
}

export class SqliteSide implements Side {
  readonly maxParams = 30_000;
  private readonly db: BetterSQLite3Database;
  private savedTriggers: { name: string; sql: string }[] = [];

  private constructor(
    readonly label: string,
    private readonly sqlite: SqliteDatabase,
    private readonly role: "source" | "target",
  ) {
    this.db = drizzleSqlite(sqlite);
  }

  /** A source must exist; a target is created (or must be empty) and brought to the current migrations. */
  static open(file: string, role: "source" | "target"): SqliteSide {
    if (role === "source" && !fs.existsSync(file)) throw new Error(`No SQLite database at ${file}`);
    const sqlite = openSqlite(file);
    if (role === "target") applyMigrations(sqlite);
    return new SqliteSide(file, sqlite, role);
  }

  async begin(mode: "read" | "write") {
    this.sqlite.exec(mode === "write" ? "BEGIN IMMEDIATE" : "BEGIN");
    // A deferred BEGIN takes its snapshot at the first read; read now, so the snapshot is the copy's start.
    this.sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
    return Promise.resolve();
  }
  async commit() {
    this.sqlite.exec("COMMIT");
    // A copied database has rows but no query statistics yet; without them SQLite plans from guesses.
    if (this.role === "target") refreshStatistics(this.sqlite, "all tables");
    return Promise.resolve();
  }
  async rollback() {
    if (this.sqlite.inTransaction) this.sqlite.exec("ROLLBACK");
    return Promise.resolve();
  }
  async close() {
    this.sqlite.close();
    return Promise.resolve();
  }
  async migrationState() {
    const exists = this.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = '__drizzle_migrations'").get();
    const applied = exists ? (this.sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n : 0;
    return Promise.resolve({ applied, committed: committedMigrations(MIGRATIONS_FOLDER) });
  }
  async count(t: TablePlan) {
    return Promise.resolve(
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(t.sqlite)
        .get()?.n ?? 0,
    );
  }
  async batch(t: TablePlan, last: Row | null, limit: number) {
    const columns = getTableColumns(t.sqlite);
    const query = this.db.select().from(t.sqlite);
    const filtered = last ? query.where(after(columns, t.pk, last)) : query;
    return Promise.resolve(
      filtered
        .orderBy(...orderBy(columns, t.pk))
        .limit(limit)
        .all() as Row[],
    );
  }
  async byKeys(t: TablePlan, keys: Row[]) {
    const columns = getTableColumns(t.sqlite);
    if (!keys.length) return Promise.resolve([]);
    return Promise.resolve(
      this.db
        .select()
        .from(t.sqlite)
        .where(or(...keys.map((k) => keyIs(columns, t.pk, k))))
        .all() as Row[],
    );
  }
  async sample(t: TablePlan, n: number) {
    return Promise.resolve(
      this.db
        .select()
        .from(t.sqlite)
        .orderBy(sql`random()`)
        .limit(n)
        .all() as Row[],
    );
  }
  async insert(t: TablePlan, rows: Row[]) {
    this.db.insert(t.sqlite).values(rows).run();
    return Promise.resolve();
  }
  async update(t: TablePlan, key: Row, values: Row) {
    this.db
      .update(t.sqlite)
      .set(values)
      .where(keyIs(getTableColumns(t.sqlite), t.pk, key))
      .run();
    return Promise.resolve();
  }
  async highWater(t: TablePlan) {
    const row = this.sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = ?").get(t.name) as { seq: number } | undefined;
    return Promise.resolve(row?.seq ?? 0);
  }
  async setHighWater(t: TablePlan, value: number) {
    // AUTOINCREMENT keeps its high-water mark here; SQLite creates the row on the first insert.
    this.sqlite.prepare("DELETE FROM sqlite_sequence WHERE name = ?").run(t.name);
    if (value > 0) this.sqlite.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)").run(t.name, value);
    return Promise.resolve();
  }
  async suspendTriggers() {
    // SQLite cannot switch triggers off: they are dropped and re-created inside the same transaction.
    this.savedTriggers = this.sqlite
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
      .all() as typeof this.savedTriggers;
    for (const t of this.savedTriggers) this.sqlite.exec(`DROP TRIGGER "${t.name}"`);
    return Promise.resolve();
  }
  async resumeTriggers() {
    for (const t of this.savedTriggers) this.sqlite.exec(t.sql);
    this.savedTriggers = [];
    return Promise.resolve();
  }
}

export class PostgresSide implements Side {
  // PostgreSQL's wire protocol counts bind parameters in 16 bits.
  readonly maxParams = 60_000;
  private readonly db: NodePgDatabase;

  private constructor(
    readonly label: string,
    private readonly client: pg.Client,
    private readonly role: "source" | "target",
  ) {
    this.db = drizzlePg(client);
  }

  /** A target database is brought to the current migrations first (it must exist; the tables must be empty). */
  static async open(url: string, role: "source" | "target"): Promise<PostgresSide> {
    if (role === "target") await migratePostgres(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const shown = new URL(url);
    shown.password = shown.password ? "***" : "";
    return new PostgresSide(shown.toString(), client, role);
  }

  async begin(mode: "read" | "write") {
    await this.client.query(mode === "read" ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
    // REPEATABLE READ takes its snapshot at the first statement.
    await this.client.query("SELECT 1");
  }
  async commit() {
    await this.client.query("COMMIT");
    // Planner statistics for the copied rows now, not whenever autovacuum next gets round to them.
    if (this.role === "target") await this.client.query("ANALYZE");
  }
  async rollback() {
    await this.client.query("ROLLBACK");
  }
  async close() {
    await this.client.end();
  }
  async migrationState() {
    const exists = await this.client.query("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present");
    const present = (exists.rows[0] as { present: boolean }).present;
    const counted = present ? await this.client.query<{ n: string }>("SELECT count(*) AS n FROM drizzle.__drizzle_migrations") : null;
    const applied = counted ? Number(counted.rows[0].n) : 0;
    return { applied, committed: committedMigrations(PG_MIGRATIONS_FOLDER) };
  }
  async count(t: TablePlan) {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(t.postgres);
    return row.n;
  }
  async batch(t: TablePlan, last: Row | null, limit: number) {
    const columns = getTableColumns(t.postgres);
    const query = this.db.select().from(t.postgres);
    const filtered = last ? query.where(after(columns, t.pk, last)) : query;
    return (await filtered.orderBy(...orderBy(columns, t.pk)).limit(limit)) as Row[];
  }
  async byKeys(t: TablePlan, keys: Row[]) {
    const columns = getTableColumns(t.postgres);
    if (!keys.length) return [];
    return (await this.db
      .select()
      .from(t.postgres)
      .where(or(...keys.map((k) => keyIs(columns, t.pk, k))))) as Row[];
  }
  async sample(t: TablePlan, n: number) {
    return (await this.db
      .select()
      .from(t.postgres)
      .orderBy(sql`random()`)
      .limit(n)) as Row[];
  }
  async insert(t: TablePlan, rows: Row[]) {
    await this.db.insert(t.postgres).values(rows);
  }
  async update(t: TablePlan, key: Row, values: Row) {
    await this.db
      .update(t.postgres)
      .set(values)
      .where(keyIs(getTableColumns(t.postgres), t.pk, key));
  }
  private async sequence(t: TablePlan): Promise<string | null> {
    const r = await this.client.query("SELECT pg_get_serial_sequence($1, $2) AS seq", [t.name, "id"]);
    return (r.rows[0] as { seq: string | null }).seq;
  }
  async highWater(t: TablePlan) {
    const seq = await this.sequence(t);
    if (!seq) return 0;
    const r = await this.client.query(`SELECT last_value, is_called FROM ${seq}`);
    const { last_value, is_called } = r.rows[0] as { last_value: string; is_called: boolean };
    return is_called ? Number(last_value) : Number(last_value) - 1;
  }
  async setHighWater(t: TablePlan, value: number) {
    const seq = await this.sequence(t);
    if (!seq) return;
    // setval(seq, 1, false): nothing handed out yet, the next id is 1.
    if (value > 0) await this.client.query("SELECT setval($1, $2, true)", [seq, value]);
    else await this.client.query("SELECT setval($1, 1, false)", [seq]);
  }
  async suspendTriggers(plans: TablePlan[]) {
    // USER: the triggers of the migrations only; foreign keys stay checked. The owner may do this in a transaction.
    for (const t of plans) await this.client.query(`ALTER TABLE "${t.name}" DISABLE TRIGGER USER`);
  }
  async resumeTriggers(plans: TablePlan[]) {
    for (const t of plans) await this.client.query(`ALTER TABLE "${t.name}" ENABLE TRIGGER USER`);
  }
}
