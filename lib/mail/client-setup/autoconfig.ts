import { type ClientAccount, PROVIDER_NAME } from "./account";
import { xmlEscape } from "./xml";

const socketType = (enc: "ssl" | "starttls") => (enc === "ssl" ? "SSL" : "STARTTLS");

/**
 * Thunderbird's autoconfig answer (clientConfig 1.1), served at /.well-known/autoconfig/mail/
 * config-v1.1.xml and /mail/config-v1.1.xml. The user name is the full address: Thunderbird fills
 * %EMAILADDRESS% itself when the request named no address.
 */
export function buildAutoconfigXml({ address, domain, settings: s }: ClientAccount): string {
  const user = address ? xmlEscape(address) : "%EMAILADDRESS%";
  const server = (
    kind: "incomingServer" | "outgoingServer",
    type: string,
    host: string,
    port: number,
    enc: "ssl" | "starttls",
  ) => `    <${kind} type="${type}">
      <hostname>${xmlEscape(host)}</hostname>
      <port>${port}</port>
      <socketType>${socketType(enc)}</socketType>
      <authentication>password-cleartext</authentication>
      <username>${user}</username>
    </${kind}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="${xmlEscape(s.imapHost)}">
${domain ? `    <domain>${xmlEscape(domain)}</domain>\n` : ""}    <displayName>${xmlEscape(PROVIDER_NAME)}${domain ? ` (${xmlEscape(domain)})` : ""}</displayName>
    <displayShortName>${xmlEscape(PROVIDER_NAME)}</displayShortName>
${server("incomingServer", "imap", s.imapHost, s.imapPort, s.imapEncryption)}
${server("outgoingServer", "smtp", s.smtpHost, s.smtpPort, s.smtpEncryption)}
  </emailProvider>
</clientConfig>
`;
}
