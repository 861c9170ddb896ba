import fs from "node:fs";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PasswordFields } from "@/components/form/password-fields";
import { forgetPasswordPolicy } from "@/components/form/use-password-policy";
import { AddForwardForm } from "@/components/mailbox/forward-forms";
import { OwnPasswordForm } from "@/components/password/own-password-form";
import { AddSenderRuleForm } from "@/components/mailbox/sender-rule-form";
import { DeleteButton } from "@/components/reseller/delete-button";
import type { ActionState } from "@/lib/actions/action-state";
import { loadMessages } from "@/lib/i18n/load-messages";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
const wrap = (ui: React.ReactNode, locale: "de" | "en" | "it" = "de") =>
  render(
    <NextIntlClientProvider locale={locale} messages={loadMessages(locale)}>
      {ui}
    </NextIntlClientProvider>,
  );
const valueOf = (label: string) => screen.getByLabelText<HTMLInputElement>(label).value;

/** Answers with an error first, then with success; records what was posted. */
function errorThenSuccess(field: string, message: string) {
  const posted: string[] = [];
  const action = vi.fn<Action>(async (_s, form) => {
    const value = form.get(field);
    posted.push(typeof value === "string" ? value : "(file)");
    return posted.length === 1
      ? { status: "error", formError: "Bitte prüfen Sie die markierten Felder.", fieldErrors: { [field]: [message] } }
      : { status: "success", message: "Gespeichert." };
  });
  return { action, posted };
}

