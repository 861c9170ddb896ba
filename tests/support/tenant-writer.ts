// A second Kontor process for the concurrent-tenant test (LD-03): runs the same tenant workload on
// its own connection to the same database file, started on the test's "go", so its transactions
// really compete with the test's for SQLite's write lock. Prints "ready", then one JSON line with
// what it set up and every acknowledged write.
// Run: node --conditions=react-server --import tsx tests/support/tenant-writer.ts <db> <reseller> <package> <count> <tag>
import { once } from "node:events";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import { runTenantWorkload } from "./tenant-workload";

const [file, reseller, pkg, count, tag] = process.argv.slice(2);
const sqlite = openSqlite(file);
process.stdout.write("ready\n");
await once(process.stdin, "data");
const result = await runTenantWorkload(drizzle(sqlite, { schema }), reseller, pkg, Number(count), tag);
sqlite.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
process.stdin.destroy();
