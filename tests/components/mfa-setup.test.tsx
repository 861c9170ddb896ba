import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { TotpSetup } from "@/components/mfa/totp-setup";
import type { ActionState } from "@/lib/actions/action-state";
import { loadMessages } from "@/lib/i18n/load-messages";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));

const de = loadMessages("de");
type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
const QR = "data:image/png;base64,iVBORw0KGgo=";
const CODES = Array.from({ length: 10 }, (_, i) => `AAAA${i}-BBBBB`).join("\n");

const renderSetup = (start: Action, confirm: Action, needsPassword = false) =>
  render(
    <NextIntlClientProvider locale="de" messages={de}>
      <TotpSetup start={start} confirm={confirm} needsPassword={needsPassword} />
    </NextIntlClientProvider>,
  );

describe("TotpSetup", () => {
  it("shows QR code and manual key, confirms with a code and then shows the recovery codes once", async () => {
    const start = vi.fn(async (): Promise<ActionState> => ({
      status: "success",
      message: "",
      data: { factorId: "7", secret: "ABCDEFGHIJKLMNOP", qr: QR },
    }));
    const confirm = vi.fn(async (_s: ActionState, form: FormData): Promise<ActionState> => {
      expect(Object.fromEntries(form)).toEqual({ factorId: "7", label: "", code: "123456" });
      return { status: "success", message: "Die Authenticator-App ist jetzt aktiv.", data: { codes: CODES } };
    });
    renderSetup(start, confirm);
    expect(screen.queryByLabelText("Aktuelles Passwort")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Authenticator-App einrichten" }));
    await waitFor(() => expect(screen.getByRole("img", { name: "QR-Code für die Authenticator-App" }).getAttribute("src")).toBe(QR));
    expect(screen.getByText("ABCD EFGH IJKL MNOP")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Code aus der App"), { target: { value: "123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Code bestätigen" }));
    await waitFor(() => expect(screen.getByText("Ihre Wiederherstellungscodes")).toBeTruthy());
    expect(screen.getAllByRole("listitem")).toHaveLength(10);
    expect(screen.queryByText("ABCD EFGH IJKL MNOP")).toBeNull();
  });

  it("asks for the password when a factor exists and shows a wrong one beside the field", async () => {
    const start = vi.fn(async (_s: ActionState, form: FormData): Promise<ActionState> => {
      expect(form.get("password")).toBe("falsch");
      return {
        status: "error",
        formError: "Bitte prüfen Sie Ihre Eingaben.",
        fieldErrors: { password: ["Das Passwort ist nicht richtig."] },
      };
    });
    renderSetup(start, vi.fn(), true);
    fireEvent.change(screen.getByLabelText("Aktuelles Passwort"), { target: { value: "falsch" } });
    fireEvent.click(screen.getByRole("button", { name: "Authenticator-App einrichten" }));
    await waitFor(() => expect(document.getElementById("totp-password-error")?.textContent).toBe("Das Passwort ist nicht richtig."));
    expect(screen.getByLabelText("Aktuelles Passwort").getAttribute("aria-invalid")).toBe("true");
  });
});
