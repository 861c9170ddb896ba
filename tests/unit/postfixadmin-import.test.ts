/**
 * PostfixAdmin migration: the same data read from a SQLite database built from PostfixAdmin's own
 * schema (tests/fixtures/postfixadmin/schema-sqlite.sql, made by its upgrade.php) and from a MySQL
 * dump gives the same import lines; the dry run and apply put domains, mailboxes with their hashes,
 * aliases and forwarding into the chosen customer's subscription.
 */
import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { autoresponders, forwards, mailAliases, mailboxes } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { postfixAdminRows, readPostfixAdmin } from "@/lib/services/import/postfixadmin";
import { applyImport, dryRunImport } from "@/lib/services/import/run-import";
import { aCustomerWithPackage, emptyDb } from "../support/factories";
import { POSTFIXADMIN_FIXTURES, postfixAdminSqlite } from "../support/postfixadmin-fixture";
import { firstRow } from "@/db/rows";

const FIXTURES = POSTFIXADMIN_FIXTURES;

describe("reading PostfixAdmin", () => {
  it("reads the same lines from SQLite and from a MySQL dump", () => {
    const fromSqlite = postfixAdminRows(readPostfixAdmin(postfixAdminSqlite()));
    const fromDump = postfixAdminRows(readPostfixAdmin(path.join(FIXTURES, "mysql-dump.sql")));
    expect(fromDump.rows).toEqual(fromSqlite.rows);
    expect(fromSqlite.rows.map((r) => [r.cells.type, r.cells.address, r.cells.quota_mb, r.cells.enabled, r.cells.targets])).toEqual([
      ["domain", "altfirma.example", "", "", ""],
      ["mailbox", "chef@altfirma.example", "100", "yes", ""],
      ["mailbox", "buero@altfirma.example", "", "yes", ""],
      ["mailbox", "lager@altfirma.example", "50", "no", ""],
      ["forward", "buero@altfirma.example", "", "", "extern@example.net"],
      ["alias", "info@altfirma.example", "", "", "chef@altfirma.example buero@altfirma.example"],
    ]);
    expect(fromSqlite.skipped).toEqual([
      { reason: "backupMx", name: "backup.example" },
      { reason: "inactive", name: "alt@altfirma.example" },
    ]);
    expect(fromDump.vacations).toEqual([
      {
        email: "chef@altfirma.example",
        subject: "Im Urlaub",
        body: "Ich bin bis Montag nicht da.\nIn dringenden Fällen: buero@altfirma.example",
        active: true,
        startsOn: null,
        endsOn: null,
        intervalDays: 7,
      },
    ]);
  });

  it("reads pg_dump's text escapes, NULLs, booleans and time zones as the live database gives them", () => {
    // Hand-written in pg_dump's forms; the real pg_dump's output is read in tests/integration/postfixadmin-migration.test.ts.
    const dump = [
      "-- PostgreSQL database dump",
      "CREATE TABLE public.vacation (",
      "    email character varying(255) NOT NULL,",
      "    subject character varying(255) NOT NULL,",
      "    body text DEFAULT ''::text NOT NULL,",
      "    active boolean DEFAULT true NOT NULL,",
      "    activefrom timestamp with time zone DEFAULT '2000-01-01 00:00:00+00'::timestamp with time zone,",
      "    interval_time integer DEFAULT 0 NOT NULL",
      ");",
      "COPY public.vacation (email, subject, body, active, activefrom, interval_time) FROM stdin;",
      "a@x.example\tWeg\\\\Urlaub\tZeile 1\\\\nZeile 2\\nZeile 3\tf\t2026-07-01 02:00:00+02\t86400",
      "\\.",
      "INSERT INTO public.vacation (email, subject, body, active, activefrom, interval_time) VALUES ('b@x.example', 'It''s me', 'C:\\pfad', true, NULL, 0);",
      "INSERT INTO public.vacation VALUES ('c@x.example', '', '', false, '2026-07-01 00:00:00-05', 3);",
    ].join("\n");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pfa-pgdump-")), "pfa.sql");
    fs.writeFileSync(file, dump);
    expect(readPostfixAdmin(file).vacation).toEqual([
      {
        email: "a@x.example",
        subject: "Weg\\Urlaub",
        body: "Zeile 1\\nZeile 2\nZeile 3",
        active: 0,
        activefrom: "2026-07-01 00:00:00",
        interval_time: 86400,
      },
      { email: "b@x.example", subject: "It's me", body: "C:\\pfad", active: 1, activefrom: null, interval_time: 0 },
      { email: "c@x.example", subject: "", body: "", active: 0, activefrom: "2026-07-01 05:00:00", interval_time: 3 },
    ]);
  });

  it("imports into the chosen subscription with the hashes as they were; weak ones are listed", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db, { package: { maxMailboxes: 10 } });
    const { rows, vacations } = postfixAdminRows(readPostfixAdmin(path.join(FIXTURES, "mysql-dump.sql")));
    const report = await dryRunImport(sub.reseller.actor, sub.subscriptionId, rows, [], db);
    expect(report.problems).toEqual([]);
    expect(report.weakHashes).toEqual([{ line: 3, address: "buero@altfirma.example", scheme: "MD5-CRYPT" }]);
    const applied = await applyImport(sub.reseller.actor, sub.subscriptionId, rows, [], { source: "postfixadmin", vacations }, db);
    expect(applied.vacations).toBe(1);
    const box = async (a: string) => (await firstRow(db.select().from(mailboxes).where(eq(mailboxes.address, a))))!;
    expect((await box("buero@altfirma.example")).passwordHash).toBe("{MD5-CRYPT}$1$aZjufBrO$AW4WoPoEOobKew4n/wo09/");
    expect(await box("lager@altfirma.example")).toMatchObject({ enabled: false, quotaMb: 50, customerId: sub.customer.id });
    for (const a of ["chef", "buero", "lager"])
      expect(await verifyPassword((await box(`${a}@altfirma.example`)).passwordHash, "Alte-Passphrase-7!")).toBe(true);
    expect(
      (
        await db
          .select()
          .from(forwards)
          .where(eq(forwards.mailboxId, (await box("buero@altfirma.example")).id))
      ).map((f) => f.target),
    ).toEqual(["extern@example.net"]);
    expect(
      await firstRow(
        db
          .select()
          .from(autoresponders)
          .where(eq(autoresponders.mailboxId, (await box("chef@altfirma.example")).id)),
      ),
    ).toMatchObject({
      enabled: true,
      subject: "Im Urlaub",
      customerId: sub.customer.id,
    });
    expect((await firstRow(db.select().from(mailAliases).where(eq(mailAliases.address, "info@altfirma.example"))))?.customerId).toBe(
      sub.customer.id,
    );
  });
});

describe("addresses Kontor does not create", () => {
  it("reports a PostfixAdmin mailbox with + by its line and name, since + is Kontor's sub-address delimiter", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db, { package: { maxMailboxes: 10 } });
    const data = readPostfixAdmin(postfixAdminSqlite());
    data.mailbox.push({ ...data.mailbox[0], username: "news+alt@altfirma.example", local_part: "news+alt" });
    const { rows, labels } = postfixAdminRows(data);
    const report = await dryRunImport(sub.reseller.actor, sub.subscriptionId, rows, [], db);
    expect(report.problems.map((p) => [labels.get(p.line), p.code])).toEqual([
      ["mailbox news+alt@altfirma.example", "import.problems.addressPlus"],
    ]);
  });
});
