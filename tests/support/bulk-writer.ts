// Child process for the kill -9 test: writes audit rows in small transactions and prints each
// committed id only after the commit returned, i.e. after SQLite acknowledged it.
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";

const sqlite = openSqlite(process.argv[2]);
applyMigrations(sqlite);
const insert = sqlite.prepare(
  "INSERT INTO audit_log (actor_kind, actor_label, action, details) VALUES ('system', 'torture', 'bulk.write', ?)",
);
const write = sqlite.transaction((i: number) => Number(insert.run(JSON.stringify({ i, pad: "x".repeat(200) })).lastInsertRowid));
process.stdout.write("ready\n");
for (let i = 0; ; i++) {
  const id = write(i);
  process.stdout.write(`${id}\n`);
}
