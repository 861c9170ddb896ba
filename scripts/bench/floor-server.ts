/**
 * The benchmark's floor anchor: plain node:http + better-sqlite3, one process, answering the Plesk
 * address list's first page (GET /panel/<subscription>/mail) with the same queries as the panel (the
 * subscription's domains, 51 mailboxes of the first domain by local part with their spam setting, which
 * of them forward) as a 50-row HTML table. No framework, no session: what the machine needs at least.
 *   node --import tsx scripts/bench/floor-server.ts <db file> <port>
 */
import Database from "better-sqlite3";
import http from "node:http";

const [file, portArg] = process.argv.slice(2);
const db = new Database(file, { readonly: true });
db.pragma("busy_timeout = 5000");
const domainsOf = db.prepare("SELECT id, name FROM domains WHERE subscription_id = ? ORDER BY name");
const page = db.prepare(
  `SELECT m.id, m.address, m.local_part, m.quota_mb, m.enabled, s.enabled AS spam
     FROM mailboxes m LEFT JOIN spam_settings s ON s.mailbox_id = m.id
    WHERE m.domain_id = ? ORDER BY m.local_part LIMIT 51`,
);
const forwarded = db.prepare("SELECT DISTINCT mailbox_id AS id FROM forwards WHERE mailbox_id IN (SELECT value FROM json_each(?))");

type Row = { id: number; address: string; local_part: string; quota_mb: number | null; enabled: number; spam: number | null };
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const server = http.createServer((req, res) => {
  const match = /^\/panel\/(\d+)\/mail$/.exec(req.url ?? "");
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const rows: Row[] = [];
  for (const d of domainsOf.all(Number(match[1])) as { id: number; name: string }[]) {
    rows.push(...(page.all(d.id) as Row[]));
    if (rows.length > 50) break;
  }
  const shown = rows.slice(0, 50);
  const forwards = new Set((forwarded.all(JSON.stringify(shown.map((r) => r.id))) as { id: number }[]).map((r) => r.id));
  const body = shown
    .map(
      (r) =>
        `<tr><td><a href="/panel/${match[1]}/mail/${r.id}">${escape(r.address)}</a></td><td>${r.quota_mb ?? "∞"}</td>` +
        `<td>${r.enabled ? "on" : "off"}</td><td>${forwards.has(r.id) ? "fwd" : ""}</td><td>${r.spam ? "spam" : ""}</td></tr>`,
    )
    .join("");
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html><body><table>${body}</table></body></html>`);
});
server.listen(Number(portArg), "127.0.0.1");