describe("form kit: what the user typed stays beside the error (issue 25.8)", () => {
  it("Black-/Whitelist keeps a refused entry, and empties after it was added", async () => {
    const { action, posted } = errorThenSuccess("pattern", "Bitte eine Absenderadresse oder Domain angeben.");
    wrap(<AddSenderRuleForm action={action} kind="block" />);
    fireEvent.change(screen.getByLabelText("Absender oder Domain sperren"), { target: { value: "@@kaputt" } });
    fireEvent.click(screen.getByRole("button", { name: "Zur Blacklist hinzufügen" }));
    await waitFor(() => expect(screen.getByText("Bitte eine Absenderadresse oder Domain angeben.")).toBeTruthy());
    expect(valueOf("Absender oder Domain sperren")).toBe("@@kaputt");
    expect(screen.getByLabelText("Absender oder Domain sperren").getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(screen.getByLabelText("Absender oder Domain sperren"), { target: { value: "@spam.example" } });
    fireEvent.click(screen.getByRole("button", { name: "Zur Blacklist hinzufügen" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Gespeichert."));
    expect(posted).toEqual(["@@kaputt", "@spam.example"]);
    expect(valueOf("Absender oder Domain sperren")).toBe("");
  });

  it("Weiterleitungen keeps a refused target", async () => {
    const { action } = errorThenSuccess("target", "Bitte eine gültige E-Mail-Adresse angeben.");
    wrap(<AddForwardForm action={action} />);
    fireEvent.change(screen.getByLabelText("Zieladresse"), { target: { value: "chef@" } });
    fireEvent.click(screen.getByRole("button", { name: "Hinzufügen" }));
    await waitFor(() => expect(screen.getByText("Bitte eine gültige E-Mail-Adresse angeben.")).toBeTruthy());
    expect(valueOf("Zieladresse")).toBe("chef@");
  });

  it("never keeps a password: the current password is empty after a refusal", async () => {
    const { action } = errorThenSuccess("currentPassword", "Das aktuelle Passwort ist nicht korrekt.");
    wrap(<OwnPasswordForm action={action} login="info@alpenblick.example" />);
    fireEvent.change(screen.getByLabelText("Aktuelles Passwort"), { target: { value: "falsch-geraten" } });
    fireEvent.change(screen.getByLabelText("Neues Passwort"), { target: { value: "Heckenrose-Zaunkoenig-8" } });
    fireEvent.click(screen.getByRole("button", { name: "Speichern" }));
    await waitFor(() => expect(screen.getByText("Das aktuelle Passwort ist nicht korrekt.")).toBeTruthy());
    expect(valueOf("Aktuelles Passwort")).toBe("");
    expect(valueOf("Neues Passwort")).toBe("");
  });
});

describe("form kit: focus after a refusal (walk by eye)", () => {
  it("moves to the first marked field, not left on the button or the page", async () => {
    const { action } = errorThenSuccess("target", "Bitte eine gültige E-Mail-Adresse angeben.");
    wrap(<AddForwardForm action={action} />);
    fireEvent.change(screen.getByLabelText("Zieladresse"), { target: { value: "chef@" } });
    const button = screen.getByRole("button", { name: "Hinzufügen" });
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByText("Bitte eine gültige E-Mail-Adresse angeben.")).toBeTruthy());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Zieladresse")));
  });
});

describe("form kit: the meter runs the server's policy (issue 25.9)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetPasswordPolicy();
  });
  const servePolicy = (requireClasses = false) => {
    const common = fs.readFileSync("lib/password/common-passwords.txt", "utf8");
    const fetch = vi.fn(async () => new Response(JSON.stringify({ options: { requireClasses }, common })));
    vi.stubGlobal("fetch", fetch);
    return fetch;
  };
  const level = () => screen.getByTestId("strength-level").textContent?.replace("Passwortstärke: ", "");

  it('does not call a common password "Mittel" and says why it would be refused', async () => {
    const fetch = servePolicy();
    wrap(<PasswordFields names={["info@alpenblick.example"]} />);
    await act(async () => fireEvent.change(screen.getByLabelText("Neues Passwort"), { target: { value: "passwortpasswort" } }));
    await waitFor(() => expect(level()).not.toBe(""));
    expect(level()).not.toBe("Mittel");
    expect(["Sehr schwach", "Schwach"]).toContain(level());
    expect(screen.getByTestId("strength-reasons").textContent).toContain("weit verbreitet");
    fireEvent.change(screen.getByLabelText("Neues Passwort"), { target: { value: "Heckenrose-Zaunkoenig-8" } });
    expect(["Mittel", "Stark", "Sehr sicher"]).toContain(level());
    expect(screen.queryByTestId("strength-reasons")).toBeNull();
    // Names the password must not contain count as on the server.
    fireEvent.change(screen.getByLabelText("Neues Passwort"), { target: { value: "Alpenblick-Zaunkoenig-8" } });
    expect(screen.getByTestId("strength-reasons").textContent).toContain("Domain");
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("follows the admin's character-class option, in English and Italian too", async () => {
    servePolicy(true);
    const { unmount } = wrap(<PasswordFields />, "en");
    await act(async () => fireEvent.change(screen.getByLabelText("New password"), { target: { value: "heckenrose zaunkoenig acht" } }));
    await waitFor(() => expect(screen.getByTestId("strength-reasons").textContent).toContain("upper and lower case"));
    unmount();
    wrap(<PasswordFields />, "it");
    await act(async () => fireEvent.change(screen.getByLabelText("Nuova password"), { target: { value: "passwortpasswort" } }));
    await waitFor(() => expect(screen.getByTestId("strength-reasons").textContent).toContain("molto diffusa"));
  });
});

describe("form kit: confirm dialog", () => {
  it("asks with Abbrechen / OK and posts only after OK", async () => {
    const action = vi.fn<Action>(async () => ({ status: "success", message: "Gelöscht." }));
    wrap(<DeleteButton action={action} fields={{ accountId: "3" }} label="Konto löschen" confirm="Konto k10001.003 wirklich löschen?" />);
    fireEvent.click(screen.getByRole("button", { name: "Konto löschen" }));
    expect(screen.getByRole("alertdialog").textContent).toContain("Konto k10001.003 wirklich löschen?");
    fireEvent.click(screen.getByRole("button", { name: "Abbrechen" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(action).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Konto löschen" }));
    fireEvent.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(1));
    expect(Object.fromEntries(action.mock.calls[0][1])).toEqual({ accountId: "3" });
  });

  it("speaks the user's language", () => {
    wrap(<DeleteButton action={async () => ({ status: "idle" })} fields={{}} label="Elimina" confirm="Eliminare?" />, "it");
    fireEvent.click(screen.getByRole("button", { name: "Elimina" }));
    expect(screen.getByRole("button", { name: "Annulla" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "OK" })).toBeTruthy();
  });
});
