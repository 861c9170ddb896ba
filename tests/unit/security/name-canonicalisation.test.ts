/**
 * AC-06: another tenant's domain or address, disguised by case, a trailing dot, spaces, Unicode
 * versus punycode, full-width letters or invisible characters, is the same name once canonicalised,
 * so the actions refuse it as taken and change nothing. Names are stored in one canonical form.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { changedTables, snapshotDb } from "../../support/security/db-snapshot";
import { loadServerActions, type ServerAction } from "../../support/security/endpoints";
import { callAs, type Fields, harness, isSuccess, refusalKeys } from "../../support/security/harness";
import { buildWorld, openCopy, type World } from "../../support/security/world";

vi.mock("@/db", async () => (await import("../../support/security/harness")).mockDb());
vi.mock("@/lib/auth/auth", async () => (await import("../../support/security/harness")).mockAuth());
vi.mock("@/lib/services/recovery/deliver", async () => (await import("../../support/security/harness")).mockDeliver());
vi.mock("next/headers", async () => (await import("../../support/security/harness")).mockHeaders());
vi.mock("next-intl/server", async () => (await import("../../support/security/harness")).mockIntl());
vi.mock("@/lib/auth/client-ip", () => ({ clientIp: async () => "192.0.2.30" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let world: World;
let image: Buffer;
let db: ReturnType<typeof openCopy>;
const actions = new Map<string, ServerAction>();

beforeAll(async () => {
  ({ world, image } = await buildWorld());
  db = openCopy(image);
  harness.db = db.db;
  harness.sqlite = db.sqlite;
  for (const a of await loadServerActions()) actions.set(a.key.split("#")[1], a);
}, 60_000);

async function refusedUnchanged(role: keyof World["actors"], action: string, fields: Fields, expected: string) {
  const fn = actions.get(action)?.fn;
  if (!fn) throw new Error(`no action ${action}`);
  const before = snapshotDb(db.sqlite);
  const outcome = await callAs(world.actors[role], fn, fields);
  const label = `${action} ${JSON.stringify(fields)} → ${JSON.stringify(outcome)}`;
  expect(isSuccess(outcome), label).toBe(false);
  expect(refusalKeys(outcome), label).toContain(expected);
  expect(changedTables(before, snapshotDb(db.sqlite)), label).toEqual([]);
}

/** Tenant A's `citywerk.example` and `grüne-wiese.example` (stored as xn--grne-wiese-beb.example). */
const DISGUISES = [
  "CITYWERK.EXAMPLE",
  "citywerk.example.",
  "  citywerk.example  ",
  "CityWerk.Example.",
  "ｃｉｔｙｗｅｒｋ.example",
  "citywerk。example",
  "city\u00adwerk.example",
  "grüne-wiese.example",
  "GRÜNE-WIESE.EXAMPLE",
  "xn--grne-wiese-beb.example",
  "XN--GRNE-WIESE-BEB.EXAMPLE.",
  "gru\u0308ne-wiese.example",
];

describe("a domain of tenant A, disguised, is taken for tenant B's reseller", () => {
  it.each(DISGUISES)("adding %j to an own subscription is refused", async (name) => {
    await refusedUnchanged(
      "reseller",
      "addDomainAction",
      { subscriptionId: `${world.b.otherSubscriptionId}`, domain: name },
      "orders.errors.domainTaken",
    );
  });

  it.each(DISGUISES)("ordering a package with %j is refused", async (name) => {
    await refusedUnchanged(
      "reseller",
      "orderPackageAction",
      { customerId: `${world.b.customerId}`, packageId: `${world.b.unusedPackageId}`, domain: name },
      "orders.errors.domainTaken",
    );
  });

  it.each(["mail.citywerk.example", "MAIL.CityWerk.example.", "a.b.xn--grne-wiese-beb.example"])(
    "adding %j, a subdomain of tenant A's domain, is refused",
    async (name) => {
      await refusedUnchanged(
        "reseller",
        "addDomainAction",
        { subscriptionId: `${world.b.otherSubscriptionId}`, domain: name },
        "orders.errors.domainTaken",
      );
    },
  );

  it("a customer's own subdomain stays allowed", async () => {
    const copy = openCopy(image);
    harness.db = copy.db;
    harness.sqlite = copy.sqlite;
    const fn = actions.get("addDomainAction")?.fn;
    if (!fn) throw new Error("no addDomainAction");
    const outcome = await callAs(world.actors.reseller, fn, {
      subscriptionId: `${world.b.otherSubscriptionId}`,
      domain: `shop.${world.b.domainName}`,
    });
    expect(isSuccess(outcome), JSON.stringify(outcome)).toBe(true);
    harness.db = db.db;
    harness.sqlite = db.sqlite;
    copy.sqlite.close();
  });

  it("adding a parent of tenant A's domain is refused", async () => {
    const copy = openCopy(image);
    harness.db = copy.db;
    harness.sqlite = copy.sqlite;
    // Tenant A gets a subdomain; tenant B then asks for the domain above it.
    const fn = actions.get("addDomainAction")?.fn;
    if (!fn) throw new Error("no addDomainAction");
    const reseller1 = {
      ...world.actors.reseller,
      id: world.staff.resellerUserId,
      resellerId: world.a.resellerId,
      label: "reseller@kontor.example",
    };
    expect(
      isSuccess(await callAs(reseller1, fn, { subscriptionId: `${world.a.otherSubscriptionId}`, domain: "shop.nordlicht-neu.example" })),
    ).toBe(true);
    const outcome = await callAs(world.actors.reseller, fn, {
      subscriptionId: `${world.b.otherSubscriptionId}`,
      domain: "nordlicht-neu.example",
    });
    expect(refusalKeys(outcome), JSON.stringify(outcome)).toContain("orders.errors.domainTaken");
    harness.db = db.db;
    harness.sqlite = db.sqlite;
    copy.sqlite.close();
  });
});

describe("an own address, disguised, is still taken", () => {
  it.each(["INFO", " Info ", "iNfO"])("creating mailbox %j beside info@ is refused", async (local) => {
    await refusedUnchanged(
      "customer",
      "createMailboxAction",
      {
        subscriptionId: `${world.b.subscriptionId}`,
        domainId: `${world.b.domainId}`,
        localPart: local,
        quotaMb: "",
        newPassword: "Kornblume-Acker-Zweig-93",
        confirmPassword: "Kornblume-Acker-Zweig-93",
      },
      "panel.errors.addressTaken",
    );
  });

  it.each(["KONTAKT", " Kontakt "])("routing %j beside kontakt@ is refused", async (local) => {
    await refusedUnchanged(
      "mailadmin",
      "routeAddressAction",
      { accountId: `${world.b.adminAccountId}`, domainId: `${world.b.noPanelDomainId}`, localPart: local },
      "mailAdmin.errors.addressTaken",
    );
  });

  it.each(["WEITER@EXAMPLE.ORG", "weiter@example.org.", " Weiter@Example.Org "])(
    "forwarding again to %j is a duplicate",
    async (target) => {
      await refusedUnchanged("mailbox", "addForwardAction", { target }, "mailboxSettings.errors.forwardDuplicate");
    },
  );

  it.each(["@SPAM.EXAMPLE", "spam.example.", " @Spam.Example "])("blocking %j again is a duplicate", async (pattern) => {
    await refusedUnchanged("mailbox", "addSenderRuleAction", { kind: "block", pattern }, "mailboxSettings.errors.patternDuplicate");
  });
});
