/**
 * Targets naming an address that was deleted (lib/services/mail-targets/drop-targets.ts), on a database
 * of its own: the same customer's forwards and alias targets go (audited on the mailbox, Sieve script
 * rewritten), outside targets stay, and another customer's forward to the address stays. Covered for a
 * mailbox delete, an ended subscription (whole domains) and a deleted mail account's routed address.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, forwards, mailAliases } from "@/db/schema";
import { saveAlias } from "@/lib/services/aliases/save-alias";
import { deleteMailAccount } from "@/lib/services/mail-accounts/manage-mail-account";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { setForwarding } from "@/lib/services/mailboxes/set-forwarding";
import { endSubscription } from "@/lib/services/subscriptions/end-subscription";
import { aliasSchema } from "@/lib/validation/alias";
import { forwardingSchema } from "@/lib/validation/mailbox";
import { aCustomerWithPackage, aDomainWithMailboxes, aMailAccount, emptyDb, type TestDb } from "../support/factories";

let db: TestDb;
let sieveDir: string;
beforeAll(async () => {
  db = (await emptyDb()).db;
  sieveDir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-targets-"));
  process.env.KONTOR_SIEVE_DIR = path.join(sieveDir, "sieve");
  process.env.KONTOR_MAIL_ROOT = path.join(sieveDir, "mail");
});
afterAll(() => {
  delete process.env.KONTOR_SIEVE_DIR;
  delete process.env.KONTOR_MAIL_ROOT;
});

type Sub = Awaited<ReturnType<typeof aDomainWithMailboxes>>;

const forward = async (sub: Sub, index: number, targets: string[]) =>
  await setForwarding(
    sub.customer.actor,
    forwardingSchema.parse({
      subscriptionId: String(sub.subscriptionId),
      mailboxId: String(sub.mailboxes[index].id),
      targets: targets.join("\n"),
      keepCopy: "on",
    }),
    { ip: null },
    db,
  );
const targetsOf = async (mailboxId: number) =>
  (await db.select({ t: forwards.target }).from(forwards).where(eq(forwards.mailboxId, mailboxId)).orderBy(asc(forwards.target))).map(
    (r) => r.t,
  );
const script = (address: string) => fs.readFileSync(path.join(process.env.KONTOR_SIEVE_DIR ?? "", `${address}.sieve`), "utf8");
const audited = async (action: string, mailboxId: number) =>
  (
    await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.targetId, mailboxId)))
  ).map((r) => r.details);
const removals = (mailboxId: number) => audited("mailbox.forward.remove", mailboxId);

/** A customer with two subscriptions (A: two mailboxes, B: one), and another customer of another reseller. */
async function world() {
  const a = await aDomainWithMailboxes(db, 2);
  const b = await aDomainWithMailboxes(db, 1, { sub: await aCustomerWithPackage(db, { reseller: a.reseller, customer: a.customer }) });
  const other = await aDomainWithMailboxes(db, 1);
  return { a, b, other, a1: a.mailboxes[0].address, a2: a.mailboxes[1].address };
}

