import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { ApiKeyForm } from "@/components/api-keys/api-key-form";
import type { ActionState } from "@/lib/actions/action-state";
import { loadMessages } from "@/lib/i18n/load-messages";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
const resources = [
  { name: "mailboxes", access: ["read", "write"] as ("read" | "write")[] },
  { name: "audit", access: ["read"] as ("read" | "write")[] },
];
const renderForm = (action: Action, locale = "de") =>
  render(
    <NextIntlClientProvider locale={locale} messages={loadMessages(locale as "de" | "en" | "it")}>
      <ApiKeyForm action={action} resources={resources} />
    </NextIntlClientProvider>,
  );

describe("ApiKeyForm", () => {
  it("offers read and write per resource, only where the resource has them", () => {
    renderForm(async () => ({ status: "idle" }));
    expect(screen.getByRole("checkbox", { name: "Mailboxen: Lesen" })).toBeTruthy();
    expect(screen.getByRole("checkbox", { name: "Mailboxen: Ändern" })).toBeTruthy();
    expect(screen.getByRole("checkbox", { name: "Protokoll: Lesen" })).toBeTruthy();
    expect(screen.queryByRole("checkbox", { name: "Protokoll: Ändern" })).toBeNull();
  });

  it("posts name and the ticked scopes, and shows the new key once with its warning", async () => {
    let posted: FormData | undefined;
    renderForm(async (_s, f) => {
      posted = f;
      return { status: "success", message: "ok", data: { name: "Abrechnung", token: "kontor_0123456789ab_" + "x".repeat(43) } };
    });
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: "Abrechnung" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Mailboxen: Ändern" }));
    fireEvent.click(screen.getByRole("button", { name: "Schlüssel erstellen" }));
    await waitFor(() => expect(screen.getByTestId("new-api-key").textContent).toContain("kontor_0123456789ab_"));
    expect(posted?.get("name")).toBe("Abrechnung");
    expect(posted?.getAll("scopes")).toEqual(["mailboxes:write"]);
    expect(screen.getByText(/wird nur jetzt angezeigt/)).toBeTruthy();
  });

  it("shows the scope error beside the scopes, in English too", async () => {
    renderForm(
      async () => ({ status: "error", formError: "Please check", fieldErrors: { scopes: ["Please choose at least one scope."] } }),
      "en",
    );
    fireEvent.click(screen.getByRole("button", { name: "Create key" }));
    await waitFor(() => expect(screen.getByText("Please choose at least one scope.")).toBeTruthy());
  });
});
