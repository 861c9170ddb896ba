import path from "node:path";
import { getTableColumns } from "drizzle-orm";
import { type TablePlan, copyPlan } from "./db-copy-plan";
import { PostgresSide, type Row, type Side, SqliteSide, isPostgresUrl } from "./db-copy-sides";

/**
 * Copies a whole Kontor installation between SQLite and PostgreSQL (either direction, or between two
 * of a kind): every table in foreign-key order, in one transaction on the target, from one snapshot of
 * the source (so a live installation may keep running), ids and id high-water marks kept, triggers
 * held off (the copied counters and password versions are already right). Before committing, the row
 * count of every table and a random sample of rows per table are compared; any difference rolls the
 * target back. The target is brought to the current migrations and must hold no rows.
 */

export type CopyOptions = { sample?: number; log?: (line: string) => void };
export type TableReport = { table: string; rows: number; sampled: number };
export type CopyReport = { tables: TableReport[] };

const BATCH_ROWS = 5_000;

async function openSide(location: string, role: "source" | "target"): Promise<Side> {
  return isPostgresUrl(location) ? PostgresSide.open(location, role) : SqliteSide.open(path.resolve(location), role);
}

const keyOf = (t: TablePlan, row: Row) => JSON.stringify(t.pk.map((k) => row[k]));

/** Equal as the application sees them: Dates by instant, JSON objects whatever their key order (jsonb sorts keys). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(ra[k], rb[k]));
  }
  return Object.is(a, b);
}

async function checkMigrations(side: Side, role: string) {
  const { applied, committed } = await side.migrationState();
  if (applied !== committed) {
    throw new Error(`The ${role} ${side.label} has ${applied} of ${committed} migrations applied: migrate it first (npm run db:migrate)`);
  }
}

async function copyTable(
  source: Side,
  target: Side,
  t: TablePlan,
  patches: { key: Row; values: Row }[],
): Promise<{ rows: number; lastId: number }> {
  const columnCount = Object.keys(getTableColumns(t.sqlite)).length;
  const limit = Math.max(1, Math.min(BATCH_ROWS, Math.floor(target.maxParams / Math.max(1, columnCount))));
  let last: Row | null = null;
  let rows = 0;
  for (;;) {
    const batch = await source.batch(t, last, limit);
    if (!batch.length) break;
    const toInsert = t.deferred.length
      ? batch.map((row) => {
          const values = Object.fromEntries(t.deferred.map((k) => [k, row[k]]));
          if (Object.values(values).some((v) => v !== null)) patches.push({ key: row, values });
          return { ...row, ...Object.fromEntries(t.deferred.map((k) => [k, null])) };
        })
      : batch;
    await target.insert(t, toInsert);
    rows += batch.length;
    last = batch[batch.length - 1];
  }
  return { rows, lastId: t.generatedId && last ? Number(last[t.pk[0]]) : 0 };
}

async function verifyTable(source: Side, target: Side, t: TablePlan, sampleSize: number): Promise<TableReport> {
  const [expected, actual] = [await source.count(t), await target.count(t)];
  if (expected !== actual) throw new Error(`${t.name}: ${expected} rows in the source, ${actual} in the target`);
  const sample = await source.sample(t, sampleSize);
  const copied = new Map((await target.byKeys(t, sample)).map((row) => [keyOf(t, row), row]));
  for (const row of sample) {
    const other = copied.get(keyOf(t, row));
    if (!other) throw new Error(`${t.name}: row ${keyOf(t, row)} is missing in the target`);
    const differing = Object.keys(row).filter((k) => !sameValue(row[k], other[k]));
    if (differing.length) throw new Error(`${t.name}: row ${keyOf(t, row)} differs in ${differing.join(", ")}`);
  }
  return { table: t.name, rows: actual, sampled: sample.length };
}

export async function copyDatabase(from: string, to: string, opts: CopyOptions = {}): Promise<CopyReport> {
  if (from === to || (!isPostgresUrl(from) && !isPostgresUrl(to) && path.resolve(from) === path.resolve(to))) {
    throw new Error("Source and target are the same database");
  }
  const log = opts.log ?? (() => undefined);
  const sampleSize = opts.sample ?? 50;
  const source = await openSide(from, "source");
  let target: Side | undefined;
  try {
    target = await openSide(to, "target");
    await checkMigrations(source, "source");
    await checkMigrations(target, "target");
    const plans = copyPlan();
    await source.begin("read");
    await target.begin("write");
    try {
      for (const t of plans) {
        const n = await target.count(t);
        if (n) throw new Error(`The target ${target.label} is not empty (${t.name} has ${n} rows): copy into a new database`);
      }
      await target.suspendTriggers(plans);
      const patches = new Map<TablePlan, { key: Row; values: Row }[]>();
      for (const t of plans) {
        const list: { key: Row; values: Row }[] = [];
        const started = Date.now();
        const { rows, lastId } = await copyTable(source, target, t, list);
        patches.set(t, list);
        if (t.generatedId) await target.setHighWater(t, Math.max(lastId, await source.highWater(t)));
        log(`${t.name}: ${rows} rows (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
      // References that closed a cycle (a domain's catch-all mailbox) now find their rows.
      for (const [t, list] of patches) for (const p of list) await target.update(t, p.key, p.values);
      await target.resumeTriggers(plans);
      const tables: TableReport[] = [];
      for (const t of plans) tables.push(await verifyTable(source, target, t, sampleSize));
      await target.commit();
      await source.commit();
      return { tables };
    } catch (e) {
      await target.rollback();
      await source.rollback();
      throw e;
    }
  } finally {
    await source.close();
    await target?.close();
  }
}
