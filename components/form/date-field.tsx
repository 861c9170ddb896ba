"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRef } from "react";
import { formatDay, parseDay } from "@/lib/i18n/day-format";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { FieldShell, type ShellProps } from "./fields";
import { useSkin } from "./skin";

/**
 * A calendar day in the user's language ("31.12.2026", "31/12/2026"). The browser's date input shows
 * the browser's format instead (mm/dd/yyyy in an English browser on a German page), so the field is
 * text that the server reads (lib/validation/day.ts), with the format as placeholder and hint. The
 * calendar button opens the browser's own picker on a hidden date input and writes its choice back
 * in the page's format; typing stays the way for the keyboard.
 */
export function DateField({ defaultValue, ...shell }: ShellProps & { defaultValue?: string | null }) {
  const t = useTranslations("common");
  const requested = useLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const skin = useSkin();
  const text = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const format = t("dateFormat");
  const openPicker = () => {
    const input = picker.current;
    if (!input) return;
    input.value = parseDay(text.current?.value ?? "") ?? "";
    try {
      input.showPicker();
    } catch {
      // No picker here (an older browser, or no user gesture): typing works everywhere.
      text.current?.focus();
    }
  };
  return (
    <FieldShell
      {...shell}
      hint={
        <>
          {shell.hint && <>{shell.hint} </>}
          {t("dateHint", { format })}
        </>
      }
      control={({ id, describedBy, invalid }) => (
        <div className="relative flex items-start gap-2">
          <input
            ref={text}
            id={id}
            name={shell.name}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={format}
            maxLength={20}
            defaultValue={formatDay(defaultValue ?? "", locale)}
            className={skin.input}
            aria-invalid={invalid}
            aria-describedby={describedBy}
          />
          <button
            type="button"
            onClick={openPicker}
            aria-label={t("dateCalendar")}
            title={t("dateCalendar")}
            className={`${skin.secondary} mt-1 shrink-0 self-stretch`}
          >
            <CalendarIcon />
          </button>
          {/* Only the picker's anchor: no name (never posted), no keyboard stop, not read aloud. */}
          <input
            ref={picker}
            type="date"
            tabIndex={-1}
            aria-hidden="true"
            className="sr-only right-0 bottom-0"
            data-testid={`${shell.name}-picker`}
            onChange={(e) => {
              if (text.current && e.target.value) text.current.value = formatDay(e.target.value, locale);
            }}
          />
        </div>
      )}
    />
  );
}

function CalendarIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="3" y="4.5" width="14" height="12" rx="1.5" />
      <path d="M3 8.5h14M7 2.5v4M13 2.5v4" />
    </svg>
  );
}
