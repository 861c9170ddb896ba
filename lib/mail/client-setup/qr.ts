import QRCode from "qrcode";
import type { ServerSettings } from "@/lib/services/settings/server-settings";

const enc = (e: "ssl" | "starttls") => (e === "ssl" ? "SSL/TLS" : "STARTTLS");

/**
 * The text a phone's camera shows when it reads the code: the account settings, never the
 * password. (Phone mail apps cannot import a QR code directly; the text saves typing errors.)
 */
export function phoneSetupText(address: string, s: ServerSettings): string {
  return [
    address,
    `IMAP ${s.imapHost}:${s.imapPort} ${enc(s.imapEncryption)}`,
    `SMTP ${s.smtpHost}:${s.smtpPort} ${enc(s.smtpEncryption)}`,
    `User ${address}`,
  ].join("\n");
}

export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: "M", margin: 2, width: 220 });
}
