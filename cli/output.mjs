// Output for people (aligned tables) and for scripts (--json, --csv with RFC 4180 quoting).

export function printRows(rows, columns, { format, out = process.stdout }) {
  if (format === "json") return out.write(JSON.stringify(rows, null, 2) + "\n");
  const cell = (row, c) => {
    const v = row[c];
    if (v === null || v === undefined) return "";
    return Array.isArray(v) ? v.join(" ") : String(v);
  };
  if (format === "csv") {
    const quote = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    out.write(columns.map(quote).join(",") + "\r\n");
    for (const row of rows) out.write(columns.map((c) => quote(cell(row, c))).join(",") + "\r\n");
    return;
  }
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (values) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  out.write(line(columns) + "\n");
  for (const row of rows) out.write(line(columns.map((c) => cell(row, c))) + "\n");
}

export function printRecord(record, { format, out = process.stdout }) {
  if (format === "json") return out.write(JSON.stringify(record, null, 2) + "\n");
  const flat = Object.entries(record).map(([k, v]) => [k, v !== null && typeof v === "object" ? JSON.stringify(v) : String(v ?? "")]);
  const width = Math.max(...flat.map(([k]) => k.length));
  for (const [k, v] of flat) out.write(`${k.padEnd(width)}  ${v}\n`);
}

/** "2G" → 2048, "500M" → 500, "1.5G" → 1536, "1T" → 1048576, plain numbers are megabytes, "max" → null. */
export function parseQuota(text) {
  if (/^max$/i.test(text)) return null;
  const m = /^(\d+(?:\.\d+)?)\s*([MGT]?)B?$/i.exec(text.trim());
  if (!m) return undefined;
  const factor = { "": 1, M: 1, G: 1024, T: 1024 * 1024 }[m[2].toUpperCase()];
  const mb = Math.round(Number(m[1]) * factor);
  return mb >= 1 ? mb : undefined;
}
