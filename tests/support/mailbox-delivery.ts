import fs from "node:fs";
import path from "node:path";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";

const HOST = "127.0.0.1";

/** Delivers one message over LMTP, as the MTA would after accepting it; resolves with the LMTP answer. */
export async function deliverLmtp(
  port: number,
  msg: { from: string; to: string; subject: string; headers?: Record<string, string>; body?: string },
) {
  const transport = nodemailer.createTransport({ host: HOST, port, lmtp: true, ignoreTLS: true, connectionTimeout: 5_000 });
  try {
    const info = await transport.sendMail({
      from: msg.from,
      to: msg.to,
      subject: msg.subject,
      text: msg.body ?? `Body of ${msg.subject}\n`,
      headers: msg.headers,
    });
    return info.response;
  } finally {
    transport.close();
  }
}

export type Landed = { folder: string; specialUse: string | undefined; subject: string; flags: string[]; header: string };

/** Every message of every folder of the mailbox, with flags and raw header, read over IMAP. */
export async function listMailbox(port: number, user: string, pass: string): Promise<Landed[]> {
  const client = new ImapFlow({
    host: HOST,
    port,
    secure: false,
    logger: false,
    auth: { user, pass },
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  client.on("error", () => {});
  await client.connect();
  const out: Landed[] = [];
  try {
    for (const box of await client.list()) {
      const lock = await client.getMailboxLock(box.path);
      try {
        if (client.mailbox && client.mailbox.exists > 0) {
          for await (const m of client.fetch("1:*", { envelope: true, flags: true, headers: true })) {
            out.push({
              folder: box.path,
              specialUse: box.specialUse,
              subject: m.envelope?.subject ?? "",
              flags: [...(m.flags ?? [])],
              header: m.headers?.toString("utf8") ?? "",
            });
          }
        }
      } finally {
        lock.release();
      }
    }
  } finally {
    await client.logout();
  }
  return out;
}

/** Waits (bounded) for a message in the loopback SMTP sink's folder whose text matches. */
export async function waitForSinkMail(dir: string, match: string, timeoutMs = 8_000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const name of fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith(".eml")) : []) {
      const raw = fs.readFileSync(path.join(dir, name), "utf8");
      if (raw.includes(match)) return raw;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/**
 * Waits (bounded) until a message with this subject is in the mailbox, for mail that went through an
 * MTA's queue: Postfix answers 250 before it hands the message to Dovecot.
 */
export async function waitForLanded(port: number, user: string, pass: string, subject: string, timeoutMs = 10_000): Promise<Landed[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await listMailbox(port, user, pass)).filter((m) => m.subject === subject);
    if (found.length || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 150));
  }
}
