/** MySQL's backslash escapes in a quoted string (mysqldump writes them). */
const MYSQL_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", "0": "\0", Z: "\x1a", b: "\b" };

/**
 * The `(…), (…);` value list of an SQL INSERT at `start`, up to its closing semicolon, as a dump writes
 * it: quoted strings (a doubled quote inside; with `backslashEscapes` MySQL's `\n`, `\'` … too, while
 * PostgreSQL's standard strings keep a backslash as it is), NULL, and bare words (numbers, true/false)
 * as their text. Used by the MySQL and the pg_dump reader of the PostfixAdmin migration.
 */
export function sqlTuples(text: string, start: number, backslashEscapes: boolean): { tuples: (string | null)[][]; end: number } {
  const tuples: (string | null)[][] = [];
  let tuple: (string | null)[] = [];
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === ";") return { tuples, end: i + 1 };
    if (c === "(") tuple = [];
    else if (c === ")") tuples.push(tuple);
    else if (c === "'") {
      let s = "";
      for (i++; i < text.length; i++) {
        const d = text[i];
        if (d === "\\" && backslashEscapes) {
          const e = text[++i];
          s += MYSQL_ESCAPES[e] ?? e;
        } else if (d !== "'") s += d;
        else if (text[i + 1] === "'") s += text[++i];
        else break;
      }
      tuple.push(s);
    } else if (/[-\w.]/.test(c)) {
      const word = /^[-\w.]+/.exec(text.slice(i, i + 64))?.[0] ?? c;
      tuple.push(word.toUpperCase() === "NULL" ? null : word);
      i += word.length - 1;
    }
    i++;
  }
  return { tuples, end: i };
}
