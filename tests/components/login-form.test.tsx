import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { LoginForm } from "@/components/auth/login-form";
import type { ActionState } from "@/lib/actions/action-state";
import { loadMessages } from "@/lib/i18n/load-messages";

const de = loadMessages("de");

vi.mock("next/link", () => ({ default: ({ href, children }: { href: string; children: React.ReactNode }) => <a href={href}>{children}</a> }));

const renderForm = (action: (s: ActionState, f: FormData) => Promise<ActionState>) =>
  render(
    <NextIntlClientProvider locale="de" messages={de}>
      <LoginForm action={action} />
    </NextIntlClientProvider>,
  );

describe("LoginForm", () => {
  it("shows the German fields, the Loginbereich choice and the recovery link", () => {
    renderForm(async () => ({ status: "idle" }));
    expect(screen.getByLabelText("E-Mail-Adresse")).toBeTruthy();
    expect(screen.getByLabelText("Passwort")).toBeTruthy();
    const group = screen.getByRole("group", { name: "Loginbereich" });
    const radios = group.querySelectorAll("input[type=radio]");
    expect([...radios].map((r) => (r as HTMLInputElement).value)).toEqual(["ksc", "mailadmin", "mailbox"]);
    expect(screen.getByRole("radio", { name: /KundenServiceCenter/ })).toHaveProperty("checked", true);
    expect(screen.getByRole("radio", { name: /E-Mail-Administration/ })).toBeTruthy();
    expect(screen.getByRole("radio", { name: /einzelne Mailbox/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Anmelden" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Passwort vergessen?" }).getAttribute("href")).toBe("/passwort-vergessen");
  });

  it("submits what the user typed and shows the server's error beside the form", async () => {
    const action = vi.fn(async (_s: ActionState, form: FormData): Promise<ActionState> => {
      expect(Object.fromEntries(form)).toEqual({ identifier: "info@alpenblick.example", password: "geheim", area: "mailbox" });
      return { status: "error", formError: "Die Anmeldung ist fehlgeschlagen.", fieldErrors: { password: ["Bitte füllen Sie dieses Feld aus."] } };
    });
    renderForm(action);
    fireEvent.change(screen.getByLabelText("E-Mail-Adresse"), { target: { value: "info@alpenblick.example" } });
    fireEvent.change(screen.getByLabelText("Passwort"), { target: { value: "geheim" } });
    fireEvent.click(screen.getByRole("radio", { name: /einzelne Mailbox/ }));
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("Die Anmeldung ist fehlgeschlagen."));
    expect(action).toHaveBeenCalledTimes(1);
    const password = screen.getByLabelText("Passwort");
    expect(password.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("password-error")?.textContent).toBe("Bitte füllen Sie dieses Feld aus.");
  });
});
