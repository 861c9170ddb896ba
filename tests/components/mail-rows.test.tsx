import { render, screen, within } from "@testing-library/react";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { MailRows } from "@/components/panel/shared/mail-rows";
import { SERVICE_KEYS, type ServiceLabels } from "@/components/panel/shared/service-icons";

const labels: ServiceLabels = {
  mailbox: { on: "Mailbox: an", off: "Mailbox: aus" },
  forwarding: { on: "Weiterleitung: an", off: "Weiterleitung: aus" },
  spamFilter: { on: "Spamfilter: an", off: "Spamfilter: aus" },
};
const rows = [
  {
    id: 11,
    address: "anna@example.org",
    services: { mailbox: true, forwarding: false, spamFilter: true },
    quota: "980 von 1024 MB",
    nearQuota: true as const,
    lastLogin: "04.12.2026, 21:40",
  },
  {
    id: 12,
    address: "bert@example.org",
    services: { mailbox: false, forwarding: true, spamFilter: false },
    quota: "unbegrenzt",
    lastLogin: "noch nie",
  },
];

const renderRows = (addressFirst: boolean) =>
  render(
    <>
      <span id="sel" hidden>
        auswählen
      </span>
      <table>
        <tbody>
          <MailRows rows={rows} hrefBase="/panel/2/mail/" labels={labels} selectId="sel" addressFirst={addressFirst} />
        </tbody>
      </table>
    </>,
  );

describe("MailRows", () => {
  it("shows usage and last login, and marks a mailbox near its quota", () => {
    renderRows(true);
    const [anna, bert] = screen.getAllByRole("row");
    const annaUsage = within(anna).getByText("980 von 1024 MB");
    expect(annaUsage.className).toContain("text-red-700");
    expect(within(anna).getByText("04.12.2026, 21:40")).toBeTruthy();
    expect(within(bert).getByText("unbegrenzt").className).not.toContain("text-red-700");
    expect(within(bert).getByText("noch nie")).toBeTruthy();
  });

  it("names each address's services by their states and colours them by class", () => {
    renderRows(true);
    const [anna, bert] = screen.getAllByRole("row");
    const annaIcons = within(anna).getByRole("img", { name: "Mailbox: an, Weiterleitung: aus, Spamfilter: an" });
    expect(annaIcons.getAttribute("title")).toBe("Mailbox: an, Weiterleitung: aus, Spamfilter: an");
    expect(annaIcons.className.split(" ")).toEqual(["svc", "svc-mailbox-on", "svc-forwarding-off", "svc-spamFilter-on"]);
    const bertIcons = within(bert).getByRole("img", { name: "Mailbox: aus, Weiterleitung: an, Spamfilter: aus" });
    expect(bertIcons.className.split(" ")).toEqual(["svc", "svc-mailbox-off", "svc-forwarding-on", "svc-spamFilter-off"]);
  });

  it("links the address and names its tick box in the language's word order", () => {
    renderRows(true);
    expect(screen.getByRole("link", { name: "anna@example.org" }).getAttribute("href")).toBe("/panel/2/mail/11");
    expect(screen.getByRole("checkbox", { name: "anna@example.org auswählen" })).toHaveProperty("value", "11");
  });

  it("puts the word first where the language does", () => {
    renderRows(false);
    expect(screen.getByRole("checkbox", { name: "auswählen bert@example.org" })).toHaveProperty("value", "12");
  });

  it("has a drawing for every service state in the stylesheet", () => {
    const css = fs.readFileSync("app/globals.css", "utf8");
    for (const key of SERVICE_KEYS)
      for (const state of ["on", "off"])
        expect(css).toMatch(new RegExp(`\\.svc-${key}-${state} \\{ --svc-${key}: url\\("data:image/svg\\+xml,`));
    expect(css).toContain("background-image: var(--svc-mailbox), var(--svc-forwarding), var(--svc-spamFilter)");
  });
});
