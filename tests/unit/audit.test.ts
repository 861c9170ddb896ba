import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, customers, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { listAudit } from "@/lib/services/audit/list-audit";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { createSeededDb } from "../support/seeded-db";
import { firstRow } from "@/db/rows";

let handle: Awaited<ReturnType<typeof createSeededDb>>;
const actorFor = async (email: string): Promise<Actor> => {
  const u = await firstRow(handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)));
  const actor = u && (await loadActor(handle.db, "user", u.id));
  if (!actor) throw new Error(`no actor ${email}`);
  return actor;
};
const customerOf = async (number: string) => await firstRow(handle.db.select().from(customers).where(eq(customers.customerNumber, number)));

beforeAll(async () => {
  handle = await createSeededDb();
  const admin = await actorFor("admin@kontor.example");
  for (const number of ["K10001", "K10002", "K20001"]) {
    const c = await customerOf(number);
    for (let i = 0; i < 30; i++) {
      await writeAudit(handle.db, admin, {
        action: i % 2 ? "mailbox.password.set" : "mailbox.create",
        targetKind: "customer",
        targetId: c?.id,
        targetLabel: number,
        resellerId: c?.resellerId,
        customerId: c?.id,
      });
    }
  }
  await writeAudit(handle.db, admin, { action: "settings.server" });
});

const labels = async (email: string, query = {}) =>
  new Set((await listAudit(await actorFor(email), query, handle.db)).items.map((e) => e.targetLabel));

describe("audit log viewer", () => {
  it("scopes by role: admin and support all, reseller its tenants, customer itself", async () => {
    for (const who of ["admin@kontor.example", "support@kontor.example"]) {
      expect(await labels(who, { target: "K10001" })).toEqual(new Set(["K10001"]));
      expect(await labels(who, { target: "K20001" })).toEqual(new Set(["K20001"]));
      expect(await labels(who, { action: "settings." })).toEqual(new Set([null]));
    }
    expect(await labels("reseller2@kontor.example")).toEqual(new Set(["K20001"]));
    expect(await labels("kunde2@kontor.example")).toEqual(new Set(["K10002"]));
    expect((await listAudit(await actorFor("kunde2@kontor.example"), { target: "K10001" }, handle.db)).items).toHaveLength(0);
  });

  it("filters by actor, target, action and day", async () => {
    const admin = await actorFor("admin@kontor.example");
    const page = await listAudit(admin, { target: "K1000", action: "mailbox.pass" }, handle.db);
    expect(page.items.every((e) => e.action === "mailbox.password.set" && e.targetLabel?.startsWith("K1000"))).toBe(true);
    expect(page.items).toHaveLength(30);
    expect((await listAudit(admin, { actor: "nobody" }, handle.db)).items).toHaveLength(0);
    expect((await listAudit(admin, { from: "2000-01-01", to: "2000-01-02" }, handle.db)).items).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAudit(admin, { from: today, to: today }, handle.db)).items.length).toBeGreaterThan(0);
  });

  it("pages by keyset without gaps or repeats", async () => {
    const admin = await actorFor("admin@kontor.example");
    const seen: number[] = [];
    let before: number | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listAudit(admin, { before }, handle.db);
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    const all = (await handle.db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id).sort((a, b) => b - a);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(50);
  });
});
