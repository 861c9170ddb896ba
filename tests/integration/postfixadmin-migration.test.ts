/**
 * A PostfixAdmin installation (SQLite from PostfixAdmin's own schema) migrated into a customer's
 * package: the mailboxes' old passwords work at Dovecot at once, in three schemes (SHA512-CRYPT,
 * MD5-CRYPT as PostfixAdmin's md5crypt stores it without prefix, BLF-CRYPT), over IMAP and SMTP
 * submission; a mailbox that was inactive there is refused until it is switched on.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import { postfixAdminRows, readPostfixAdmin } from "@/lib/services/import/postfixadmin";
import { applyImport } from "@/lib/services/import/run-import";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { postfixAdminSqlite } from "../support/postfixadmin-fixture";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { firstRow } from "@/db/rows";

let env: SeededDovecot;
beforeAll(async () => {
  env = await startSeededDovecot("kontor-pfa-");
});
afterAll(async () => {
  await env?.stop();
});

const OLD = "Alte-Passphrase-7!";

describe("PostfixAdmin migration", () => {
  it("keeps every mailbox's password working at Dovecot", async () => {
    const admin = await firstRow(env.db.select().from(schema.users).where(eq(schema.users.email, "admin@kontor.example")));
    const actor = admin && (await loadActor(env.db, "user", admin.id));
    const sub = await firstRow(env.db.select().from(schema.domains).where(eq(schema.domains.name, "citywerk.example")));
    expect(actor && sub).toBeTruthy();
    if (!actor || !sub) return;
    const { rows, vacations } = postfixAdminRows(readPostfixAdmin(postfixAdminSqlite()));
    const applied = await applyImport(actor, sub.subscriptionId, rows, [], { source: "postfixadmin", vacations }, env.db);
    expect(applied.report.counts.create).toBe(6);
    expect(applied.vacations).toBe(1);

    for (const address of ["chef@altfirma.example", "buero@altfirma.example"]) {
      expect(await imapLogin(address, OLD, env.ports.imap), address).toBe(true);
      expect(await submissionLogin(address, OLD, env.ports.submission), address).toBe(true);
      expect(await imapLogin(address, `${OLD}!`, env.ports.imap), address).toBe(false);
    }
    // Inactive in PostfixAdmin, so disabled here: Dovecot refuses it until it is switched on.
    expect(await imapLogin("lager@altfirma.example", OLD, env.ports.imap)).toBe(false);
    await env.db.update(schema.mailboxes).set({ enabled: true }).where(eq(schema.mailboxes.address, "lager@altfirma.example"));
    expect(await imapLogin("lager@altfirma.example", OLD, env.ports.imap)).toBe(true);
  });
});
