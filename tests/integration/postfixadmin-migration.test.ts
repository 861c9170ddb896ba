/**
 * A PostfixAdmin installation (SQLite and PostgreSQL, each from PostfixAdmin's own schema; the
 * PostgreSQL one on a server of the test's own) migrated into a customer's package: both databases
 * give the same lines; the mailboxes' old passwords work at Dovecot at once, in three schemes (SHA512-CRYPT,
 * MD5-CRYPT as PostfixAdmin's md5crypt stores it without prefix, BLF-CRYPT), over IMAP and SMTP
 * submission; a mailbox that was inactive there is refused until it is switched on. pg_dump's plain SQL
 * of the PostgreSQL one (made by the real pg_dump, as COPY and as INSERTs) is read without a server and
 * gives the same lines; its custom format (-Fc) is read through pg_restore, with a clear refusal when
 * pg_restore is missing or the dump is cut off. The admin who imports and the customer's package are the
 * test's own (factories).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { PostfixAdminReadError, postfixAdminRows, readPostfixAdmin } from "@/lib/services/import/postfixadmin";
import { readPostfixAdminPostgres } from "@/lib/services/import/postfixadmin-pg";
import { applyImport } from "@/lib/services/import/run-import";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { type OwnPostgres, startOwnPostgres } from "../support/own-postgres";
import { postfixAdminPostgres, postfixAdminSqlite } from "../support/postfixadmin-fixture";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { aCustomerWithPackage, anAdmin } from "../support/factories";
import { postgresBinDir } from "@/scripts/lib/postgres-process";

let env: SeededDovecot;
let own: OwnPostgres;
/** PostfixAdmin's PostgreSQL database on the test's own server. */
let pfaUrl: string;
beforeAll(async () => {
  env = await startSeededDovecot("kontor-pfa-");
  own = await startOwnPostgres("kontor-pfa-pg-");
  pfaUrl = await postfixAdminPostgres(own);
});
afterAll(async () => {
  await env?.stop();
  await own?.stop();
});

const OLD = "Alte-Passphrase-7!";

describe("PostfixAdmin migration", () => {
  it("keeps every mailbox's password working at Dovecot", async () => {
    const actor = await anAdmin(env.db);
    // A package without limits on domains and forwards, as PostfixAdmin has none (the demo's "Business").
    const sub = await aCustomerWithPackage(env.db, {
      package: { panel: "plesk10", maxDomains: null, maxMailboxes: 200, mailboxQuotaMb: 5120, maxForwards: null },
    });
    const fromPostgres = postfixAdminRows(await readPostfixAdminPostgres(pfaUrl));
    const fromSqlite = postfixAdminRows(readPostfixAdmin(postfixAdminSqlite()));
    // PostgreSQL's booleans and timestamps read as the SQLite file's 1/0 and dates: the same lines.
    expect(fromPostgres).toEqual(fromSqlite);
    const { rows, vacations } = fromPostgres;
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

  it.each([
    { form: "COPY (pg_dump's default)", flags: [] as string[] },
    { form: "--inserts", flags: ["--inserts"] },
    { form: "--column-inserts", flags: ["--column-inserts"] },
  ])("reads real pg_dump plain SQL of that database without a PostgreSQL: $form gives the same lines", ({ flags }) => {
    const pgDump = path.join(postgresBinDir() ?? "/usr/bin", "pg_dump");
    const file = path.join(own.baseDir, `pfa-${flags.join("") || "copy"}.sql`);
    // Another time zone than the server's: the dump's timestamps carry their offset, and read as the same instants.
    execFileSync(pgDump, [...flags, "--no-owner", "--file", file, pfaUrl], { env: { ...process.env, PGTZ: "America/New_York" } });
    expect(fs.readFileSync(file, "utf8")).toMatch(flags.length ? /^INSERT INTO public\.mailbox /m : /^COPY public\.mailbox /m);
    expect(postfixAdminRows(readPostfixAdmin(file))).toEqual(postfixAdminRows(readPostfixAdmin(postfixAdminSqlite())));
  });

  it("reads pg_dump's custom format (-Fc) through pg_restore, and says so when pg_restore is missing or the file is broken", () => {
    const pgDump = path.join(postgresBinDir() ?? "/usr/bin", "pg_dump");
    const file = path.join(own.baseDir, "pfa.dump");
    execFileSync(pgDump, ["--format=custom", "--no-owner", "--file", file, pfaUrl]);
    expect(fs.readFileSync(file).subarray(0, 5).toString("latin1")).toBe("PGDMP");
    expect(postfixAdminRows(readPostfixAdmin(file))).toEqual(postfixAdminRows(readPostfixAdmin(postfixAdminSqlite())));

    const errorOf = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        return error;
      }
      return null;
    };
    // Cut off after its header, as an interrupted copy leaves it: pg_restore refuses it, and its words come along.
    const broken = path.join(own.baseDir, "pfa-cut.dump");
    fs.writeFileSync(broken, fs.readFileSync(file).subarray(0, 300));
    const cut = errorOf(() => readPostfixAdmin(broken));
    expect(cut).toBeInstanceOf(PostfixAdminReadError);
    expect((cut as PostfixAdminReadError).message).toBe("import.problems.pgRestoreFailed");
    expect((cut as PostfixAdminReadError).detail).toMatch(/pg_restore/);
    // A system without PostgreSQL's client tools: no pg_restore on the PATH.
    const path0 = process.env.PATH;
    process.env.PATH = path.join(own.baseDir, "no-tools");
    try {
      expect((errorOf(() => readPostfixAdmin(file)) as Error | null)?.message).toBe("import.problems.pgRestoreMissing");
    } finally {
      process.env.PATH = path0;
    }
  });
});
