import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, customers, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { listAudit } from "@/lib/services/audit/list-audit";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { createSeededDb } from "../support/seeded-db";

let handle: Awaited<ReturnType<typeof createSeededDb>>;
const actorFor = (email: string): Actor => {
  const u = handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  const actor = u && loadActor(handle.db, "user", u.id);
  if (!actor) throw new Error(`no actor ${email}`);
  return actor;
};
const customerOf = (number: string) => handle.db.select().from(customers).where(eq(customers.customerNumber, number)).get();

beforeAll(async () => {
  handle = await createSeededDb();
  const admin = actorFor("admin@kontor.example");
  for (const number of ["K10001", "K10002", "K20001"]) {
    const c = customerOf(number);
    for (let i = 0; i < 30; i++) {
      writeAudit(handle.db, admin, {
        action: i % 2 ? "mailbox.password" : "mailbox.create",
        targetKind: "customer",
        targetId: c?.id,
        targetLabel: number,
        resellerId: c?.resellerId,
        customerId: c?.id,
      });
    }
  }
  writeAudit(handle.db, admin, { action: "settings.update" });
});

const labels = (email: string, query = {}) => new Set(listAudit(actorFor(email), query, handle.db).items.map((e) => e.targetLabel));

describe("audit log viewer", () => {
  it("scopes by role: admin and support all, reseller its tenants, customer itself", () => {
    for (const who of ["admin@kontor.example", "support@kontor.example"]) {
      expect(labels(who, { target: "K10001" })).toEqual(new Set(["K10001"]));
      expect(labels(who, { target: "K20001" })).toEqual(new Set(["K20001"]));
      expect(labels(who, { action: "settings." })).toEqual(new Set([null]));
    }
    expect(labels("reseller2@kontor.example")).toEqual(new Set(["K20001"]));
    expect(labels("kunde2@kontor.example")).toEqual(new Set(["K10002"]));
    expect(listAudit(actorFor("kunde2@kontor.example"), { target: "K10001" }, handle.db).items).toHaveLength(0);
  });

  it("filters by actor, target, action and day", () => {
    const admin = actorFor("admin@kontor.example");
    const page = listAudit(admin, { target: "K1000", action: "mailbox.pass" }, handle.db);
    expect(page.items.every((e) => e.action === "mailbox.password" && e.targetLabel?.startsWith("K1000"))).toBe(true);
    expect(page.items).toHaveLength(30);
    expect(listAudit(admin, { actor: "nobody" }, handle.db).items).toHaveLength(0);
    expect(listAudit(admin, { from: "2000-01-01", to: "2000-01-02" }, handle.db).items).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(listAudit(admin, { from: today, to: today }, handle.db).items.length).toBeGreaterThan(0);
  });

  it("pages by keyset without gaps or repeats", () => {
    const admin = actorFor("admin@kontor.example");
    const seen: number[] = [];
    let before: number | undefined;
    for (let i = 0; i < 10; i++) {
      const page = listAudit(admin, { before }, handle.db);
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    const all = handle.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .all()
      .map((r) => r.id)
      .sort((a, b) => b - a);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(50);
  });
});
