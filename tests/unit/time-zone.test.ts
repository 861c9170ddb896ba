import fs from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

// The server's own zone must not matter: the machine says UTC, readers see the hoster's zone.
process.env.TZ = "UTC";
delete process.env.KONTOR_TIME_ZONE;

const request = vi.hoisted(() => ({ locale: "de" }));
vi.mock("next-intl/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-intl/server")>()),
  getLocale: async () => request.locale,
}));

const { formatTime } = await import("@/lib/i18n/format-time");
const { getTimeFormatter } = await import("@/lib/i18n/time-formatter");
const { renderPasswordChangedMail } = await import("@/lib/mail/templates/recovery-mails");
const { Conversation } = await import("@/components/tickets/conversation");

const WINTER = new Date("2026-01-15T12:00:05Z"); // 13:00:05 in Berlin (CET)
const SUMMER = new Date("2026-07-15T12:00:00Z"); // 14:00 in Berlin (CEST)

describe("times in the hoster's zone (Europe/Berlin by default), whatever the server's zone", () => {
  beforeAll(() => {
    expect(WINTER.getHours()).toBe(12); // the test really runs in UTC
  });

  it("pages: date and time in the reader's language", async () => {
    expect(formatTime(WINTER, "de")).toBe("15.01.2026, 13:00");
    expect(formatTime(SUMMER, "de")).toBe("15.07.2026, 14:00");
    expect(formatTime(WINTER, "en")).toBe("15 Jan 2026, 13:00");
    expect(formatTime(WINTER, "it")).toBe("15 gen 2026, 13:00");
    expect(formatTime(WINTER, "de", "time")).toBe("13:00");
    request.locale = "en";
    expect((await getTimeFormatter())(SUMMER)).toBe("15 Jul 2026, 14:00");
    request.locale = "de";
  });

  it("audit log: with seconds", () => {
    expect(formatTime(WINTER, "de", "dateTimeSeconds")).toBe("15.01.26, 13:00:05");
    // English writes the day first, as its date fields do (31/12/2026), never month/day.
    expect(formatTime(WINTER, "en", "dateTimeSeconds")).toBe("15/01/2026, 13:00:05");
  });

  it("mails: the time of a password change, with the zone's name", () => {
    const mail = renderPasswordChangedMail({ to: "a@b.example", account: "info@alpenblick.example", at: WINTER, locale: "de" });
    expect(mail.text).toContain("am 15.01.2026, 13:00 MEZ geändert");
    const summer = renderPasswordChangedMail({ to: "a@b.example", account: "x", at: SUMMER, locale: "en" });
    expect(summer.text).toContain("on 15 Jul 2026, 14:00 CEST.");
  });

  it("tickets: the conversation shows when each message was written", async () => {
    const html = renderToStaticMarkup(
      await Conversation({
        messages: [{ id: 1, authorRole: "customer", authorName: "Erika Muster", body: "Hallo", createdAt: WINTER }],
      }),
    );
    expect(html).toContain("Erika Muster · 15.01.2026, 13:00");
  });

  it("follows KONTOR_TIME_ZONE", () => {
    process.env.KONTOR_TIME_ZONE = "America/New_York";
    try {
      expect(formatTime(WINTER, "de")).toBe("15.01.2026, 07:00");
    } finally {
      delete process.env.KONTOR_TIME_ZONE;
    }
  });

  it("pages and components format times only through lib/i18n/format-time.ts", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(ts|tsx)$/.test(entry.name) && file !== path.join("lib", "i18n", "format-time.ts")) {
          const source = fs.readFileSync(file, "utf8");
          if (/\.dateTime\(|getFormatter|useFormatter|toLocale(Date|Time)?String|DateTimeFormat|toISOString|toUTCString/.test(source))
            offenders.push(file);
        }
      }
    };
    for (const dir of ["app", "components", "lib"]) walk(dir);
    expect(offenders).toEqual([]);
  });
});