describe("targets naming a deleted address", () => {
  it("a deleted mailbox: the customer's forward and alias targets go, audited; outside and other customers' forwards stay", async () => {
    const { a, b, other, a1, a2 } = await world();
    await forward(b, 0, [a1, a2, "extern@example.net"]);
    await forward(other, 0, [a1]);
    await saveAlias(
      b.customer.actor,
      aliasSchema.parse({ subscriptionId: String(b.subscriptionId), domainId: String(b.domain.id), localPart: "team", targets: a1 }),
      { ip: null },
      db,
    );
    expect(script(b.mailboxes[0].address)).toContain(a1);

    await deleteMailboxes(
      a.customer.actor,
      { subscriptionId: a.subscriptionId, mailboxIds: [a.mailboxes[0].id], confirmed: "yes" },
      { ip: null },
      db,
    );

    expect(await targetsOf(b.mailboxes[0].id)).toEqual([a2, "extern@example.net"].sort());
    expect(script(b.mailboxes[0].address)).not.toContain(a1);
    expect(await removals(b.mailboxes[0].id)).toEqual([{ target: a1, reason: "address_deleted" }]);
    // The alias had no other target: it went too.
    expect(
      await db
        .select()
        .from(mailAliases)
        .where(eq(mailAliases.address, `team@${b.domain.name}`)),
    ).toEqual([]);
    // Another customer's forward is an outside address to them: untouched, and nothing in their audit trail.
    expect(await targetsOf(other.mailboxes[0].id)).toEqual([a1]);
    expect(await removals(other.mailboxes[0].id)).toEqual([]);
  });

  it("an ended subscription: every forward of the customer into its domains goes", async () => {
    const { a, b, other, a1, a2 } = await world();
    await forward(b, 0, [a1, `nobody@${a.domain.name}`, "extern@example.net"]);
    await forward(other, 0, [a2]);

    await endSubscription(a.reseller.actor, a.subscriptionId, null, db);

    expect(await targetsOf(b.mailboxes[0].id)).toEqual(["extern@example.net"]);
    expect((await removals(b.mailboxes[0].id)).map((d) => (d as { target: string }).target).sort()).toEqual(
      [a1, `nobody@${a.domain.name}`].sort(),
    );
    expect(await targetsOf(other.mailboxes[0].id)).toEqual([a2]);
  });

  it("a deleted mail account: forwards to its routed address go", async () => {
    const accounts = await aMailAccount(db, { extraAccounts: 1 });
    const panel = await aDomainWithMailboxes(db, 1, {
      sub: await aCustomerWithPackage(db, { reseller: accounts.reseller, customer: accounts.customer }),
    });
    const routed = `konto2@${accounts.domain.name}`;
    await forward(panel, 0, [routed, "extern@example.net"]);

    await deleteMailAccount(accounts.admin.actor, accounts.accounts[0].id, null, db);

    expect(await targetsOf(panel.mailboxes[0].id)).toEqual(["extern@example.net"]);
  });

  it("a deleted mailbox: forwards to its sub-addresses (name+tag@) go too; a longer name with the same start stays", async () => {
    const { a, b, a1 } = await world();
    const [local, domain] = a1.split("@");
    const tagged = `${local}+news@${domain}`;
    const longer = `${local}x@${domain}`;
    await forward(b, 0, [tagged, longer]);

    await deleteMailboxes(
      a.customer.actor,
      { subscriptionId: a.subscriptionId, mailboxIds: [a.mailboxes[0].id], confirmed: "yes" },
      { ip: null },
      db,
    );

    expect(await targetsOf(b.mailboxes[0].id)).toEqual([longer]);
    expect(await removals(b.mailboxes[0].id)).toEqual([{ target: tagged, reason: "address_deleted" }]);
    expect(script(b.mailboxes[0].address)).not.toContain(tagged);
  });
});

describe("targets naming a renamed alias", () => {
  const alias = async (sub: Sub, localPart: string, targets: string, aliasId?: number) =>
    await saveAlias(
      sub.customer.actor,
      aliasSchema.parse({
        subscriptionId: String(sub.subscriptionId),
        domainId: String(sub.domain.id),
        ...(aliasId ? { aliasId: String(aliasId) } : {}),
        localPart,
        targets,
      }),
      { ip: null },
      db,
    );
  const additions = (mailboxId: number) => audited("mailbox.forward.add", mailboxId);

  it("the customer's forwards follow the new address (tags kept, audited, Sieve rewritten); another customer's stay", async () => {
    const { a, b, other, a1 } = await world();
    const saved = await alias(a, "vertrieb", a1);
    const old = `vertrieb@${a.domain.name}`;
    const renamed = `verkauf@${a.domain.name}`;
    await forward(b, 0, [old, `vertrieb+messe@${a.domain.name}`, "extern@example.net"]);
    await forward(other, 0, [old]);

    await alias(a, "verkauf", a1, saved?.id);

    expect(await targetsOf(b.mailboxes[0].id)).toEqual(["extern@example.net", `verkauf+messe@${a.domain.name}`, renamed].sort());
    expect(script(b.mailboxes[0].address)).toContain(renamed);
    expect(script(b.mailboxes[0].address)).not.toContain(old);
    expect(await removals(b.mailboxes[0].id)).toEqual(
      expect.arrayContaining([
        { target: old, reason: "address_renamed" },
        { target: `vertrieb+messe@${a.domain.name}`, reason: "address_renamed" },
      ]),
    );
    expect(await additions(b.mailboxes[0].id)).toEqual(
      expect.arrayContaining([
        { target: renamed, reason: "address_renamed" },
        { target: `verkauf+messe@${a.domain.name}`, reason: "address_renamed" },
      ]),
    );
    expect(await targetsOf(other.mailboxes[0].id)).toEqual([old]);
  });

  it("a mailbox that forwarded to both the old and the new address keeps one forward", async () => {
    const { a, b, a1 } = await world();
    const saved = await alias(a, "info", a1);
    const renamed = `kontakt@${a.domain.name}`;
    await forward(b, 0, [`info@${a.domain.name}`, renamed]);

    await alias(a, "kontakt", a1, saved?.id);

    expect(await targetsOf(b.mailboxes[0].id)).toEqual([renamed]);
  });
});
