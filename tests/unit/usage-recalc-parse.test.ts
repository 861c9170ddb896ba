import { describe, expect, it } from "vitest";
import { parseStatusTable } from "@/lib/mail/usage-recalc";

describe("doveadm's mailbox status table", () => {
  it("reads one user per line after the header and skips anything else", () => {
    const out = "Username\tmessages\tvsize\ninfo@alpenblick.example\t1\t10945\nk10001.002\t0\t0\n\nbroken\tx\t1\n";
    expect(parseStatusTable(out)).toEqual([
      { login: "info@alpenblick.example", messages: 1, storageBytes: 10945 },
      { login: "k10001.002", messages: 0, storageBytes: 0 },
    ]);
    expect(parseStatusTable("Username\tmessages\tvsize\n")).toEqual([]);
  });
});
