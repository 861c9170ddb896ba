import "server-only";
import type { Transporter } from "nodemailer";
import { type Env, settingsFrom } from "@/lib/config";

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
};

/**
 * Outgoing mail settings of the given environment (default: this process's): KONTOR_SMTP_HOST,
 * KONTOR_SMTP_PORT, KONTOR_SMTP_SECURE (1 = implicit TLS), KONTOR_SMTP_USER, KONTOR_SMTP_PASSWORD,
 * KONTOR_MAIL_FROM. Without them, mail goes to the sink on 127.0.0.1.
 */
export function smtpSettingsFromEnv(env?: Env): SmtpSettings {
  return settingsFrom(env).smtp;
}

let cached: { key: string; transport: Transporter } | undefined;

async function transportFor(s: SmtpSettings): Promise<Transporter> {
  const key = JSON.stringify(s);
  if (cached?.key === key) return cached.transport;
  // Loaded with the first mail, not with the server: most workers never send one.
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.password ?? "" } : undefined,
    // Bounded waits: a dead relay must not hold a request for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  cached = { key, transport };
  return transport;
}

export type OutgoingMail = { to: string; subject: string; text: string };

/**
 * Sends one plain-text mail. Recipients are single addresses validated before they get here, passed
 * as an address object so nodemailer encodes them; subject and body come from fixed templates.
 */
export async function sendMail(mail: OutgoingMail, settings: SmtpSettings = smtpSettingsFromEnv()): Promise<void> {
  if (hasLineBreak(mail.to) || hasLineBreak(mail.subject)) throw new Error("refusing a header with a line break");
  const transport = await transportFor(settings);
  await transport.sendMail({
    from: settings.from,
    to: { name: "", address: mail.to },
    subject: mail.subject,
    text: mail.text,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

export function hasLineBreak(value: string): boolean {
  return /[\r\n]/.test(value);
}
