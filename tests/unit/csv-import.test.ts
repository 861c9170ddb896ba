/**
 * CSV import: the streaming reader (encoding, binary, header, separators, line numbers), the dry run
 * (every problem with its line, nothing written), apply in one transaction (a bad line writes
 * nothing), package limits and tenant scope, hashes kept as they are, generated passwords returned once.
 */
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, domains, forwards, mailAliases, mailboxes } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { NotFoundError } from "@/lib/errors";
import { readImportCsv } from "@/lib/services/import/read-csv";
import { applyImport, dryRunImport, ImportRefused } from "@/lib/services/import/run-import";
import { aCustomerWithPackage, aDomainWithMailboxes, emptyDb, type TestDb, type TestSubscription } from "../support/factories";
import { firstRow } from "@/db/rows";
import { SHA512_HASH } from "../support/import-files";

const MD5 = "{MD5-CRYPT}$1$aZjufBrO$AW4WoPoEOobKew4n/wo09/";
const OLD = "Alte-Passphrase-7!";
const STRONG = "Kiefernzapfen-Leuchtturm-Nebel-47";

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield typeof p === "string" ? new TextEncoder().encode(p) : p;
}
const read = (...parts: (string | Uint8Array)[]) => readImportCsv(chunks(...parts));

const codes = (ps: { line: number; code: string }[]) => ps.map((p) => [p.line, p.code.replace("import.problems.", "")]);

function fileFor(sub: TestSubscription, extra = "") {
  const d = `neu${sub.subscriptionId}.example`;
  return [
    "type,address,password,quota_mb,enabled,targets",
    `domain,${d},,,,`,
    `mailbox,info@${d},${STRONG},100,yes,`,
    `mailbox,alt@${d},${SHA512_HASH},,ja,`,
    `mailbox,gen@${d},generate,,,`,
    `alias,kontakt@${d},,,,info@${d} alt@${d}`,
    `forward,info@${d},,,,extern@example.net`,
    extra,
  ].join("\n");
}

async function counts(db: TestDb, sub: TestSubscription) {
  const n = (q: { n: number } | undefined) => q?.n ?? 0;
  return {
    domains: n(await firstRow(db.select({ n: count() }).from(domains).where(eq(domains.subscriptionId, sub.subscriptionId)))),
    mailboxes: n(await firstRow(db.select({ n: count() }).from(mailboxes).where(eq(mailboxes.customerId, sub.customer.id)))),
    aliases: n(await firstRow(db.select({ n: count() }).from(mailAliases).where(eq(mailAliases.customerId, sub.customer.id)))),
    forwards: n(await firstRow(db.select({ n: count() }).from(forwards).where(eq(forwards.customerId, sub.customer.id)))),
  };
}

describe("reading the file", () => {
  it("reads a header in any order, `;` as separator, quoted cells and a BOM, with line numbers", async () => {
    const r = await read('\uFEFFaddress;type;targets\n\n"a@b.example";mailbox;\n', 'x@b.example;alias;"c@d.example; e@f.example"\n');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.cells.type, x.cells.address, x.cells.targets])).toEqual([
      [3, "mailbox", "a@b.example", ""],
      [4, "alias", "x@b.example", "c@d.example; e@f.example"],
    ]);
  });

  it("refuses broken UTF-8 with the line it is on, binary files, and unknown columns", async () => {
    const broken = await read("type,address\nmailbox,a@b.example\nmailbox,", new Uint8Array([0xc3, 0x28]), "@b.example\n");
    expect(codes(broken.problems)).toEqual([[3, "brokenEncoding"]]);
    expect(codes((await read("type,address\n", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).problems)).toEqual([[0, "binary"]]);
    const header = await read("type,address,passwort\nmailbox,a@b.example,x\n");
    expect(header.problems).toEqual([{ line: 1, code: "import.problems.unknownColumn", params: { column: "passwort" } }]);
    expect(codes((await read("")).problems)).toEqual([[1, "empty"]]);
  });
});

