import fs from "node:fs";
import path from "node:path";
import { type Env, settingsFrom } from "@/lib/config";
import { DEFAULTS } from "@/lib/config/settings.mjs";

/** Port of the loopback sink (scripts/smtp-sink.ts) that demo and tests use when nothing else is set. */
export const DEFAULT_SINK_PORT = DEFAULTS.smtpPort;

export type SinkMail = {
  id: string;
  receivedAt: Date;
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string[]>;
};

/** Where the loopback sink stores mail: KONTOR_MAIL_SINK_DIR, else `mail-sink` beside the database. */
export function sinkDir(env?: Env): string {
  return settingsFrom(env).paths.mailSinkDir;
}

/** Newest first; only the file names the sink writes are read, so no path can escape the folder. */
export function listSinkMails(dir = sinkDir(), limit = 50): SinkMail[] {
  let names: string[];
  try {
    names = fs.readdirSync(/*turbopackIgnore: true*/ dir).filter((n) => /^\d+-[0-9a-f]+\.eml$/.test(n));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .slice(0, limit)
    .map((name) => parseEml(name.replace(/\.eml$/, ""), fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name))));
}

/** Parses the single-part text/plain mails Kontor sends; enough for the demo page and the tests. */
export function parseEml(id: string, raw: Buffer): SinkMail {
  const source = raw.toString("utf8");
  const split = source.search(/\r?\n\r?\n/);
  const head = split < 0 ? source : source.slice(0, split);
  const body = split < 0 ? "" : source.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string[]> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i <= 0) continue;
    const key = line.slice(0, i).trim().toLowerCase();
    (headers[key] ??= []).push(decodeWords(line.slice(i + 1).trim()));
  }
  // A header that never appeared has no entry: the record's index type cannot say so, Object.hasOwn can.
  const first = (k: string) => (Object.hasOwn(headers, k) ? headers[k][0] : "");
  const encoding = (first("content-transfer-encoding") || "7bit").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body, "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  return {
    id,
    receivedAt: new Date(Number(id.split("-")[0])),
    from: first("from"),
    to: first("to"),
    subject: first("subject"),
    text,
    headers,
  };
}

function decodeQuotedPrintable(s: string): string {
  const input = Array.from(s.replace(/=\r?\n/g, ""));
  const out: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const hex = input[i] === "=" ? input.slice(i + 1, i + 3).join("") : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(...Buffer.from(input[i], "utf8"));
  }
  return Buffer.from(out).toString("utf8");
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes non-ASCII headers. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*(?==\?)?/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}
