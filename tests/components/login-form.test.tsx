import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { LoginForm } from "@/components/auth/login-form";
import type { SecondFactorActions } from "@/components/auth/second-factor-step";
import type { ActionState } from "@/lib/actions/action-state";
import { loadMessages } from "@/lib/i18n/load-messages";

const de = loadMessages("de");

vi.mock("next/link", () => ({ default: ({ href, children }: { href: string; children: React.ReactNode }) => <a href={href}>{children}</a> }));

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
const never: Action = async () => ({ status: "error", formError: "unexpected call" });

const renderForm = (action: Action, secondFactor: Partial<SecondFactorActions> = {}) =>
  render(
    <NextIntlClientProvider locale="de" messages={de}>
      <LoginForm action={action} secondFactor={{ code: never, keyOptions: never, keyLogin: never, ...secondFactor }} />
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

  it("asks for the second factor after a correct password and submits the code, not the password", async () => {
    const action = vi.fn(async (): Promise<ActionState> => ({
      status: "success", message: "", data: { step: "secondFactor", totp: "1", webauthn: "1" },
    }));
    const code = vi.fn(async (_s: ActionState, form: FormData): Promise<ActionState> => {
      expect(Object.fromEntries(form)).toEqual({ code: "123456" });
      return { status: "error", formError: "Dieser Code ist nicht gültig oder wurde bereits verwendet.", fieldErrors: { code: ["Dieser Code ist nicht gültig oder wurde bereits verwendet."] } };
    });
    renderForm(action, { code });
    fireEvent.change(screen.getByLabelText("E-Mail-Adresse"), { target: { value: "admin@kontor.example" } });
    fireEvent.change(screen.getByLabelText("Passwort"), { target: { value: "geheim" } });
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
    await waitFor(() => expect(screen.getByLabelText("Bestätigungscode")).toBeTruthy());
    expect(screen.queryByLabelText("Passwort")).toBeNull();
    expect(screen.getByRole("button", { name: "Sicherheitsschlüssel verwenden" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Zurück zur Anmeldung" }).getAttribute("href")).toBe("/login");
    fireEvent.change(screen.getByLabelText("Bestätigungscode"), { target: { value: "123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Bestätigen" }));
    await waitFor(() => expect(document.getElementById("code-error")?.textContent).toContain("nicht gültig"));
    expect(code).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText("Bestätigungscode").getAttribute("aria-invalid")).toBe("true");
  });

  it("offers no security key button to an account with only an authenticator app", async () => {
    renderForm(async () => ({ status: "success", message: "", data: { step: "secondFactor", totp: "1", webauthn: "" } }));
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
    await waitFor(() => expect(screen.getByLabelText("Bestätigungscode")).toBeTruthy());
    expect(screen.queryByRole("button", { name: "Sicherheitsschlüssel verwenden" })).toBeNull();
  });
});
