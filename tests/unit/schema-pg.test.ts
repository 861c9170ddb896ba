/**
 * db/schema-pg must stay the twin of db/schema (issue 23): the services use either, and the copy
 * between the databases moves rows column by column. A table, column, key, index or foreign key added
 * to one schema only fails here; so does a PostgreSQL schema change without its migration.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Column, getTableColumns, is } from "drizzle-orm";
import { PgTable, getTableConfig as pgConfig } from "drizzle-orm/pg-core";
import { SQLiteTable, getTableConfig as sqliteConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as sqliteSchema from "@/db/schema/sqlite";
import * as pgSchema from "@/db/schema-pg";

const sqliteTables = new Map<string, SQLiteTable>();
for (const [name, value] of Object.entries(sqliteSchema)) if (is(value, SQLiteTable)) sqliteTables.set(name, value);
const pgTables = new Map<string, PgTable>();
for (const [name, value] of Object.entries(pgSchema)) if (is(value, PgTable)) pgTables.set(name, value);

const colName = (c: unknown) => (c !== null && typeof c === "object" && "name" in c ? String(c.name) : "<sql>");

/** The parts of a table both dialects must agree on, in a dialect-free shape. */
function shape(config: ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>, columns: Record<string, Column>) {
  return {
    name: config.name,
    columns: Object.entries(columns).map(([key, c]) => ({
      key,
      name: c.name,
      notNull: c.notNull,
      primary: c.primary,
      unique: c.isUnique ? (c.uniqueName ?? "") : null,
      // SQLite's INTEGER PRIMARY KEY is the rowid and counts as defaulted; PostgreSQL's ids are identities.
      hasDefault: c.primary ? null : c.hasDefault,
      enumValues: c.enumValues ?? null,
    })),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    uniqueConstraints: config.uniqueConstraints.map((u) => ({ name: u.name ?? "", columns: u.columns.map((c) => c.name) })),
    indexes: config.indexes
      .map((i) => ({ name: i.config.name ?? "", unique: i.config.unique, columns: i.config.columns.map(colName) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return {
          columns: ref.columns.map((c) => c.name),
          table: is(ref.foreignTable, PgTable) ? pgConfig(ref.foreignTable).name : sqliteConfig(ref.foreignTable).name,
          foreignColumns: ref.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? "no action",
          onUpdate: fk.onUpdate ?? "no action",
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

/** What each SQLite column kind becomes in PostgreSQL (integers may widen where values pass 2^31). */
const PG_TYPES: Record<string, string[]> = {
  SQLiteInteger: ["integer", "bigint"],
  SQLiteTimestamp: ["bigint"],
  SQLiteBoolean: ["boolean"],
  SQLiteText: ["text"],
  SQLiteTextJson: ["jsonb"],
};

describe("PostgreSQL schema twin", () => {
  it("exports the same tables, under the same names, and the same constants", () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
    expect(pgSchema.PRINCIPAL_KINDS).toBe(sqliteSchema.PRINCIPAL_KINDS);
  });

  it.each([...sqliteTables.keys()])("%s has the same columns, keys, indexes and foreign keys", (exportName) => {
    const lite = sqliteTables.get(exportName)!;
    const pg = pgTables.get(exportName);
    expect(pg, `db/schema-pg lacks ${exportName}`).toBeDefined();
    expect(shape(pgConfig(pg!), getTableColumns(pg!))).toEqual(shape(sqliteConfig(lite), getTableColumns(lite)));
  });

  it.each([...sqliteTables.keys()])("%s maps every column to its PostgreSQL type", (exportName) => {
    const pgColumns = getTableColumns(pgTables.get(exportName)!);
    for (const [key, c] of Object.entries(getTableColumns(sqliteTables.get(exportName)!))) {
      const kind = (c as Column).columnType;
      const allowed = PG_TYPES[kind];
      expect(allowed, `${exportName}.${key}: no PostgreSQL mapping for ${kind}`).toBeDefined();
      expect(allowed, `${exportName}.${key}`).toContain(pgColumns[key].getSQLType());
    }
  });

  it("keeps epoch milliseconds in PostgreSQL and hands Dates to the code, as SQLite's timestamp_ms does", () => {
    const at = new Date("2026-03-01T12:34:56.789Z");
    const col = pgSchema.recoveryTokens.expiresAt;
    expect(col.mapToDriverValue(at)).toBe(at.getTime());
    // node-postgres returns int8 as a string.
    expect(col.mapFromDriverValue(String(at.getTime()))).toEqual(at);
    expect(sqliteSchema.recoveryTokens.expiresAt.mapToDriverValue(at)).toBe(at.getTime());
  });

  it("has a committed migration for every change of the PostgreSQL schema", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-pg-migrations-"));
    // drizzle-kit reads `--out` relative to the working directory (an absolute one fails).
    const outArg = path.relative(process.cwd(), out);
    try {
      fs.cpSync(path.join(process.cwd(), "db", "migrations-pg"), out, { recursive: true });
      const r = spawnSync(
        path.join(process.cwd(), "node_modules", ".bin", "drizzle-kit"),
        ["generate", "--dialect", "postgresql", "--schema", "./db/schema-pg/index.ts", "--out", outArg],
        { encoding: "utf8", timeout: 60_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/No schema changes/);
      expect(fs.readdirSync(out).filter((f) => f.endsWith(".sql"))).toEqual(
        fs.readdirSync(path.join(process.cwd(), "db", "migrations-pg")).filter((f) => f.endsWith(".sql")),
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
