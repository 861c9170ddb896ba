import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/principals";
import { NotFoundError } from "@/lib/errors";
import {
  getOwnAutoresponder,
  getPanelAutoresponder,
  setOwnAutoresponder,
  setPanelAutoresponder,
} from "@/lib/services/autoresponder/autoresponder";
import { ownAutoresponderSchema, panelAutoresponderSchema } from "@/lib/validation/autoresponder";
import { aCustomer, aCustomerWithPanelPackages, emptyDb } from "../support/factories";
import { panelFixtures } from "./panel-fixtures";

let h: Awaited<ReturnType<typeof emptyDb>>;
let f: Awaited<ReturnType<typeof panelFixtures>>;
const ip = "192.0.2.9";
const KUNDE = "kunde@test.example";
const sieveDir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-vacation-unit-"));
const script = (address: string) => path.join(sieveDir, `${address}.sieve`);

beforeAll(() => {
  process.env.KONTOR_SIEVE_DIR = sieveDir;
});
afterAll(() => {
  delete process.env.KONTOR_SIEVE_DIR;
  fs.rmSync(sieveDir, { recursive: true, force: true });
});
beforeEach(async () => {
  h = await emptyDb();
  f = panelFixtures(h.db);
  await aCustomerWithPanelPackages(h.db, { contactEmail: KUNDE });
});

const form = (values: Record<string, string> = {}) => ({
  enabled: "on",
  subject: "Urlaub",
  body: "Bin weg.",
  startsOn: "",
  endsOn: "",
  intervalDays: "7",
  ...values,
});
const errors = (values: Record<string, string>) => {
  const r = ownAutoresponderSchema.safeParse(form(values));
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
};

describe("autoresponder validation", () => {
  it("puts each problem beside its field", () => {
    expect(errors({})).toEqual({});
    expect(errors({ startsOn: "2026-02-30" })).toEqual({ startsOn: "validation.date" });
    expect(errors({ endsOn: "morgen" })).toEqual({ endsOn: "validation.date" });
    expect(errors({ startsOn: "2026-12-24", endsOn: "2026-12-23" })).toEqual({ endsOn: "autoresponder.errors.endBeforeStart" });
    expect(errors({ body: "   " })).toEqual({ body: "autoresponder.errors.bodyRequired" });
    expect(errors({ body: "a\u0007b" })).toEqual({ body: "autoresponder.errors.textInvalid" });
    expect(errors({ subject: "a\r\nBcc: x@evil.example" })).toEqual({ subject: "autoresponder.errors.textInvalid" });
    expect(errors({ body: "x".repeat(5001) })).toEqual({ body: "autoresponder.errors.bodyTooLong" });
    expect(errors({ intervalDays: "0" })).toEqual({ intervalDays: "autoresponder.errors.intervalInvalid" });
    expect(errors({ intervalDays: "31" })).toEqual({ intervalDays: "autoresponder.errors.intervalInvalid" });
  });

  it("keeps a switched-off notice without text, and the same day as start and end", () => {
    const { enabled: _on, ...off } = form({ body: "" });
    expect(ownAutoresponderSchema.parse(off)).toMatchObject({ enabled: false, body: "" });
    expect(ownAutoresponderSchema.parse(form({ startsOn: "2028-02-29", endsOn: "2028-02-29" }))).toMatchObject({
      startsOn: "2028-02-29",
      endsOn: "2028-02-29",
    });
  });
});

describe("autoresponder services", () => {
  it("the mailbox user sets its own notice; the script gets the vacation rule, and loses it when switched off", async () => {
    const m = (await f.mailbox("info@alpenblick.example"))!;
    const me = (await loadActor(h.db, "mailbox", m.id))!;
    await setOwnAutoresponder(me, ownAutoresponderSchema.parse(form({ body: "Bis Montag.\r\nGrüße" })), ip, h.db);
    expect(await getOwnAutoresponder(me, h.db)).toMatchObject({
      enabled: true,
      subject: "Urlaub",
      body: "Bis Montag.\nGrüße",
      intervalDays: 7,
    });
    expect(fs.readFileSync(script(m.address), "utf8")).toContain('vacation :days 7 :subject "Urlaub" "Bis Montag.\nGrüße";');
    expect(await f.auditCount("mailbox.autoresponder.self", m.address)).toBe(1);
    const { enabled: _on, ...off } = form();
    await setOwnAutoresponder(me, ownAutoresponderSchema.parse(off), ip, h.db);
    expect(fs.existsSync(script(m.address))).toBe(false);
    expect(await getOwnAutoresponder(me, h.db)).toMatchObject({ enabled: false, body: "Bin weg." });
  });

  it("the customer sets it in the panel; another customer gets 404 and changes nothing", async () => {
    const kunde = await f.actorFor(KUNDE);
    const m = (await f.mailbox("info@alpenblick.example"))!;
    const d = await f.domain("alpenblick.example");
    const input = (values: Record<string, string> = {}) =>
      panelAutoresponderSchema.parse({ ...form(values), subscriptionId: String(d.subscriptionId), mailboxId: String(m.id) });
    await setPanelAutoresponder(kunde, input({ startsOn: "2030-01-01" }), { ip }, h.db);
    expect(await getPanelAutoresponder(kunde, d.subscriptionId, m.id, h.db)).toMatchObject({ enabled: true, startsOn: "2030-01-01" });
    expect(await f.auditCount("mailbox.autoresponder.update", m.address)).toBe(1);

    const other = await aCustomer(h.db, undefined, { contactEmail: "fremd@test.example" });
    const stranger = await f.actorFor("fremd@test.example");
    expect(other).toBeTruthy();
    await expect(async () => await setPanelAutoresponder(stranger, input({ body: "Gekapert." }), { ip }, h.db)).rejects.toThrow(
      NotFoundError,
    );
    await expect(async () => await getPanelAutoresponder(stranger, d.subscriptionId, m.id, h.db)).rejects.toThrow(NotFoundError);
    expect((await getPanelAutoresponder(kunde, d.subscriptionId, m.id, h.db)).body).toBe("Bin weg.");
  });
});
