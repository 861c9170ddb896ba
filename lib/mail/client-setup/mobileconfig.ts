import crypto from "node:crypto";
import { PROVIDER_NAME } from "./account";
import type { ServerSettings } from "@/lib/services/settings/server-settings";
import { xmlEscape } from "./xml";

/** A stable UUID per address and purpose, so downloading again replaces the installed profile. */
function stableUuid(...parts: string[]): string {
  const h = crypto.createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

const str = (key: string, value: string | number) => `      <key>${key}</key>\n      <string>${xmlEscape(value)}</string>`;
const int = (key: string, value: number) => `      <key>${key}</key>\n      <integer>${value}</integer>`;
const bool = (key: string, value: boolean) => `      <key>${key}</key>\n      <${value ? "true" : "false"}/>`;

/**
 * Apple configuration profile (com.apple.mail.managed) for one mailbox: IMAP + SMTP with the full
 * address as user name. No password inside: the device asks for it once and keeps it.
 */
export function buildMobileconfig(address: string, s: ServerSettings, displayAddress = address): string {
  const id = `${s.imapHost.split(".").reverse().join(".")}.kontor.mail.${address.replace(/[^a-z0-9]/g, "-")}`;
  const account = [
    str("EmailAccountDescription", displayAddress),
    str("EmailAccountName", displayAddress),
    str("EmailAccountType", "EmailTypeIMAP"),
    str("EmailAddress", address),
    str("IncomingMailServerAuthentication", "EmailAuthPassword"),
    str("IncomingMailServerHostName", s.imapHost),
    int("IncomingMailServerPortNumber", s.imapPort),
    bool("IncomingMailServerUseSSL", true),
    str("IncomingMailServerUsername", address),
    str("OutgoingMailServerAuthentication", "EmailAuthPassword"),
    str("OutgoingMailServerHostName", s.smtpHost),
    int("OutgoingMailServerPortNumber", s.smtpPort),
    bool("OutgoingMailServerUseSSL", true),
    str("OutgoingMailServerUsername", address),
    bool("OutgoingPasswordSameAsIncomingPassword", true),
    str("PayloadDisplayName", displayAddress),
    str("PayloadIdentifier", `${id}.account`),
    str("PayloadType", "com.apple.mail.managed"),
    str("PayloadUUID", stableUuid(address, "account")),
    int("PayloadVersion", 1),
  ].join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
${account}
    </dict>
  </array>
  <key>PayloadDisplayName</key>
  <string>${xmlEscape(`${PROVIDER_NAME}: ${displayAddress}`)}</string>
  <key>PayloadIdentifier</key>
  <string>${xmlEscape(id)}</string>
  <key>PayloadOrganization</key>
  <string>${xmlEscape(PROVIDER_NAME)}</string>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>${stableUuid(address, "profile")}</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
`;
}
