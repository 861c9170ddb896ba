import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { CreateMailboxForm } from "@/components/panel/shared/create-mailbox-form";
import { DeleteMailboxesForm } from "@/components/panel/shared/delete-mailboxes-form";
import { ForwardingForm } from "@/components/panel/shared/forwarding-form";
import type { ActionState } from "@/lib/actions/action-state";
import { loadMessages } from "@/lib/i18n/load-messages";

const de = loadMessages("de");
vi.mock("next/link", () => ({
  default: ({ href, children }: { href: string; children: React.ReactNode }) => <a href={href}>{children}</a>,
}));
type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
const wrap = (ui: React.ReactNode) =>
  render(
    <NextIntlClientProvider locale="de" messages={de}>
      {ui}
    </NextIntlClientProvider>,
  );

describe("panel mailbox forms", () => {
  it("Neue E-Mail-Adresse: posts name, domain, quota and the password pair; shows a taken address beside the name", async () => {
    const action = vi.fn<Action>(async (_s, form) => {
      expect(Object.fromEntries(form)).toEqual({
        subscriptionId: "4",
        localPart: "buero",
        domainId: "12",
        quotaMb: "",
        newPassword: "Ahornblatt-Wetterhahn-6",
        confirmPassword: "Ahornblatt-Wetterhahn-6",
      });
      return {
        status: "error",
        formError: "Bitte prüfen Sie die markierten Felder.",
        fieldErrors: { localPart: ["Diese E-Mail-Adresse gibt es bereits."] },
      };
    });
    wrap(
      <CreateMailboxForm
        action={action}
        subscriptionId={4}
        packageMaxMb={null}
        cancelHref="/panel/4/mail"
        domains={[
          { id: 11, displayName: "citywerk.example" },
          { id: 12, displayName: "grüne-wiese.example" },
        ]}
      />,
    );
    fireEvent.change(screen.getByLabelText("E-Mail-Name"), { target: { value: "buero" } });
    fireEvent.change(screen.getByLabelText("Domain"), { target: { value: "12" } });
    fireEvent.change(screen.getByLabelText("Neues Passwort"), { target: { value: "Ahornblatt-Wetterhahn-6" } });
    fireEvent.change(screen.getByLabelText("Passwort bestätigen"), { target: { value: "Ahornblatt-Wetterhahn-6" } });
    expect(screen.getByText("Ihr Tarif begrenzt die Größe nicht. Leer lassen für unbegrenzt.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.getByText("Diese E-Mail-Adresse gibt es bereits.")).toBeTruthy());
    expect(action).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText("E-Mail-Name").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText<HTMLInputElement>("E-Mail-Name").value).toBe("buero");
  });

  it("Auswahl entfernen: lists the addresses and posts them with the explicit confirmation only when ticked", async () => {
    const posted: Record<string, unknown>[] = [];
    const action = vi.fn<Action>(async (_s, form) => {
      posted.push({ ids: form.getAll("mailboxIds"), confirmed: form.get("confirmed") });
      return {
        status: "error",
        formError: "Bitte prüfen Sie die markierten Felder.",
        fieldErrors: { confirmed: ["Bitte bestätigen Sie das Entfernen."] },
      };
    });
    wrap(
      <DeleteMailboxesForm
        action={action}
        subscriptionId={4}
        cancelHref="/panel/4/mail"
        mailboxes={[
          { id: 7, displayAddress: "a@citywerk.example" },
          { id: 8, displayAddress: "b@citywerk.example" },
        ]}
      />,
    );
    expect(screen.getByText("a@citywerk.example")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Entfernen" }));
    await waitFor(() => expect(screen.getByText("Bitte bestätigen Sie das Entfernen.")).toBeTruthy());
    fireEvent.click(screen.getByRole("checkbox", { name: /endgültig entfernen/ }));
    fireEvent.click(screen.getByRole("button", { name: "Entfernen" }));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted).toEqual([
      { ids: ["7", "8"], confirmed: null },
      { ids: ["7", "8"], confirmed: "yes" },
    ]);
  });

  it("Weiterleitung: shows the saved message and keeps the targets", async () => {
    wrap(
      <ForwardingForm
        action={async () => ({ status: "success", message: "ok" })}
        subscriptionId={4}
        mailboxId={7}
        targets={["chef@example.org"]}
        keepCopy
        maxForwards={null}
        cancelHref="/panel/4/mail/7"
      />,
    );
    expect(screen.getByLabelText<HTMLTextAreaElement>("Weiterleiten an").value).toBe("chef@example.org");
    expect(screen.getByRole("checkbox", { name: "Eine Kopie im Postfach behalten" })).toHaveProperty("checked", true);
    fireEvent.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.getByText("Die Weiterleitung wurde gespeichert.")).toBeTruthy());
  });
});
