import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { LoginForm } from "@/components/auth/login-form";
import type { SecondFactorActions } from "@/components/auth/second-factor-step";
import type { ActionState } from "@/lib/actions/action-state";
import { loadMessages, type Messages } from "@/lib/i18n/load-messages";

const de = loadMessages("de");
const en = loadMessages("en");

vi.mock("next/link", () => ({
  default: ({ href, children }: { href: string; children: React.ReactNode }) => <a href={href}>{children}</a>,
}));

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
const never: Action = async () => ({ status: "error", formError: "unexpected call" });

const tree = (action: Action, secondFactor: Partial<SecondFactorActions> = {}, locale: "de" | "en" = "de", robotCheck = false) => (
  <NextIntlClientProvider locale={locale} messages={locale === "de" ? de : en}>
    <LoginForm
      action={action}
      robotCheck={robotCheck}
      secondFactor={{ code: never, keyOptions: never, keyLogin: never, ...secondFactor }}
    />
  </NextIntlClientProvider>
);
const renderForm = (action: Action, secondFactor: Partial<SecondFactorActions> = {}) => render(tree(action, secondFactor));

/** The widget, or its loading line until ALTCHA's script is in. */
const robotShown = () =>
  !!document.querySelector("altcha-widget") || !!screen.queryByText(((de.robot as Messages).widget as Messages).loading as string);

async function failLogin(identifier: string, area: RegExp) {
  fireEvent.change(screen.getByLabelText("E-Mail-Adresse"), { target: { value: identifier } });
  fireEvent.change(screen.getByLabelText("Passwort"), { target: { value: "Falsches-Passwort-1" } });
  fireEvent.click(screen.getByRole("radio", { name: area }));
  fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
  await waitFor(() => expect(screen.getByRole("alert")).toBeTruthy());
}

describe("LoginForm", () => {
  it("after a failed login the focus is on the emptied password, the address stays", async () => {
    renderForm(async () => ({ status: "error", formError: "Die Anmeldung ist fehlgeschlagen." }));
    await failLogin("info@alpenblick.example", /einzelne Mailbox/);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Passwort")));
    expect(screen.getByLabelText<HTMLInputElement>("E-Mail-Adresse").value).toBe("info@alpenblick.example");
  });

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
      return {
        status: "error",
        formError: "Die Anmeldung ist fehlgeschlagen.",
        fieldErrors: { password: ["Bitte füllen Sie dieses Feld aus."] },
      };
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
      status: "success",
      message: "",
      data: { step: "secondFactor", totp: "1", webauthn: "1" },
    }));
    const code = vi.fn(async (_s: ActionState, form: FormData): Promise<ActionState> => {
      expect(Object.fromEntries(form)).toEqual({ code: "123456" });
      return {
        status: "error",
        formError: "Dieser Code ist nicht gültig oder wurde bereits verwendet.",
        fieldErrors: { code: ["Dieser Code ist nicht gültig oder wurde bereits verwendet."] },
      };
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

  it("keeps the address and the chosen Loginbereich after a failed login, but not the password", async () => {
    const sent: Record<string, FormDataEntryValue>[] = [];
    const action = vi.fn(async (_s: ActionState, form: FormData): Promise<ActionState> => {
      sent.push(Object.fromEntries(form));
      return { status: "error", formError: "Die Anmeldung ist fehlgeschlagen." };
    });
    renderForm(action);
    await failLogin("info@alpenblick.example", /einzelne Mailbox/);
    expect(screen.getByLabelText<HTMLInputElement>("E-Mail-Adresse").value).toBe("info@alpenblick.example");
    expect(screen.getByRole("radio", { name: /einzelne Mailbox/ })).toHaveProperty("checked", true);
    expect(screen.getByRole("radio", { name: /KundenServiceCenter/ })).toHaveProperty("checked", false);
    expect(screen.getByLabelText<HTMLInputElement>("Passwort").value).toBe("");
    // Retyping the password is enough for the next try.
    fireEvent.change(screen.getByLabelText("Passwort"), { target: { value: "Richtiges-Passwort-2" } });
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(2));
    expect(sent[1]).toEqual({ identifier: "info@alpenblick.example", password: "Richtiges-Passwort-2", area: "mailbox" });
  });

  it("shows the server's lock message again in the language the user switches to", async () => {
    const action = async (): Promise<ActionState> => ({
      status: "error",
      formError: "Zu viele fehlgeschlagene Versuche. Aus Sicherheitsgründen ist die Anmeldung für etwa 2 Minuten gesperrt.",
      formErrorRef: { key: "login.throttled", values: { minutes: 2 } },
    });
    const { rerender } = render(tree(action));
    await failLogin("kunde@kontor.example", /KundenServiceCenter/);
    expect(screen.getByRole("alert").textContent).toContain("etwa 2 Minuten gesperrt");
    rerender(tree(action, {}, "en"));
    expect(screen.getByRole("alert").textContent).toBe(
      "Too many failed attempts. For your security, logging in is blocked for about 2 minutes.",
    );
    expect(screen.getByLabelText<HTMLInputElement>("E-mail address").value).toBe("kunde@kontor.example");
  });

  it("asks for the robot check when the server says so, and keeps asking", async () => {
    const action = vi.fn(async (): Promise<ActionState> => ({
      status: "error",
      formError: "Bitte bestätigen Sie …",
      fieldErrors: { altcha: ["Bitte bestätigen Sie „Ich bin kein Roboter“."] },
    }));
    renderForm(action);
    expect(robotShown()).toBe(false);
    await failLogin("kunde@kontor.example", /KundenServiceCenter/);
    expect(robotShown()).toBe(true);
    expect(document.getElementById("robot-error")?.textContent).toContain("Ich bin kein Roboter");
    action.mockResolvedValueOnce({ status: "error", formError: "Die Anmeldung ist fehlgeschlagen." });
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("Die Anmeldung ist fehlgeschlagen."));
    expect(robotShown()).toBe(true);
  });

  it("shows the robot check from the start when the page says the address needs it", () => {
    render(tree(never, {}, "de", true));
    expect(robotShown()).toBe(true);
  });

  it("keeps one emptied password field through repeated refusals with the robot check shown (issue 25)", async () => {
    let answers = 0;
    render(tree(async () => ({ status: "error", formError: `Abgelehnt ${String(++answers)}` }), {}, "de", true));
    for (let i = 1; i <= 3; i++) {
      fireEvent.change(screen.getByLabelText("E-Mail-Adresse"), { target: { value: "info@alpenblick.example" } });
      fireEvent.change(screen.getByLabelText("Passwort"), { target: { value: "Falsches-Passwort-1" } });
      fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
      await waitFor(() => expect(screen.getByText(`Abgelehnt ${String(i)}`)).toBeTruthy());
      // Before the fix the second refusal left two password fields, and the form posted both.
      expect(document.querySelectorAll("input[name=password]")).toHaveLength(1);
      expect(screen.getByLabelText<HTMLInputElement>("Passwort").value).toBe("");
    }
  });
});
