/**
 * Issue 25: date inputs showed the browser's format. The form kit's date field shows a stored day
 * in the page's language, names the format in its placeholder and hint, keeps its label, error and
 * one text input for the keyboard, and writes a day picked in the calendar back in that format.
 */
import { fireEvent, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { DateField } from "@/components/form/date-field";
import { loadMessages } from "@/lib/i18n/load-messages";

const SHOWN = {
  de: { value: "31.12.2026", format: "TT.MM.JJJJ", hint: "Format: TT.MM.JJJJ", calendar: "Kalender öffnen" },
  en: { value: "31/12/2026", format: "DD/MM/YYYY", hint: "Format: DD/MM/YYYY", calendar: "Open calendar" },
  it: { value: "31/12/2026", format: "GG/MM/AAAA", hint: "Formato: GG/MM/AAAA", calendar: "Apra il calendario" },
} as const;

const field = (locale: keyof typeof SHOWN, props: { defaultValue?: string | null; errors?: Record<string, string[]> } = {}) =>
  render(
    <NextIntlClientProvider locale={locale} messages={loadMessages(locale)}>
      <form>
        <DateField name="endsOn" label="Letzter Tag" hint="Optional." defaultValue={props.defaultValue} errors={props.errors ?? {}} />
      </form>
    </NextIntlClientProvider>,
  );

const described = (input: HTMLElement) =>
  (input.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);

describe("form kit: date field", () => {
  it.each(["de", "en", "it"] as const)("%s: the stored day and the format in the page's language", (locale) => {
    const { unmount } = field(locale, { defaultValue: "2026-12-31" });
    const input = screen.getByLabelText<HTMLInputElement>("Letzter Tag");
    expect(input.type).toBe("text");
    expect(input.value).toBe(SHOWN[locale].value);
    expect(input.placeholder).toBe(SHOWN[locale].format);
    expect(described(input)).toEqual([`Optional. ${SHOWN[locale].hint}`, undefined]);
    expect(screen.getByRole("button", { name: SHOWN[locale].calendar })).toBeTruthy();
    unmount();
  });

  it("posts what was typed under the field's name; the picker posts nothing and is no keyboard stop", () => {
    const { container, unmount } = field("de");
    const input = screen.getByLabelText<HTMLInputElement>("Letzter Tag");
    fireEvent.change(input, { target: { value: "1.2.2027" } });
    const form = container.querySelector("form");
    expect(form && [...new FormData(form).entries()]).toEqual([["endsOn", "1.2.2027"]]);
    const picker = screen.getByTestId<HTMLInputElement>("endsOn-picker");
    expect(picker.type).toBe("date");
    expect(picker.tabIndex).toBe(-1);
    expect(picker.getAttribute("aria-hidden")).toBe("true");
    unmount();
  });

  it("opens the browser's calendar at the typed day and writes the chosen day back in the page's format", () => {
    const { unmount } = field("it");
    const input = screen.getByLabelText<HTMLInputElement>("Letzter Tag");
    const picker = screen.getByTestId<HTMLInputElement>("endsOn-picker");
    const shown = vi.fn();
    picker.showPicker = shown;
    fireEvent.change(input, { target: { value: "5/3/2027" } });
    fireEvent.click(screen.getByRole("button", { name: "Apra il calendario" }));
    expect(shown).toHaveBeenCalled();
    expect(picker.value).toBe("2027-03-05");
    fireEvent.change(picker, { target: { value: "2027-04-09" } });
    expect(input.value).toBe("09/04/2027");
    unmount();
  });

  it("shows a refused day as typed, with its message beside the field", () => {
    const { unmount } = field("de", { defaultValue: "31.02.2027", errors: { endsOn: ["Kein Datum."] } });
    const input = screen.getByLabelText<HTMLInputElement>("Letzter Tag");
    expect(input.value).toBe("31.02.2027");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(described(input)).toEqual(["Optional. Format: TT.MM.JJJJ", "Kein Datum."]);
    unmount();
  });
});
