import { type ClientAccount } from "./account";
import { xmlEscape } from "./xml";

/** Outlook's request is a few hundred bytes; anything much larger is not a real client. */
export const MAX_AUTODISCOVER_REQUEST_BYTES = 8 * 1024;

export type AutodiscoverRequest = { ok: true; emailAddress: string | null } | { ok: false };

/**
 * Reads the EMailAddress out of Outlook's POX request without an XML parser: a document type
 * declaration (the door to XXE and entity expansion) is refused outright, nothing is ever expanded,
 * and only the text of one element is taken and then strictly validated by the caller.
 */
export function parseAutodiscoverRequest(body: string): AutodiscoverRequest {
  if (Buffer.byteLength(body, "utf8") > MAX_AUTODISCOVER_REQUEST_BYTES) return { ok: false };
  if (/<!(DOCTYPE|ENTITY)/i.test(body)) return { ok: false };
  if (!/<Autodiscover[\s>]/.test(body)) return { ok: false };
  const match = /<EMailAddress>([^<]{1,320})<\/EMailAddress>/.exec(body);
  return { ok: true, emailAddress: match ? match[1].trim() : null };
}

function protocol(type: "IMAP" | "SMTP", host: string, port: number, enc: "ssl" | "starttls", login: string | null): string {
  return `      <Protocol>
        <Type>${type}</Type>
        <Server>${xmlEscape(host)}</Server>
        <Port>${port}</Port>
        <DomainRequired>off</DomainRequired>
${login ? `        <LoginName>${xmlEscape(login)}</LoginName>\n` : ""}        <SPA>off</SPA>
        <SSL>on</SSL>
        <Encryption>${enc === "ssl" ? "SSL" : "TLS"}</Encryption>
        <AuthRequired>on</AuthRequired>
${type === "SMTP" ? "        <UsePOPAuth>on</UsePOPAuth>\n        <SMTPLast>off</SMTPLast>\n" : ""}      </Protocol>`;
}

/** Outlook's "POX" autodiscover answer (outlook response schema 2006a): IMAP in, SMTP out. */
export function buildAutodiscoverXml({ address, settings: s }: ClientAccount): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
${protocol("IMAP", s.imapHost, s.imapPort, s.imapEncryption, address)}
${protocol("SMTP", s.smtpHost, s.smtpPort, s.smtpEncryption, address)}
    </Account>
  </Response>
</Autodiscover>
`;
}
