/**
 * Issue 25: the browser's file control read "Choose File" / "No file chosen" on German and Italian
 * pages. The form kit's file field shows its own button and chosen-file text in the user's language,
 * and the native input stays the field (label, keyboard focus, posted file).
 */
import { fireEvent, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { FileField } from "@/components/form/file-field";
import { loadMessages } from "@/lib/i18n/load-messages";

const TEXTS = {
  de: { button: "Datei auswählen", none: "Keine Datei ausgewählt" },
  en: { button: "Choose a file", none: "No file chosen" },
  it: { button: "Scelga un file", none: "Nessun file selezionato" },
} as const;

const field = (locale: keyof typeof TEXTS, onFile = vi.fn()) =>
  render(
    <NextIntlClientProvider locale={locale} messages={loadMessages(locale)}>
      <FileField name="file" label="CSV" hint="UTF-8" errors={{ file: ["Zu groß"] }} accept=".csv" onFile={onFile} />
    </NextIntlClientProvider>,
  );

describe("form kit: file field", () => {
  it.each(["de", "it", "en"] as const)("%s: its own button and empty state, then the chosen file's name", (locale) => {
    const onFile = vi.fn();
    const { container, unmount } = field(locale, onFile);
    const input = screen.getByLabelText<HTMLInputElement>("CSV");
    expect(input.type).toBe("file");
    expect(container.textContent).toContain(TEXTS[locale].button);
    expect(container.textContent).toContain(TEXTS[locale].none);
    // The name of the state, the hint and the error are read with the field.
    const described = (input.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual([TEXTS[locale].none, "UTF-8", "Zu groß"]);
    expect(input.getAttribute("aria-invalid")).toBe("true");

    const file = new File(["type;address\n"], "umzug.csv", { type: "text/csv" });
    fireEvent.change(input, { target: { files: [file] } });
    expect(onFile).toHaveBeenCalledWith(file);
    expect(container.textContent).toContain("umzug.csv");
    expect(container.textContent).not.toContain(TEXTS[locale].none);
    unmount();
  });

  it("keeps one keyboard stop: the native input; the visible button opens it", () => {
    const { unmount } = field("de");
    const input = screen.getByLabelText<HTMLInputElement>("CSV");
    expect(input.tabIndex).toBe(0);
    expect(input.className).toContain("sr-only");
    const button = screen.getByText("Datei auswählen");
    expect(button.tabIndex).toBe(-1);
    const opened = vi.spyOn(input, "click");
    fireEvent.click(button);
    expect(opened).toHaveBeenCalled();
    unmount();
  });
});
