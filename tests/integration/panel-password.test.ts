/**
 * A password set in each panel layout's flow (the same service the "Einstellungen" form calls)
 * reaches Dovecot: IMAP and SMTP submission accept the new password at once and refuse the old one.
 * With KONTOR_DOVECOT_RUNNING=1 it uses the runner's Dovecot and database; otherwise it seeds a temp
 * database and starts its own Dovecot on free ports. It works on mailboxes it creates and removes.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import type { DovecotPorts } from "@/scripts/lib/dovecot-process";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { type RunnerDovecot, runnerOrOwnDovecot } from "../support/runner-dovecot";
import { firstRow } from "@/db/rows";

const OLD = "Ausgangslage-Kiesweg-Ufer-27";
let mail: RunnerDovecot | undefined;
let ports: DovecotPorts;
let db: Db;
let kunde: Actor;
const created: { address: string; id: number; subscriptionId: number }[] = [];

beforeAll(async () => {
  mail = await runnerOrOwnDovecot("kontor-panel-");
  ({ db, ports } = mail);
  const user = await firstRow(db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, "kunde@kontor.example")));
  const actor = user && (await loadActor(db, "user", user.id));
  if (!actor) throw new Error("demo customer missing");
  kunde = actor;
});

afterAll(async () => {
  for (const m of created) await deleteMailboxes(kunde, { subscriptionId: m.subscriptionId, mailboxIds: [m.id], confirmed: "yes" }, {}, db);
  await mail?.stop();
});

describe.each([
  ["plesk8", "alpenblick.example", "Moorbirke-Nebelhorn-Fels-31"],
  ["plesk9", "bergsee.example", "Gamsbock-Latschen-Grat-52"],
  ["plesk10", "citywerk.example", "Ladenzeile-Markthalle-Tor-73"],
])("%s subscription (%s)", (panel, domainName, next) => {
  it("sets the password through the panel service; IMAP and SMTP take the new one and refuse the old", async () => {
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
