import "server-only";
import { after } from "next/server";
import { type OutgoingMail, sendMail } from "@/lib/mail/smtp";

/**
 * Sends after the response is out: the answer to "Passwort vergessen?" must not take longer when a
 * mail goes out, and a slow relay must not hold the page. Failures are logged without the mail
 * (it holds a token).
 */
export function sendAfterResponse(mail: OutgoingMail | null) {
  if (!mail) return;
  after(async () => {
    try {
      await sendMail(mail);
    } catch (error) {
      console.error("recovery mail not sent:", error instanceof Error ? error.name : "unknown error");
    }
  });
}
