/**
 * Hashes brought along from another mail system work at Dovecot at once, as they are: IMAP and SMTP
 * submission accept the old password and refuse others. The first Kontor login with the plaintext
 * replaces the hash by argon2id, and Dovecot still accepts the same password afterwards. A mail account
 * imported with its hash (a package without panel) logs in by its login and by an address routed to it.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { attemptLogin } from "@/lib/auth/login-service";
import { writePasswordHash } from "@/lib/services/passwords/set-password";
import { aDomainWithMailboxes, aMailAccount } from "../support/factories";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { firstRow } from "@/db/rows";
import { readImportCsv } from "@/lib/services/import/read-csv";
import { applyImport } from "@/lib/services/import/run-import";
import { transaction } from "@/db/transaction";

let env: SeededDovecot;
/** One mailbox of the test's own per scheme, in its own database. */
let addresses: string[] = [];
beforeAll(async () => {
  env = await startSeededDovecot("kontor-imported-");
  addresses = (await aDomainWithMailboxes(env.db, 4, { localParts: ["sha512", "blf", "md5", "ssha"] })).mailboxes.map((m) => m.address);
});
afterAll(async () => {
  await env?.stop();
});

const OLD = "Alte-Passphrase-7!";
/** Made by `doveadm pw -s <scheme> -p 'Alte-Passphrase-7!'`. */
const HASHES = {
  "SHA512-CRYPT":
    "{SHA512-CRYPT}$6$wj1Y9CiyxdBcJnE2$QQMcKbX46.fttIWGLdhqeIptbgXdDWg7bvelJ7SDy7OhS3eP77.8.Xzm8NIimBxpCR2tCaabCieVpValtWdO..",
  "BLF-CRYPT": "{BLF-CRYPT}$2y$05$GcSQyZ.S8dvsBIYgqEUVxejtiS/olKVutAE0.Kp/v/9zmFY6hbM2e",
  "MD5-CRYPT": "{MD5-CRYPT}$1$aZjufBrO$AW4WoPoEOobKew4n/wo09/",
  SSHA512: "{SSHA512}oVHDebdqSmv/GhZk1wsQddEcSC+HOBHuRq64r3QfouWW1QLVhTpFtZjyd5SvjkI71oBfALx9C7vJXnb6oRS2bWsuB5w=",
};

async function* once(text: string) {
  yield new TextEncoder().encode(text);
}

describe("imported hashes at Dovecot", () => {
  it.each(Object.entries(HASHES).map(([scheme, hash], i) => [scheme, hash, i] as const))(
    "%s: the old password works at IMAP and submission at once, and after Kontor's upgrade to argon2id",
    async (_scheme, hash, i) => {
      const address = addresses[i];
      const box = await firstRow(env.db.select().from(schema.mailboxes).where(eq(schema.mailboxes.address, address)));
      expect(box).toBeDefined();
      if (!box) return;
      await transaction(env.db, async (tx) => await writePasswordHash(tx, { kind: "mailbox", id: box.id }, hash, { endSessions: true }));

      expect(await imapLogin(address, OLD, env.ports.imap)).toBe(true);
      expect(await submissionLogin(address, OLD, env.ports.submission)).toBe(true);
      expect(await imapLogin(address, `${OLD}x`, env.ports.imap)).toBe(false);

      const login = await attemptLogin({ area: "mailbox", identifier: address, password: OLD, ip: "192.0.2.44" }, env.db);
      expect(login.ok).toBe(true);
      const upgraded = await firstRow(env.db.select().from(schema.mailboxes).where(eq(schema.mailboxes.id, box.id)));
      expect(upgraded?.passwordHash).toMatch(/^\{ARGON2ID\}\$argon2id\$/);
      expect(await imapLogin(address, OLD, env.ports.imap)).toBe(true);
      expect(await imapLogin(address, `${OLD}x`, env.ports.imap)).toBe(false);
    },
  );

  it("a mail account imported with its old hash logs in at IMAP and submission at once, by its login and by a routed address", async () => {
    const world = await aMailAccount(env.db);
    const number = world.customer.customerNumber.toLowerCase();
    const routed = `umzug-konto@${world.domain.name}`;
    const csv = [
      "type,address,password,targets",
      `mail_account,.002,${HASHES["SHA512-CRYPT"]},`,
      `mail_account,.003,${HASHES["BLF-CRYPT"]},`,
      `account_address,${routed},,.002`,
    ].join("\n");
    const read = await readImportCsv(once(csv));
    const { report } = await applyImport(world.customer.actor, world.subscriptionId, read.rows, read.problems, {}, env.db);
    expect([report.problems, report.counts.create]).toEqual([[], 3]);
    for (const user of [`${number}.002`, routed, `${number}.003`]) {
      expect(await imapLogin(user, OLD, env.ports.imap), user).toBe(true);
      expect(await submissionLogin(user, OLD, env.ports.submission), user).toBe(true);
      expect(await imapLogin(user, `${OLD}x`, env.ports.imap), user).toBe(false);
    }
  });
});
