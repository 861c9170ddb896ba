import { afterEach, describe, expect, it, vi } from "vitest";
import { keepStatisticsFresh, refreshStatistics, STATISTICS_INTERVAL_MS } from "@/db/statistics";
import { aDomainWithMailboxes, emptyDb } from "../support/factories";

/** The tables sqlite_stat1 has statistics for; none before the first analysis. */
function analyzedTables(sqlite: Awaited<ReturnType<typeof emptyDb>>["sqlite"]): string[] {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get();
  if (!exists) return [];
  return (sqlite.prepare("SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl").all() as { tbl: string }[]).map((r) => r.tbl);
}

async function aDatabaseWithMailboxes() {
  const { db, sqlite } = await emptyDb();
  await aDomainWithMailboxes(db, 40);
  return { db, sqlite };
}

describe("SQLite query statistics (db/statistics.ts)", () => {
  afterEach(() => vi.useRealTimers());

  it("analyzes every table with rows after a migration or copy, and nothing when they are current", async () => {
    const { sqlite } = await aDatabaseWithMailboxes();
    expect(analyzedTables(sqlite)).toEqual([]);
    refreshStatistics(sqlite, "all tables");
    const analyzed = analyzedTables(sqlite);
    expect(analyzed).toEqual(expect.arrayContaining(["domains", "mailboxes", "subscriptions"]));
    const stamp = sqlite.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'mailboxes_domain_list_idx'").get() as { stat: string };
    expect(stamp.stat.split(" ")[0]).toBe("40");
    // Current statistics: the check itself writes nothing.
    const changes = sqlite.prepare("SELECT total_changes() AS n").pluck();
    const before = changes.get();
    refreshStatistics(sqlite, "all tables");
    expect(changes.get()).toBe(before);
  });

  it("lets a long-running connection pick up statistics for the tables its queries use", async () => {
    vi.useFakeTimers();
    const { sqlite } = await aDatabaseWithMailboxes();
    const timer = keepStatisticsFresh(sqlite);
    try {
      sqlite.prepare("SELECT id FROM mailboxes WHERE domain_id = ? ORDER BY local_part").all(1);
      expect(analyzedTables(sqlite)).toEqual([]);
      vi.advanceTimersByTime(STATISTICS_INTERVAL_MS);
      expect(analyzedTables(sqlite)).toContain("mailboxes");
    } finally {
      clearInterval(timer);
    }
  });

  it("keeps the server running when the check fails", async () => {
    vi.useFakeTimers();
    const { sqlite } = await aDatabaseWithMailboxes();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const timer = keepStatisticsFresh(sqlite, 1000);
    try {
      sqlite.close();
      expect(() => vi.advanceTimersByTime(1000)).not.toThrow();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^SQLite statistics not refreshed: /));
    } finally {
      clearInterval(timer);
      warn.mockRestore();
    }
  });
});
