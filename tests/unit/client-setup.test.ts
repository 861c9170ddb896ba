// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { clientAccount } from "@/lib/mail/client-setup/account";
import { buildAutoconfigXml } from "@/lib/mail/client-setup/autoconfig";
import { buildAutodiscoverXml, MAX_AUTODISCOVER_REQUEST_BYTES, parseAutodiscoverRequest } from "@/lib/mail/client-setup/autodiscover";
import { buildMobileconfig } from "@/lib/mail/client-setup/mobileconfig";
import { phoneSetupText, qrDataUrl } from "@/lib/mail/client-setup/qr";
import type { ServerSettings } from "@/lib/services/settings/server-settings";

const settings: ServerSettings = {
  imapHost: "imap.hoster.example",
  imapPort: 993,
  imapEncryption: "ssl",
  smtpHost: "smtp.hoster.example",
  smtpPort: 587,
  smtpEncryption: "starttls",
  publicUrl: "https://panel.hoster.example",
};

/** Parses with jsdom's DOMParser as XML and fails the test on any parser error. */
function parseXml(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}
const texts = (doc: Document, tag: string) => [...doc.getElementsByTagName(tag)].map((e) => e.textContent);

const OUTLOOK_REQUEST = `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>Anna@Alpenblick.example</EMailAddress>
    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
  </Request>
</Autodiscover>`;

describe("Thunderbird autoconfig", () => {
  it("parses and carries the configured hosts, ports and the address as user name", () => {
    const doc = parseXml(buildAutoconfigXml(clientAccount(settings, "Post@Grüne-Wiese.example")));
    expect(texts(doc, "hostname")).toEqual(["imap.hoster.example", "smtp.hoster.example"]);
    expect(texts(doc, "port")).toEqual(["993", "587"]);
    expect(texts(doc, "socketType")).toEqual(["SSL", "STARTTLS"]);
    expect(texts(doc, "username")).toEqual(["post@xn--grne-wiese-beb.example", "post@xn--grne-wiese-beb.example"]);
    expect(texts(doc, "domain")).toEqual(["xn--grne-wiese-beb.example"]);
  });

  it("answers without an address (and ignores a malformed one) with Thunderbird's placeholder", () => {
    for (const raw of [null, "<script>@x", "a@b"]) {
      const doc = parseXml(buildAutoconfigXml(clientAccount(settings, raw)));
      expect(texts(doc, "username")).toEqual(["%EMAILADDRESS%", "%EMAILADDRESS%"]);
      expect(doc.getElementsByTagName("domain")).toHaveLength(0);
    }
  });

  it("escapes whatever the admin typed as host", () => {
    const doc = parseXml(buildAutoconfigXml(clientAccount({ ...settings, imapHost: `a&b<c>"d'` }, null)));
    expect(texts(doc, "hostname")[0]).toBe(`a&b<c>"d'`);
  });
});

describe("Outlook autodiscover", () => {
  it("reads the address from Outlook's request and answers with IMAP and SMTP", () => {
    const req = parseAutodiscoverRequest(OUTLOOK_REQUEST);
    expect(req).toEqual({ ok: true, emailAddress: "Anna@Alpenblick.example" });
    const doc = parseXml(buildAutodiscoverXml(clientAccount(settings, req.ok ? req.emailAddress : null)));
    expect(texts(doc, "Type")).toEqual(["IMAP", "SMTP"]);
    expect(texts(doc, "Server")).toEqual(["imap.hoster.example", "smtp.hoster.example"]);
    expect(texts(doc, "Port")).toEqual(["993", "587"]);
    expect(texts(doc, "Encryption")).toEqual(["SSL", "TLS"]);
    expect(texts(doc, "LoginName")).toEqual(["anna@alpenblick.example", "anna@alpenblick.example"]);
  });

  it("refuses DTDs/entities (XXE), oversized and non-autodiscover bodies", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Autodiscover><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>`;
    expect(parseAutodiscoverRequest(xxe)).toEqual({ ok: false });
    expect(parseAutodiscoverRequest(OUTLOOK_REQUEST + " ".repeat(MAX_AUTODISCOVER_REQUEST_BYTES))).toEqual({ ok: false });
    expect(parseAutodiscoverRequest("hello")).toEqual({ ok: false });
  });

  it("leaves the login name out when the request has no valid address", () => {
    const req = parseAutodiscoverRequest("<Autodiscover><Request><EMailAddress>x&lt;y@z</EMailAddress></Request></Autodiscover>");
    const doc = parseXml(buildAutodiscoverXml(clientAccount(settings, req.ok ? req.emailAddress : null)));
    expect(doc.getElementsByTagName("LoginName")).toHaveLength(0);
  });
});

describe("Apple profile and QR code", () => {
  it("is a plist with the mailbox and hosts but no password", () => {
    const xml = buildMobileconfig("anna@alpenblick.example", settings);
    const doc = parseXml(xml.replace(/<!DOCTYPE[^>]*>/, ""));
    const keys = texts(doc, "key");
    expect(keys).toContain("IncomingMailServerHostName");
    expect(keys.some((k) => /password$/i.test(k ?? "") && k !== "OutgoingPasswordSameAsIncomingPassword")).toBe(false);
    expect(texts(doc, "string")).toEqual(
      expect.arrayContaining(["imap.hoster.example", "smtp.hoster.example", "anna@alpenblick.example", "com.apple.mail.managed"]),
    );
    expect(buildMobileconfig("anna@alpenblick.example", settings)).toBe(xml); // stable UUIDs: re-download replaces the profile
  });

  it("encodes the account settings, never a password", async () => {
    const text = phoneSetupText("anna@alpenblick.example", settings);
    expect(text).toContain("imap.hoster.example:993");
    expect(text).toContain("smtp.hoster.example:587");
    expect(text.toLowerCase()).not.toContain("pass");
    expect(await qrDataUrl(text)).toMatch(/^data:image\/png;base64,/);
  });
});

describe("the Outlook autodiscover address shown to users (issue 25, point 12)", () => {
  it("is the configured public HTTPS name, never the plain-http panel URL", async () => {
    const { autodiscoverUrl } = await import("@/lib/mail/client-setup/account");
    expect(autodiscoverUrl(settings)).toBe("https://panel.hoster.example/autodiscover/autodiscover.xml");
    expect(autodiscoverUrl({ ...settings, publicUrl: "https://ksc.hoster.example/portal/" })).toBe(
      "https://ksc.hoster.example/portal/autodiscover/autodiscover.xml",
    );
    expect(autodiscoverUrl({ ...settings, publicUrl: "http://127.0.0.1:3000" })).toBeNull();
  });
});
