/**
 * The public set-up answers over HTTP against the running panel: Thunderbird autoconfig (both
 * paths), Outlook autodiscover (POST and GET), and the Apple profile that only a logged-in mailbox
 * user gets. The answers carry the admin's hosts and never tell whether a mailbox exists.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { firstRow } from "@/db/rows";
import { settings } from "@/db/schema";
import { DEFAULT_SERVER_SETTINGS, serverSettingsSchema } from "@/lib/services/settings/server-settings";
import { BASE_URL } from "./support/browser";
import { withRunDb } from "../support/run-db";
import { aPanelMailbox } from "./panel-support";

// A mailbox of its own (the answers must not differ from a made-up one's), and a made-up one beside it.
let existing = "";
let madeUp = "";
beforeAll(async () => {
  const { address, domain } = await aPanelMailbox("plesk9");
  existing = address;
  madeUp = `nobody-here@${domain}`;
});

async function configuredHosts() {
  const row = await withRunDb((db) => firstRow(db.select({ value: settings.value }).from(settings).where(eq(settings.key, "server"))));
  const stored = serverSettingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_SERVER_SETTINGS, ...(stored.success ? stored.data : {}) };
}

const outlookRequest = (address: string) => `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request><EMailAddress>${address}</EMailAddress>
  <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request>
</Autodiscover>`;

describe("automatic client set-up over HTTP", () => {
  it.each(["/.well-known/autoconfig/mail/config-v1.1.xml", "/mail/config-v1.1.xml"])("%s carries the configured hosts", async (route) => {
    const s = await configuredHosts();
    const res = await fetch(`${BASE_URL}${route}?emailaddress=${encodeURIComponent(existing)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/xml/);
    const xml = await res.text();
    expect(xml).toContain(`<hostname>${s.imapHost}</hostname>`);
    expect(xml).toContain(`<port>${s.smtpPort}</port>`);
    expect(xml).toContain(`<username>${existing}</username>`);
  });

  it("answers an existing and a made-up mailbox the same way", async () => {
    const ask = async (a: string) => (await (await fetch(`${BASE_URL}/mail/config-v1.1.xml?emailaddress=${a}`)).text()).replaceAll(a, "X");
    expect(await ask(existing)).toBe(await ask(madeUp));
    const post = async (a: string) =>
      (await (await fetch(`${BASE_URL}/autodiscover/autodiscover.xml`, { method: "POST", body: outlookRequest(a) })).text()).replaceAll(
        a,
        "X",
      );
    expect(await post(existing)).toBe(await post(madeUp));
  });

  it("autodiscover answers Outlook's POST and GET, and refuses DTDs and huge bodies", async () => {
    const s = await configuredHosts();
    const res = await fetch(`${BASE_URL}/autodiscover/autodiscover.xml`, {
      method: "POST",
      headers: { "Content-Type": "text/xml" },
      body: outlookRequest(existing),
    });
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`<Server>${s.imapHost}</Server>`);
    expect(xml).toContain(`<Server>${s.smtpHost}</Server>`);
    expect((await fetch(`${BASE_URL}/autodiscover/autodiscover.xml`)).status).toBe(200);
    const xxe = `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${outlookRequest("&x;")}`;
    expect((await fetch(`${BASE_URL}/autodiscover/autodiscover.xml`, { method: "POST", body: xxe })).status).toBe(400);
    expect((await fetch(`${BASE_URL}/autodiscover/autodiscover.xml`, { method: "POST", body: "x".repeat(64 * 1024) })).status).toBe(400);
  });

  it("the Apple profile is only for a logged-in mailbox user", async () => {
    expect((await fetch(`${BASE_URL}/mailbox/setup/profile`, { redirect: "manual" })).status).toBe(404);
  });
});
