import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { loadMessages, type Messages } from "@/lib/i18n/load-messages";
import { LOCALES } from "@/lib/i18n/locales";

const expected = {
  de: ["etwa 1 Minute gesperrt", "etwa 2 Minuten gesperrt"],
  en: ["about 1 minute.", "about 2 minutes."],
  it: ["circa 1 minuto.", "circa 2 minuti."],
} as const;

function allTexts(messages: Messages): string[] {
  return Object.values(messages).flatMap((v) => (typeof v === "string" ? [v] : allTexts(v)));
}

describe("waiting times in messages", () => {
  it.each(LOCALES)("%s: the lock message uses the plural forms of the catalogue", (locale) => {
    // The catalogue is loaded as plain JSON, so its keys are not typed here.
    const t = createTranslator({ locale, messages: loadMessages(locale) }) as unknown as (
      key: string,
      values: Record<string, number>,
    ) => string;
    expect(t("login.throttled", { minutes: 1 })).toContain(expected[locale][0]);
    expect(t("login.throttled", { minutes: 2 })).toContain(expected[locale][1]);
  });

  it.each(LOCALES)("%s: no message writes a plural with brackets or a slash", (locale) => {
    const bad = allTexts(loadMessages(locale)).filter((text) => /Minute\(n\)|minute\(s\)|minuto\/i/i.test(text));
    expect(bad).toEqual([]);
  });
});
