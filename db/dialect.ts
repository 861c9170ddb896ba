import { and, gte, lt, type Placeholder, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { databaseKind } from "@/lib/config";

/**
 * The few SQL spellings that differ between SQLite and PostgreSQL, in one place. Everything else the
 * services write through drizzle's query builder, which speaks both.
 */
const onPostgres = () => databaseKind() === "postgresql";

const MAX_CODE_POINT = 0x10ffff;

/**
 * The smallest string greater than every string starting with `prefix`, in code-point order (which is
 * UTF-8 byte order: SQLite's BINARY collation, and PostgreSQL's C collation that db:migrate insists on).
 * A last character that cannot grow (U+10FFFF) carries over to the one before; `undefined` when no
 * character can (an empty prefix, or one of U+10FFFF only): then every string from `prefix` on starts
 * with it.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const chars = Array.from(prefix);
  while (chars.length) {
    const last = (chars.pop() as string).codePointAt(0) as number;
    if (last < MAX_CODE_POINT) return chars.join("") + String.fromCodePoint(last + 1);
  }
  return undefined;
}

/**
 * `column` starts with `prefix` (case-sensitive, every character literal), as a range an index can seek
 * on both databases, also in a generic plan on PostgreSQL (a LIKE pattern's prefix is known only to a
 * plan made for its value).
 */
export function startsWith(column: SQLWrapper, prefix: string): SQL | undefined {
  const upper = prefixUpperBound(prefix);
  return upper === undefined ? gte(column, prefix) : and(gte(column, prefix), lt(column, upper));
}

/** `%` and `_` typed by a user are literal characters in a likeAnyCase pattern, not wildcards. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Case-insensitive LIKE with `\` as the escape character (SQLite's LIKE ignores ASCII case already). The
 * pattern may be a placeholder of a prepared query (db/prepared.ts).
 */
export function likeAnyCase(column: SQLWrapper, pattern: string | Placeholder): SQL {
  return onPostgres() ? sql`${column} ILIKE ${pattern} ESCAPE '\\'` : sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** The larger of two numbers (SQLite's two-argument max, PostgreSQL's greatest). */
export function greatest(a: SQLWrapper | number, b: SQLWrapper | number): SQL {
  return onPostgres() ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`;
}

/**
 * `column IN (the elements of a JSON array)`, for a prepared query whose list is one parameter: the
 * list goes in as `JSON.stringify(values)`.
 */
export function inJsonArray(column: SQLWrapper, json: SQLWrapper, type: "text" | "integer"): SQL {
  return onPostgres()
    ? sql`${column} IN (SELECT value::${sql.raw(type)} FROM jsonb_array_elements_text(${json}::jsonb) AS value)`
    : sql`${column} IN (SELECT value FROM json_each(${json}))`;
}

/**
 * `"table"."column"`, for a correlated subquery written with sql``: drizzle leaves the table off a
 * column inside sql`` in a single-table select, and there an unqualified "id" would name the
 * subquery's own table's column.
 */
export function qualified(table: string, column: string): SQL {
  return sql`${sql.identifier(table)}.${sql.identifier(column)}`;
}
