/**
 * The autoresponder (Abwesenheitsnotiz) over the real mail path: mail comes in through Kontor's Postfix,
 * Dovecot's Sieve `vacation` answers, the reply leaves through Postfix and reaches the sink. One reply
 * per sender and interval, none outside the dates, none to lists or bulk mail. Runs its own Postfix,
 * Dovecot and sink on free ports over a seeded temp database, in which it builds its own customer.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { getPanelAutoresponder, setOwnAutoresponder, setPanelAutoresponder } from "@/lib/services/autoresponder/autoresponder";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { ownAutoresponderSchema, panelAutoresponderSchema } from "@/lib/validation/autoresponder";
import { waitForLanded, waitForSinkMail } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { aCustomerWithPackage } from "../support/factories";
import { smtpDialogue } from "../support/smtp-dialogue";

let env: SeededDovecot;
let customer: Actor;
let subscriptionId = 0;
let domainId = 0;
const ip = "192.0.2.78";
const PASSWORD = "Wacholder-Bucht-Lerche-58";
const run = Date.now().toString(36);

beforeAll(async () => {
  env = await startSeededDovecot("kontor-vacation-", { postfix: true });
  const sub = await aCustomerWithPackage(env.db, { domain: `urlaub-${run}.example`, package: { maxMailboxes: null } });
  customer = sub.customer.actor;
  ({ subscriptionId } = sub);
  domainId = sub.domain.id;
});

afterAll(async () => {
  await env?.stop();
});

let counter = 0;
async function newMailbox(prefix: string) {
  const localPart = `${prefix}-${run}-${counter++}`;
  return (await createMailbox(
    customer,
    { subscriptionId, domainId, localPart, quotaMb: null, newPassword: PASSWORD, confirmPassword: PASSWORD },
    { ip },
    env.db,
  ))!;
}

/** A calendar day `offset` days from today (the server's zone, as Sieve's currentdate sees it). */
function day(offset: number) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function form(values: Record<string, string>) {
  return { enabled: "on", subject: "", body: "", startsOn: "", endsOn: "", intervalDays: "1", ...values };
}

/** Sink files addressed to this recipient (the sink writes the envelope recipient as the first line). */
function repliesTo(rcpt: string) {
  return fs
    .readdirSync(env.sinkDir)
    .filter((n) => n.endsWith(".eml"))
    .map((n) => fs.readFileSync(path.join(env.sinkDir, n), "utf8"))
    .filter((raw) => raw.startsWith(`X-Sink-Rcpt-To: ${rcpt}\r\n`));
}

const send = (from: string, to: string, subject: string, headers?: Record<string, string>) =>
  smtpDialogue(env.postfixPort, { from, to: [to], subject, headers });

describe("autoresponder", () => {
  it("answers a sender once per interval, with the mailbox's subject and text, through Postfix", async () => {
    const box = await newMailbox("away");
    const actor = (await loadActor(env.db, "mailbox", box.id))!;
    await setOwnAutoresponder(
      actor,
      ownAutoresponderSchema.parse(
        form({ subject: `Abwesend ${run}`, body: "Ich bin bis Montag nicht im Büro.\nGrüße", startsOn: day(-1), endsOn: day(1) }),
      ),
      ip,
      env.db,
    );
    const sender = `traveller-${run}@outside.example`;
    expect((await send(sender, box.address, "vac-first")).data).toMatch(/^250 /);
    const reply = await waitForSinkMail(env.sinkDir, `Abwesend ${run}`);
    expect(reply).toContain(`X-Sink-Rcpt-To: ${sender}`);
    expect(reply).toContain("Auto-Submitted: auto-replied");
    expect(reply).toMatch(/^From: .*away-/m);
    // The second mail of the same sender lands, but gets no second answer within the interval.
    expect((await send(sender, box.address, "vac-second")).data).toMatch(/^250 /);
    await waitForLanded(env.ports.imap, box.address, PASSWORD, "vac-second");
    // A control sender's reply is sent after the second delivery: once it is there, any second reply would be too.
    const control = `control-${run}@outside.example`;
    await send(control, box.address, "vac-control");
    expect(await waitForSinkMail(env.sinkDir, `X-Sink-Rcpt-To: ${control}`)).not.toBeNull();
    expect(repliesTo(sender)).toHaveLength(1);
  });

  it("stays silent before the first day, after the last day, when off, and for lists and bulk mail", async () => {
    const later = await newMailbox("later");
    const over = await newMailbox("over");
    const off = await newMailbox("off");
    const active = await newMailbox("active");
    await setPanelAutoresponder(
      customer,
      panelAutoresponderSchema.parse({
        ...form({ body: "Später.", startsOn: day(2), endsOn: day(9) }),
        subscriptionId: String(subscriptionId),
        mailboxId: String(later.id),
      }),
      { ip },
      env.db,
    );
    await setPanelAutoresponder(
      customer,
      panelAutoresponderSchema.parse({
        ...form({ body: "Vorbei.", startsOn: day(-9), endsOn: day(-2) }),
        subscriptionId: String(subscriptionId),
        mailboxId: String(over.id),
      }),
      { ip },
      env.db,
    );
    const { enabled: _enabled, ...offForm } = form({ body: "Aus." });
    await setPanelAutoresponder(
      customer,
      panelAutoresponderSchema.parse({ ...offForm, subscriptionId: String(subscriptionId), mailboxId: String(off.id) }),
      { ip },
      env.db,
    );
    expect(await getPanelAutoresponder(customer, subscriptionId, off.id, env.db)).toMatchObject({ enabled: false, body: "Aus." });
    await setPanelAutoresponder(
      customer,
      panelAutoresponderSchema.parse({ ...form({ body: "Jetzt." }), subscriptionId: String(subscriptionId), mailboxId: String(active.id) }),
      { ip },
      env.db,
    );
    const quiet = `quiet-${run}@outside.example`;
    await send(quiet, later.address, "vac-later");
    await send(quiet, over.address, "vac-over");
    await send(quiet, off.address, "vac-off");
    await send(quiet, active.address, "vac-list", { "List-Id": "<news.outside.example>" });
    await send(quiet, active.address, "vac-bulk", { Precedence: "bulk" });
    for (const [box, subject] of [
      [later, "vac-later"],
      [over, "vac-over"],
      [off, "vac-off"],
      [active, "vac-bulk"],
    ] as const) {
      expect(await waitForLanded(env.ports.imap, box.address, PASSWORD, subject)).toHaveLength(1);
    }
    const control = `control2-${run}@outside.example`;
    await send(control, active.address, "vac-control2");
    expect(await waitForSinkMail(env.sinkDir, `X-Sink-Rcpt-To: ${control}`)).not.toBeNull();
    expect(repliesTo(quiet)).toEqual([]);
  });

  it("refuses an end before the start, beside the end field", () => {
    const r = ownAutoresponderSchema.safeParse(form({ body: "x", startsOn: day(5), endsOn: day(1) }));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endsOn", "autoresponder.errors.endBeforeStart"]]);
  });
});