describe("dry run and apply", () => {
  it("previews every line without writing, then applies exactly that in one go", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db, { package: { maxMailboxes: 10, maxDomains: 5 } });
    const csv = await read(fileFor(sub));
    expect(csv.problems).toEqual([]);
    const before = await counts(db, sub);
    const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, csv.rows, [], db);
    expect(report.problems).toEqual([]);
    expect(report.rows.map((r) => [r.line, r.kind, r.op])).toEqual([
      [2, "domain", "create"],
      [3, "mailbox", "create"],
      [4, "mailbox", "create"],
      [5, "mailbox", "create"],
      [6, "alias", "create"],
      [7, "forward", "create"],
    ]);
    expect(JSON.stringify(report)).not.toContain(STRONG);
    expect(JSON.stringify(report)).not.toContain("$6$");
    expect(await counts(db, sub)).toEqual(before);

    const { generated } = await applyImport(sub.customer.actor, sub.subscriptionId, csv.rows, [], { ip: "192.0.2.5" }, db);
    expect(await counts(db, sub)).toEqual({
      domains: before.domains + 1,
      mailboxes: before.mailboxes + 3,
      aliases: before.aliases + 1,
      forwards: before.forwards + 1,
    });
    const box = async (local: string) =>
      (await firstRow(
        db
          .select()
          .from(mailboxes)
          .where(eq(mailboxes.address, `${local}@neu${sub.subscriptionId}.example`)),
      ))!;
    expect((await box("alt")).passwordHash).toBe(SHA512_HASH);
    expect((await box("info")).passwordHash).toMatch(/^\{ARGON2ID\}/);
    expect((await box("info")).quotaMb).toBe(100);
    expect(await verifyPassword((await box("info")).passwordHash, STRONG)).toBe(true);
    expect(generated).toHaveLength(1);
    expect(await verifyPassword((await box("gen")).passwordHash, generated[0].password)).toBe(true);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "import.apply"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(generated[0].password);
  });

  it("lists every problem with its line; apply of such a file writes nothing", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db);
    const other = await aCustomerWithPackage(db);
    const d = `neu${sub.subscriptionId}.example`;
    const extra = [
      `mailbox,info@${d},${STRONG},,,`,
      `mailbox,x@unbekannt.example,${STRONG},,,`,
      `mailbox,y@${other.domain.name},${STRONG},,,`,
      `mailbox,schwach@${d},passwort,,,`,
      `mailbox,alt2@${d},{NTLM}8846F7EAEE8FB117AD06BDD830B7586C,,,`,
      `mailbox,q@${d},${STRONG},99999,,`,
      `domain,${other.domain.name},,,,`,
      `alias,a@${d},,,,=HYPERLINK("http://evil.example")`,
      `gruppe,z@${d},,,,`,
      `mailbox,news+x@${d},${STRONG},,,`,
      `alias,team+x@${d},,,,info@${d}`,
      `forward,info+x@${d},,,,extern@example.net`,
    ].join("\n");
    const csv = await read(fileFor(sub, extra));
    const before = await counts(db, sub);
    const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, csv.rows, csv.problems, db);
    expect(codes(report.problems)).toEqual([
      [8, "duplicateLine"],
      [9, "unknownDomain"],
      [10, "domainNotInSubscription"],
      [11, "weakPassword"],
      [12, "unknownScheme"],
      [13, "quotaTooLarge"],
      [14, "domainTaken"],
      [15, "targetInvalid"],
      [16, "unknownType"],
      // "+" is the sub-address delimiter (lib/validation/local-part.ts): no new address may hold it.
      [17, "addressPlus"],
      [18, "addressPlus"],
      [19, "addressPlus"],
    ]);
    expect(report.problems[0].params).toEqual({ first: 3 });
    expect(report.problems[9].params).toEqual({ value: `news+x@${d}` });
    const refused = await applyImport(sub.customer.actor, sub.subscriptionId, csv.rows, [], {}, db).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefused);
    expect(await counts(db, sub)).toEqual(before);
  });

  it("holds the package's mailbox limit and marks weak hashes", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 1, { package: { maxMailboxes: 2 } });
    const rows = (
      await read(["type,address,password", `mailbox,a@${sub.domain.name},${MD5}`, `mailbox,b@${sub.domain.name},${SHA512_HASH}`].join("\n"))
    ).rows;
    const report = await dryRunImport(sub.customer.actor, sub.subscriptionId, rows, [], db);
    expect(codes(report.problems)).toEqual([[3, "mailboxLimit"]]);
    expect(report.weakHashes).toEqual([{ line: 2, address: `a@${sub.domain.name}`, scheme: "MD5-CRYPT" }]);
  });

  it("keeps tenants apart: another customer's subscription is not found, for a customer and a foreign reseller", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db);
    const other = await aCustomerWithPackage(db);
    const rows = (await read(`type,address,password\nmailbox,n@${sub.domain.name},${STRONG}`)).rows;
    await expect(async () => await dryRunImport(other.customer.actor, sub.subscriptionId, rows, [], db)).rejects.toThrow(NotFoundError);
    await expect(async () => await dryRunImport(other.reseller.actor, sub.subscriptionId, rows, [], db)).rejects.toThrow(NotFoundError);
    expect((await dryRunImport(sub.reseller.actor, sub.subscriptionId, rows, [], db)).problems).toEqual([]);
  });

  it("changes an existing mailbox's quota and password hash (the session version moves on)", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 1);
    const address = sub.mailboxes[0].address;
    const before = (await firstRow(db.select().from(mailboxes).where(eq(mailboxes.address, address))))!;
    const rows = (await read(`type,address,password,quota_mb,enabled\nmailbox,${address},${SHA512_HASH},50,no`)).rows;
    const { report } = await applyImport(sub.customer.actor, sub.subscriptionId, rows, [], {}, db);
    expect(report.counts.change).toBe(1);
    const after = (await firstRow(db.select().from(mailboxes).where(eq(mailboxes.address, address))))!;
    expect(after).toMatchObject({ passwordHash: SHA512_HASH, quotaMb: 50, enabled: false, sessionVersion: before.sessionVersion + 1 });
    expect(await verifyPassword(after.passwordHash, OLD)).toBe(true);
  });
});
