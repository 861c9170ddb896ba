/**
 * The panel's server actions called as a crafted POST would call them: the real defineAction wrapper,
 * validation and services, with a real session cookie per actor (tests/support/request-session.ts);
 * only Next's request scope, next-auth's cookie renewal and the translations are stood in for.
 * Another tenant's ids answer "not found" and change nothing; a customer's own call works.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { mailboxes } from "@/db/schema";
import { IDLE } from "@/lib/actions/action-state";
import { verifyPassword } from "@/lib/auth/password-hash";
import type { Actor } from "@/lib/authz/actor";
import { actorOf, aMailAccount, emptyDb, type TestDb } from "../support/factories";
import { logInAs } from "../support/request-session";
import { type CustomerKey, NEW_PASSWORD, panelFixtures, threeCustomers } from "./panel-fixtures";

const state = vi.hoisted((): { db: unknown } => ({ db: undefined }));
vi.mock("@/db", () => ({ getDb: () => state.db }));
vi.mock("next/headers", async () => (await import("../support/request-session")).nextHeaders());
// next-auth's handle: renewing the cookie needs Next's request scope (reading it does not: read-session.ts).
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));
vi.mock("@/lib/auth/client-ip", () => ({ clientIp: async () => "192.0.2.7" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next-intl/server", () => ({ getTranslations: async () => Object.assign((key: string) => key, { has: () => true }) }));

const actions = await import("@/app/(panel)/panel/[subscriptionId]/mail/actions");

let h: { db: TestDb };
let f: Awaited<ReturnType<typeof panelFixtures>>;
let customers: Record<CustomerKey, Actor>;
beforeAll(async () => {
  h = await emptyDb();
  state.db = h.db;
  f = panelFixtures(h.db);
  customers = await threeCustomers(h.db);
});

const form = (fields: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) fd.append(k, item);
  return fd;
};
const as = (key: CustomerKey) => logInAs(customers[key]);

describe("panel actions", () => {
  it("set a password for the customer's own mailbox and report it", async () => {
    await as("kunde");
    const m = await f.mailbox("info@citywerk.example");
    const sub = String((await f.domain("citywerk.example")).subscriptionId);
    const result = await actions.updateMailboxSettingsAction(
      IDLE,
      form({
        subscriptionId: sub,
        mailboxId: String(m?.id),
        enabled: "on",
        quotaMb: String(m?.quotaMb),
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
    );
    expect(result).toMatchObject({ status: "success", data: { passwordChanged: "1" } });
    expect(await verifyPassword((await f.mailbox("info@citywerk.example"))?.passwordHash ?? "", NEW_PASSWORD)).toBe(true);
  });

  it("put a mismatch beside the confirmation field and write nothing", async () => {
    await as("kunde");
    const m = await f.mailbox("info@alpenblick.example");
    const result = await actions.updateMailboxSettingsAction(
      IDLE,
      form({
        subscriptionId: String((await f.domain("alpenblick.example")).subscriptionId),
        mailboxId: String(m?.id),
        quotaMb: "",
        newPassword: NEW_PASSWORD,
        confirmPassword: "anders",
      }),
    );
    expect(result).toMatchObject({ status: "error", fieldErrors: { confirmPassword: ["password.errors.mismatch"] } });
    expect(await f.mailbox("info@alpenblick.example")).toEqual(m);
  });

  it.each([
    ["kunde2", "info@alpenblick.example", "alpenblick.example"],
    ["kunde3", "max.mustermann@citywerk.example", "citywerk.example"],
    ["kunde", "info@suedwind-kunde.example", "suedwind-kunde.example"],
  ] as const)("answer not found to %s for %s and change nothing", async (attacker, address, domain) => {
    await as(attacker);
    const m = await f.mailbox(address);
    const d = await f.domain(domain);
    const ids = { subscriptionId: String(d.subscriptionId), mailboxId: String(m?.id) };
    const before = await h.db.select().from(mailboxes).orderBy(mailboxes.id);
    const results = [
      await actions.updateMailboxSettingsAction(
        IDLE,
        form({ ...ids, quotaMb: "", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
      ),
      await actions.setForwardingAction(IDLE, form({ ...ids, targets: "dieb@example.org" })),
      await actions.setSpamFilterAction(IDLE, form(ids)),
      await actions.deleteMailboxesAction(IDLE, form({ subscriptionId: ids.subscriptionId, mailboxIds: ids.mailboxId, confirmed: "yes" })),
      await actions.createMailboxAction(
        IDLE,
        form({
          subscriptionId: ids.subscriptionId,
          domainId: String(d.id),
          localPart: "x",
          quotaMb: "",
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        }),
      ),
    ];
    for (const r of results) expect(r).toEqual({ status: "error", formError: "errors.notFound", fieldErrors: undefined });
    expect(await h.db.select().from(mailboxes).orderBy(mailboxes.id)).toEqual(before);
  });

  it("answer not found when a foreign domain is posted under the customer's own subscription", async () => {
    await as("kunde2");
    const own = await f.domain("zweite-firma.example");
    const foreign = await f.domain("alpenblick.example");
    const r = await actions.createMailboxAction(
      IDLE,
      form({
        subscriptionId: String(own.subscriptionId),
        domainId: String(foreign.id),
        localPart: "eindringling",
        quotaMb: "",
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
    );
    expect(r).toMatchObject({ status: "error", formError: "errors.notFound" });
    expect(await f.mailbox("eindringling@alpenblick.example")).toBeUndefined();
    expect((await f.domain("alpenblick.example")).mailboxCount).toBe(foreign.mailboxCount);
  });

  it("refuse a mailbox user and a mail administrator (no mailboxes.manage permission)", async () => {
    const m = await f.mailbox("info@alpenblick.example");
    // The mailbox's own user, and the E-Mail-Administration of a package without panel.
    const mailboxUser = await actorOf(h.db, "mailbox", m?.id ?? 0);
    for (const actor of [mailboxUser, (await aMailAccount(h.db)).admin.actor]) {
      await logInAs(actor);
      const r = await actions.setSpamFilterAction(
        IDLE,
        form({ subscriptionId: String((await f.domain("alpenblick.example")).subscriptionId), mailboxId: String(m?.id) }),
      );
      expect(r).toEqual({ status: "error", formError: "errors.forbidden" });
    }
  });

  it("work as a plain form's action too (formData only), and refuse a call without form data", async () => {
    await as("kunde");
    const m = await f.mailbox("info@citywerk.example");
    const sub = String((await f.domain("citywerk.example")).subscriptionId);
    const fields = {
      subscriptionId: sub,
      mailboxId: String(m?.id),
      enabled: "on",
      quotaMb: String(m?.quotaMb),
      newPassword: "Plain-Form-Kennwort-42!",
      confirmPassword: "Plain-Form-Kennwort-42!",
    };
    const plain = actions.updateMailboxSettingsAction as unknown as (fd: FormData) => Promise<unknown>;
    expect(await plain(form(fields))).toMatchObject({ status: "success" });
    expect(await verifyPassword((await f.mailbox("info@citywerk.example"))?.passwordHash ?? "", "Plain-Form-Kennwort-42!")).toBe(true);
    const crafted = actions.updateMailboxSettingsAction as unknown as (a: unknown, b?: unknown) => Promise<unknown>;
    expect(await crafted(IDLE, { newPassword: "x" })).toEqual({ status: "error", formError: "validation.invalid" });
    expect(await crafted("text")).toEqual({ status: "error", formError: "validation.invalid" });
    expect(await verifyPassword((await f.mailbox("info@citywerk.example"))?.passwordHash ?? "", "Plain-Form-Kennwort-42!")).toBe(true);
  });
});
