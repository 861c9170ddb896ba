/**
 * argon2 operations and CPU per password path, on the large database, through the services the pages
 * call (their own process: server code needs the react-server condition), next to the anchor of one
 * bare argon2id hash and one verify with Kontor's parameters. Each path runs `--rounds` times; CPU is
 * the whole process's (the hash threads included), per run.
 *   node --conditions=react-server --import tsx scripts/bench/password-paths.ts <db> [--rounds N]
 * Prints one JSON object.
 */
import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { attemptLogin } from "@/lib/auth/login-service";
import { argon2Operations, hashPassword, verifyPassword } from "@/lib/auth/password-hash";
import { loadActor } from "@/lib/auth/principals";
import { changeOwnMailboxPassword } from "@/lib/services/mailbox-settings/change-own-password";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { completePasswordReset } from "@/lib/services/recovery/redeem-link";
import { generateToken, storeToken } from "@/lib/services/recovery/tokens";
import { changePasswordFromWebmail } from "@/lib/services/webmail/change-password";
import { mailboxSettingsSchema } from "@/lib/validation/mailbox";
import type { PathResult } from "./password-paths-types";
import { BENCH } from "./shape";
import { transaction } from "@/db/transaction";

const [file] = process.argv.slice(2);
const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 8;
const sqlite = openSqlite(file);
const db = drizzle(sqlite, { schema });
const IP = "192.0.2.80";
const passwords = ["Bench-Pfad-Ahorn-2026!", "Bench-Pfad-Birke-2026!"];

async function measure(run: (i: number) => Promise<unknown>): Promise<PathResult> {
  await run(-1); // first run of a path warms its code and statements
  const ops0 = argon2Operations();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < rounds; i++) await run(i);
  const cpu = process.cpuUsage(cpu0);
  const ops = argon2Operations();
  return {
    runs: rounds,
    hashesPerRun: (ops.hashes - ops0.hashes) / rounds,
    verificationsPerRun: (ops.verifications - ops0.verifications) / rounds,
    cpuMsPerRun: (cpu.user + cpu.system) / 1000 / rounds,
    wallMsPerRun: (performance.now() - wall0) / rounds,
  };
}

// Mailboxes of the big domain, away from those the HTTP scenarios and the mail logins use.
const boxes = await Promise.all(
  (
    sqlite.prepare("SELECT id, address FROM mailboxes WHERE domain_id = ? ORDER BY id LIMIT 4 OFFSET 50000").all(BENCH.bigDomainId) as {
      id: number;
      address: string;
    }[]
  ).map(async (b) => {
    const actor = await loadActor(db, "mailbox", b.id);
    if (!actor) throw new Error(`bench data set: mailbox ${b.id} missing`);
    return { ...b, actor };
  }),
);
const owner = sqlite.prepare("SELECT subscription_id, customer_id FROM domains WHERE id = ?").get(BENCH.bigDomainId) as {
  subscription_id: number;
  customer_id: number;
};
const ownerUser = sqlite.prepare("SELECT id FROM users WHERE customer_id = ?").get(owner.customer_id) as { id: number };
const customer = await loadActor(db, "user", ownerUser.id);
if (!customer) throw new Error("bench data set: owner of the big domain missing");
const reset = (id: number) => sqlite.prepare("UPDATE mailboxes SET password_hash = ? WHERE id = ?").run(known, id);
const known = await hashPassword(DEMO_PASSWORD);

// The password each self-service run proves and the one it sets, alternating (never the same).
const own = (i: number) => ({ current: i % 2 === 0 ? DEMO_PASSWORD : passwords[0], next: i % 2 === 0 ? passwords[0] : DEMO_PASSWORD });

const result: Record<string, PathResult> = {};
result["argon2id hash (anchor)"] = await measure(() => hashPassword(DEMO_PASSWORD));
result["argon2id verify (anchor)"] = await measure(() => verifyPassword(known, DEMO_PASSWORD));
result["Plesk panel: set a mailbox password"] = await measure((i) =>
  updateMailboxSettings(
    customer,
    mailboxSettingsSchema.parse({
      subscriptionId: String(owner.subscription_id),
      mailboxId: String(boxes[0].id),
      enabled: "on",
      quotaMb: "",
      newPassword: passwords[(i + 2) % 2],
      confirmPassword: passwords[(i + 2) % 2],
    }),
    { ip: IP },
    db,
  ),
);
reset(boxes[1].id);
result["Mailbox self-service: change own password"] = await measure((i) => {
  const p = own(i + 1);
  return changeOwnMailboxPassword(
    boxes[1].actor,
    { currentPassword: p.current, newPassword: p.next, confirmPassword: p.next },
    IP,
    { via: "mailbox-settings", locale: "de" },
    db,
  );
});
reset(boxes[2].id);
result["Webmail: change own password"] = await measure((i) => {
  const p = own(i + 1);
  return changePasswordFromWebmail({ user: boxes[2].address, currentPassword: p.current, newPassword: p.next }, IP, "de", db).then((r) => {
    if (!r.ok) throw new Error(`webmail change refused: ${r.reason}`);
  });
});
result["Recovery link: set a new password"] = await measure(async (i) => {
  const { token, hash } = generateToken();
  await transaction(db, async (tx) => await storeToken(tx, { kind: "mailbox", id: boxes[3].id }, hash, "privat@example.net", new Date()));
  return completePasswordReset({ token, newPassword: passwords[(i + 2) % 2], ip: IP, locale: "de" }, db);
});
reset(boxes[0].id);
result["Login (mailbox area)"] = await measure((i) =>
  attemptLogin({ area: "mailbox", identifier: boxes[0].address, password: DEMO_PASSWORD, ip: `192.0.2.${100 + (i + 1)}` }, db),
);
for (const b of boxes) reset(b.id);
sqlite.close();
console.log(JSON.stringify(result));
