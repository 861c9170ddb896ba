import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { listAudit } from "@/lib/services/audit/list-audit";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { aCustomer, anAdmin, aReseller, aSupport, emptyDb, type TestCustomer, type TestDb } from "../support/factories";

/**
 * Two customers of one reseller and one of another, 30 entries about each; the customer numbers are
 * the entries' target labels. `sameReseller` is a prefix of the first reseller's numbers only.
 */
let db: TestDb;
let admin: Actor;
let support: Actor;
let reseller2: Actor;
let k1: TestCustomer;
let k2: TestCustomer;
let k3: TestCustomer;
let sameReseller: string;

beforeAll(async () => {
  db = (await emptyDb()).db;
  admin = await anAdmin(db);
  support = await aSupport(db);
  const r1 = await aReseller(db);
  const r2 = await aReseller(db);
  reseller2 = r2.actor;
  [k1, k2, k3] = [await aCustomer(db, r1), await aCustomer(db, r1), await aCustomer(db, r2)];
  sameReseller = k1.customerNumber.slice(0, -1);
  for (const c of [k1, k2, k3]) {
    for (let i = 0; i < 30; i++) {
      await writeAudit(db, admin, {
        action: i % 2 ? "mailbox.password.set" : "mailbox.create",
        targetKind: "customer",
        targetId: c.id,
        targetLabel: c.customerNumber,
        resellerId: c.resellerId,
        customerId: c.id,
      });
    }
  }
  await writeAudit(db, admin, { action: "settings.server" });
});

const labels = async (actor: Actor, query = {}) => new Set((await listAudit(actor, query, db)).items.map((e) => e.targetLabel));

describe("audit log viewer", () => {
  it("scopes by role: admin and support all, reseller its tenants, customer itself", async () => {
    for (const who of [admin, support]) {
      expect(await labels(who, { target: k1.customerNumber })).toEqual(new Set([k1.customerNumber]));
      expect(await labels(who, { target: k3.customerNumber })).toEqual(new Set([k3.customerNumber]));
      expect(await labels(who, { action: "settings." })).toEqual(new Set([null]));
    }
    expect(await labels(reseller2)).toEqual(new Set([k3.customerNumber]));
    expect(await labels(k2.actor)).toEqual(new Set([k2.customerNumber]));
    expect((await listAudit(k2.actor, { target: k1.customerNumber }, db)).items).toHaveLength(0);
  });

  it("filters by actor, target, action and day", async () => {
    const page = await listAudit(admin, { target: sameReseller, action: "mailbox.pass" }, db);
    expect(page.items.every((e) => e.action === "mailbox.password.set" && e.targetLabel?.startsWith(sameReseller))).toBe(true);
    expect(page.items).toHaveLength(30);
    expect((await listAudit(admin, { actor: "nobody" }, db)).items).toHaveLength(0);
    expect((await listAudit(admin, { from: "2000-01-01", to: "2000-01-02" }, db)).items).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAudit(admin, { from: today, to: today }, db)).items.length).toBeGreaterThan(0);
  });

  it("pages by keyset without gaps or repeats", async () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listAudit(admin, { before }, db);
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    const all = (await db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id).sort((a, b) => b - a);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(50);
  });
});
