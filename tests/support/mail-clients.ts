import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import { portsFromEnv } from "@/scripts/lib/dovecot-process";

const HOST = "127.0.0.1";

/**
 * true: Dovecot accepted the login over IMAP and INBOX opened; false: credentials refused.
 * loginMethod forces IMAP LOGIN (quoted/literal strings) or AUTHENTICATE PLAIN; default: imapflow's choice.
 */
export async function imapLogin(
  user: string,
  pass: string,
  port = portsFromEnv().imap,
  loginMethod?: "LOGIN" | "AUTH=PLAIN",
): Promise<boolean> {
  const client = new ImapFlow({
    host: HOST,
    port,
    secure: false,
    logger: false,
    auth: { user, pass, loginMethod },
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (e) {
    if ((e as { authenticationFailed?: boolean }).authenticationFailed) return false;
    throw e;
  }
  try {
    await client.mailboxOpen("INBOX");
    return true;
  } finally {
    await client.logout();
  }
}

/** true: AUTH accepted on the submission port; false: refused. */
export async function submissionLogin(user: string, pass: string, port = portsFromEnv().submission): Promise<boolean> {
  const transport = nodemailer.createTransport({
    host: HOST,
    port,
    secure: false,
    ignoreTLS: true,
    auth: { user, pass },
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
  });
  try {
    return await transport.verify();
  } catch (e) {
    if ((e as { code?: string }).code === "EAUTH") return false;
    throw e;
  } finally {
    transport.close();
  }
}
