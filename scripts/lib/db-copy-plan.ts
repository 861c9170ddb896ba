import { type Column, getTableColumns, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { SQLiteTable, getTableConfig } from "drizzle-orm/sqlite-core";
import * as liteSchema from "@/db/schema/sqlite";
import * as pgSchema from "@/db/schema-pg";

/**
 * Which tables a copy between the two databases moves, in which order, and by which key. Both schemas
 * share export names, property names and SQL names (tests/unit/schema-pg.test.ts), so one plan, drawn
 * from the SQLite schema, serves either direction.
 */
export type TablePlan = {
  /** Export name in db/schema and db/schema-pg. */
  key: string;
  /** SQL name. */
  name: string;
  /** Property names of the primary key, the order rows are read in. */
  pk: string[];
  /** Nullable foreign-key properties written as NULL first and set once the rows they point to exist (cycles). */
  deferred: string[];
  /** The primary key is an id the database hands out (SQLite AUTOINCREMENT, PostgreSQL identity). */
  generatedId: boolean;
  sqlite: SQLiteTable;
  postgres: PgTable;
};

function propertyOf(columns: Record<string, Column>, sqlName: string): string {
  const found = Object.entries(columns).find(([, c]) => c.name === sqlName);
  if (!found) throw new Error(`column ${sqlName} not in schema`);
  return found[0];
}

/** Every table, parents before children; a foreign-key cycle is broken at a nullable column. */
export function copyPlan(): TablePlan[] {
  const pgTables = new Map<string, PgTable>();
  for (const [key, value] of Object.entries(pgSchema)) if (is(value, PgTable)) pgTables.set(key, value);

  type Node = Omit<TablePlan, "deferred"> & { refs: { property: string; nullable: boolean; table: string }[] };
  const nodes = new Map<string, Node>();
  for (const [key, table] of Object.entries(liteSchema)) {
    if (!is(table, SQLiteTable)) continue;
    const postgres = pgTables.get(key);
    if (!postgres) throw new Error(`db/schema-pg lacks ${key}`);
    const config = getTableConfig(table);
    const columns: Record<string, Column> = getTableColumns(table);
    const single = Object.entries(columns).filter(([, c]) => c.primary);
    const pk = single.length ? single.map(([k]) => k) : (config.primaryKeys[0]?.columns ?? []).map((c) => propertyOf(columns, c.name));
    if (!pk.length) throw new Error(`${key} has no primary key: the copy reads tables in key order`);
    const idColumn = single.length === 1 ? single[0][1] : undefined;
    nodes.set(config.name, {
      key,
      name: config.name,
      pk,
      generatedId: idColumn !== undefined && "autoIncrement" in idColumn && idColumn.autoIncrement === true,
      sqlite: table,
      postgres,
      refs: config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        const column = ref.columns[0];
        return { property: propertyOf(columns, column.name), nullable: !column.notNull, table: getTableConfig(ref.foreignTable).name };
      }),
    });
  }

  const order: TablePlan[] = [];
  const done = new Set<string>();
  const waiting = new Map(nodes);
  while (waiting.size) {
    const ready = [...waiting.values()].filter((n) => n.refs.every((r) => done.has(r.table) || r.table === n.name));
    // Stuck on a cycle: the first table whose open references are all nullable goes first, with them deferred.
    const pick = ready.length
      ? ready
      : [...waiting.values()].filter((n) => n.refs.every((r) => done.has(r.table) || r.nullable)).slice(0, 1);
    if (!pick.length) throw new Error(`foreign keys form a cycle without a nullable column: ${[...waiting.keys()].join(", ")}`);
    for (const { refs, ...n } of pick) {
      order.push({ ...n, deferred: refs.filter((r) => !done.has(r.table) || r.table === n.name).map((r) => r.property) });
      done.add(n.name);
      waiting.delete(n.name);
    }
  }
  return order;
}
