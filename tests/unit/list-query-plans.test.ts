import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { domains, mailboxes } from "@/db/schema";
import { refreshStatistics } from "@/db/statistics";
import { listSubscriptionMailboxes } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import { searchMailboxes } from "@/lib/services/support/search-mailboxes";
import { aDomain, aDomainWithMailboxes, aSupport, emptyDb } from "../support/factories";

/**
 * The address lists read a page of a domain's mailboxes from mailboxes_domain_list_idx alone, without
 * a seek into the mailboxes table per row (issue 22.3: the rows are wide, the seek was a third of the
 * Plesk list's page query on the 1,000,000-mailbox set). Records the SQL the services really prepare
 * and asks SQLite for each statement's plan.
 */
describe("query plans of the address lists", () => {
  it("serve the Plesk list and the support search by domain and customer from the index alone", async () => {
    const { db, sqlite } = await emptyDb();
    const prepared: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = (source: string) => {
      prepared.push(source);
      return prepare(source);
    };
    const support = await aSupport(db);
    // Two small domains read together ("several") and a big one read alone ("first", then "after").
    const sub = await aDomainWithMailboxes(db, 2, { localParts: ["info", "post"], package: { maxMailboxes: null } });
    await aDomainWithMailboxes(db, 1, { sub: { ...sub, domain: await aDomain(db, sub, "a-klein.example") }, localParts: ["info"] });
    const big = await aDomain(db, sub, "zz-gross.example");
    await db.insert(mailboxes).values(
      Array.from({ length: 60 }, (_, i) => ({
        resellerId: sub.reseller.id,
        customerId: sub.customer.id,
        domainId: big.id,
        localPart: `user${String(i).padStart(2, "0")}`,
        address: `user${String(i).padStart(2, "0")}@${big.name}`,
        passwordHash: "x",
      })),
    );
    await db.update(domains).set({ mailboxCount: 60 }).where(eq(domains.id, big.id));

    const first = await listSubscriptionMailboxes(sub.customer.actor, sub.subscriptionId, {}, db);
    const next = await listSubscriptionMailboxes(sub.customer.actor, sub.subscriptionId, { after: first.nextCursor ?? "" }, db);
    expect([...first.items, ...next.items].map((i) => i.address)).toHaveLength(63);
    expect((await searchMailboxes(support, { field: "domain", q: big.name }, db)).items).toHaveLength(25);
    expect((await searchMailboxes(support, { field: "customerNumber", q: sub.customer.customerNumber }, db)).items).toHaveLength(25);

    const listQueries = [...new Set(prepared)].filter(
      (s) => /^select .* from "mailboxes"/.test(s) && s.includes('"mailboxes"."domain_id"'),
    );
    // The list's three shapes and the support search by domain and by customer.
    expect(listQueries.length).toBeGreaterThanOrEqual(5);
    const expectIndexOnly = () => {
      for (const source of listQueries) {
        const parameters = (source.match(/\?/g) ?? []).map(() => null);
        const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...parameters) as { detail: string }[]).map((p) => p.detail);
        const mailboxStep = plan.filter((d) => / mailboxes /.test(`${d} `));
        expect(mailboxStep, source).toEqual([
          expect.stringMatching(/^SEARCH mailboxes USING COVERING INDEX mailboxes_domain_list_idx \(domain_id=/),
        ]);
      }
    };
    // Without statistics (a database no one analyzed) and with those PRAGMA optimize collects
    // (db/statistics.ts: at migration, after a copy, hourly in the server).
    expectIndexOnly();
    refreshStatistics(sqlite, "all tables");
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'mailboxes'").pluck().get()).toBeGreaterThan(0);
    sqlite.exec("ANALYZE sqlite_schema"); // the planner reads the new statistics at once
    expectIndexOnly();
  });
});
