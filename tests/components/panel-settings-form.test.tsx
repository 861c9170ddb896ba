import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { MailboxSettingsForm } from "@/components/panel/shared/mailbox-settings-form";
import type { ActionState } from "@/lib/actions/action-state";
import { loadMessages } from "@/lib/i18n/load-messages";

const de = loadMessages("de");
vi.mock("next/link", () => ({
  default: ({ href, children, className }: { href: string; children: React.ReactNode; className?: string }) => (
    <a href={href} className={className}>
      {children}
    </a>
  ),
}));

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
const renderForm = (action: Action, messages = de, locale = "de") =>
  render(
    <NextIntlClientProvider locale={locale} messages={messages}>
      <MailboxSettingsForm
        action={action}
        subscriptionId={7}
        packageMaxMb={1024}
        cancelHref="/panel/7/mail/3"
        serverHref="/panel/7/server"
        mailbox={{ id: 3, address: "info@alpenblick.example", enabled: true, quotaMb: 1024 }}
      />
    </NextIntlClientProvider>,
  );

describe("MailboxSettingsForm", () => {
  it("has the Plesk fields in German: Neues Passwort, Passwort bestätigen, mailbox switch, quota, OK and Abbrechen", () => {
    renderForm(async () => ({ status: "idle" }));
    expect(screen.getByLabelText("Neues Passwort")).toBeTruthy();
    expect(screen.getByLabelText("Passwort bestätigen")).toBeTruthy();
    expect(screen.getByRole("checkbox", { name: "Mailbox eingeschaltet" })).toHaveProperty("checked", true);
    expect(screen.getByLabelText<HTMLInputElement>("Mailbox-Größe (MB)").value).toBe("1024");
    expect(screen.getByRole("button", { name: "OK" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Abbrechen" }).getAttribute("href")).toBe("/panel/7/mail/3");
    expect(screen.getByRole("button", { name: "Generieren" })).toBeTruthy();
  });

  it("posts ids, password pair, switch and quota; then shows the green message with the IMAP/SMTP note and the server link", async () => {
    const action = vi.fn<Action>(async (_s, form) => {
      expect(Object.fromEntries(form)).toEqual({
        subscriptionId: "7",
        mailboxId: "3",
        newPassword: "Heckenrose-Zaunkoenig-8",
        confirmPassword: "Heckenrose-Zaunkoenig-8",
        enabled: "on",
        quotaMb: "512",
      });
      return { status: "success", message: "ok", data: { passwordChanged: "1" } };
    });
    renderForm(action);
    fireEvent.change(screen.getByLabelText("Neues Passwort"), { target: { value: "Heckenrose-Zaunkoenig-8" } });
    fireEvent.change(screen.getByLabelText("Passwort bestätigen"), { target: { value: "Heckenrose-Zaunkoenig-8" } });
    fireEvent.change(screen.getByLabelText("Mailbox-Größe (MB)"), { target: { value: "512" } });
    fireEvent.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.getByText("Das Passwort wurde geändert.")).toBeTruthy());
    expect(action).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/sowohl zum Abrufen \(IMAP\) als auch zum Versenden \(SMTP\)/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Zu den Serveradressen" }).getAttribute("href")).toBe("/panel/7/server");
    // The fields are emptied for the next change.
    expect(screen.getByLabelText<HTMLInputElement>("Neues Passwort").value).toBe("");
  });

  it("shows a settings-only success without the password note", async () => {
    renderForm(async () => ({ status: "success", message: "ok", data: { passwordChanged: "0" } }));
    fireEvent.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.getByText("Die Einstellungen wurden gespeichert.")).toBeTruthy());
    expect(screen.queryByText("Das Passwort wurde geändert.")).toBeNull();
  });

  it("shows each error beside its field and keeps what was typed", async () => {
    renderForm(async () => ({
      status: "error",
      formError: "Bitte prüfen Sie die markierten Felder.",
      fieldErrors: {
        newPassword: ["Das Passwort ist zu kurz: Es braucht mindestens 15 Zeichen."],
        confirmPassword: ["Die beiden Passwörter stimmen nicht überein."],
        quotaMb: ["Die Größe überschreitet die Obergrenze Ihres Tarifs."],
      },
    }));
    fireEvent.change(screen.getByLabelText("Mailbox-Größe (MB)"), { target: { value: "99999" } });
    fireEvent.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("Bitte prüfen Sie die markierten Felder."));
    const quota = screen.getByLabelText<HTMLInputElement>("Mailbox-Größe (MB)");
    expect(quota.value).toBe("99999");
    expect(quota.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (el: HTMLElement) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" ");
    expect(describedBy(quota)).toContain("Obergrenze");
    expect(describedBy(screen.getByLabelText("Neues Passwort"))).toContain("mindestens 15 Zeichen");
    expect(describedBy(screen.getByLabelText("Passwort bestätigen"))).toContain("stimmen nicht überein");
  });

  it("speaks English and Italian too", () => {
    const { unmount } = renderForm(async () => ({ status: "idle" }), loadMessages("en"), "en");
    expect(screen.getByRole("link", { name: "Cancel" })).toBeTruthy();
    expect(screen.getByLabelText("Mailbox size (MB)")).toBeTruthy();
    unmount();
    renderForm(async () => ({ status: "idle" }), loadMessages("it"), "it");
    expect(screen.getByRole("link", { name: "Annulla" })).toBeTruthy();
  });
});
