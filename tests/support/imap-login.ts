import { ImapFlow } from "imapflow";

/** true: Dovecot accepted the login and opened INBOX; false: it refused the credentials; throws otherwise. */
export async function imapLogin(port: number, user: string, pass: string, host = "127.0.0.1"): Promise<boolean> {
  const client = new ImapFlow({
    host, port, secure: false, logger: false, auth: { user, pass },
    connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000,
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
