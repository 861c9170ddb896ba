/**
 * A password set in each panel layout's flow (the same service the "Einstellungen" form calls)
 * reaches Dovecot: IMAP and SMTP submission accept the new password at once and refuse the old one.
 * With KONTOR_DOVECOT_RUNNING=1 it uses the runner's Dovecot and database; otherwise it seeds a temp
 * database and starts its own Dovecot on free ports. It works on a customer of its own (factories),
 * with one subscription per panel layout, and on mailboxes it creates there and removes.
 */
import { eq } from "drizzle-orm";
import type { PanelKind } from "@/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import type { DovecotPorts } from "@/scripts/lib/dovecot-process";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { type RunnerDovecot, runnerOrOwnDovecot } from "../support/runner-dovecot";
import { firstRow } from "@/db/rows";
import { aCustomer, aCustomerWithPackage, aReseller, shareNumbering, type TestSubscription } from "../support/factories";

const OLD = "Ausgangslage-Kiesweg-Ufer-27";
let mail: RunnerDovecot | undefined;
let ports: DovecotPorts;
let db: Db;
let kunde: Actor;
/** The customer's subscription of each panel layout, each with a domain of its own. */
const subscriptions = new Map<PanelKind, TestSubscription>();
const created: { address: string; id: number; subscriptionId: number }[] = [];

beforeAll(async () => {
  mail = await runnerOrOwnDovecot("kontor-panel-");
  ({ db, ports } = mail);
  shareNumbering(db);
  const reseller = await aReseller(db);
  const customer = await aCustomer(db, reseller);
  for (const panel of ["plesk8", "plesk9", "plesk10"] as const) {
    subscriptions.set(panel, await aCustomerWithPackage(db, { reseller, customer, package: { panel } }));
  }
  kunde = customer.actor;
});

afterAll(async () => {
  for (const m of created) await deleteMailboxes(kunde, { subscriptionId: m.subscriptionId, mailboxIds: [m.id], confirmed: "yes" }, {}, db);
  await mail?.stop();
});

describe.each([
  ["plesk8", "Moorbirke-Nebelhorn-Fels-31"],
  ["plesk9", "Gamsbock-Latschen-Grat-52"],
  ["plesk10", "Ladenzeile-Markthalle-Tor-73"],
] as const)("%s subscription", (panel, next) => {
  it("sets the password through the panel service; IMAP and SMTP take the new one and refuse the old", async () => {
    const domainName = subscriptions.get(panel)?.domain.name ?? "";
    const domain = await firstRow(db.select().from(schema.domains).where(eq(schema.domains.name, domainName)));
    if (!domain) throw new Error(`no ${domainName}`);
    const pkg = await firstRow(
      db
        .select({ panel: schema.packages.panel })
        .from(schema.subscriptions)
        .innerJoin(schema.packages, eq(schema.subscriptions.packageId, schema.packages.id))
        .where(eq(schema.subscriptions.id, domain.subscriptionId)),
    );
    expect(pkg?.panel).toBe(panel);
    const localPart = `it-${panel}-${Math.random().toString(36).slice(2, 7)}`;
    const m = await createMailbox(
      kunde,
      { subscriptionId: domain.subscriptionId, domainId: domain.id, localPart, quotaMb: null, newPassword: OLD, confirmPassword: OLD },
      {},
      db,
    );
    if (!m) throw new Error("not created");
    created.push({ ...m, subscriptionId: domain.subscriptionId });
    expect(await imapLogin(m.address, OLD, ports.imap)).toBe(true);

    const result = await updateMailboxSettings(
      kunde,
      {
        subscriptionId: domain.subscriptionId,
        mailboxId: m.id,
        enabled: true,
        quotaMb: null,
        newPassword: next,
        confirmPassword: next,
      },
      { ip: "127.0.0.1" },
      db,
    );
    expect(result.passwordChanged).toBe(true);

    // Old password first: a cached success must not let it through.
    expect(await imapLogin(m.address, OLD, ports.imap)).toBe(false);
    expect(await submissionLogin(m.address, OLD, ports.submission)).toBe(false);
    expect(await imapLogin(m.address, next, ports.imap)).toBe(true);
    expect(await submissionLogin(m.address, next, ports.submission)).toBe(true);
  });
});
