import fs from "node:fs";
import path from "node:path";

/**
 * Server-action requests that Next refuses itself answer HTTP 500 with a digest: a foreign or
 * `null` Origin (its CSRF check), a body over its 1 MB limit, a body React's client never sends.
 * Nothing is written, but monitoring counts server errors and the person sees a broken page. The
 * production server (scripts/serve.mjs) therefore checks the same things first, from the headers
 * alone, and answers 403, 413, 411 or 400 with a short text in the visitor's language: plain text to
 * the app's own fetch (Next's client shows a 4xx text/plain body as the error), a page to a form
 * posted without JavaScript. Mirrors next/dist/server/app-render/action-handler.js (Next 16.4).
 * Plain JavaScript because serve.mjs imports it; tests/e2e/action-refusals.test.ts checks it.
 */

/** Next's default serverActions.bodySizeLimit; next.config.mjs keeps the default. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const LOCALES = ["de", "en", "it"];
const LOCALE_COOKIE = "NEXT_LOCALE";

/** What Next treats as a server action: a POST with a Next-Action header, or any multipart POST. */
function isActionRequest(req) {
  if (req.method !== "POST") return false;
  // Route handlers (/api/…) answer their own POSTs.
  if ((req.url ?? "/").startsWith("/api/")) return false;
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  return typeof req.headers["next-action"] === "string" || type.startsWith("multipart/form-data");
}

/** The host Next compares the Origin with: the first X-Forwarded-Host, else Host. */
function requestHost(headers) {
  const forwarded = headers["x-forwarded-host"];
  const first = Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(",")[0]?.trim();
  return first || headers.host;
}

function originHost(origin) {
  if (origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Why Next would refuse this request, or null when it may go on to Next. */
export function actionRefusal(req) {
  if (!isActionRequest(req)) return null;
  const origin = req.headers.origin;
  // No Origin at all is a hand-made request without a browser's cookies; Next lets it through too.
  if (origin !== undefined && originHost(origin) !== requestHost(req.headers)) return { status: 403, reason: "origin" };
  // Browsers always send the length of a form or fetch body; without it Next would count the bytes
  // and fail with a 500 past the limit.
  const length = Number(req.headers["content-length"]);
  const forwarded = req.headers["x-action-forwarded"] !== undefined; // Next's own forward streams the body
  if (!forwarded && (req.headers["transfer-encoding"] !== undefined || !Number.isInteger(length)))
    return { status: 411, reason: "badRequest" };
  if (length > ACTION_BODY_LIMIT) return { status: 413, reason: "tooLarge" };
  // React's client posts multipart/form-data or, for plain arguments, text/plain; never JSON.
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data") && !type.startsWith("text/plain")) return { status: 400, reason: "badRequest" };
  return null;
}

const textsByLocale = new Map();

/** The `refused` texts of messages/<locale>/refused.json, read once per process. */
function refusedTexts(locale, root = process.cwd()) {
  let texts = textsByLocale.get(locale);
  if (!texts) {
    texts = JSON.parse(fs.readFileSync(path.join(root, "messages", locale, "refused.json"), "utf8")).refused;
    textsByLocale.set(locale, texts);
  }
  return texts;
}

/** The language the app would answer in: the locale cookie, else German (lib/i18n/request.ts). */
export function requestLocale(req) {
  const cookie = String(req.headers.cookie ?? "");
  const value = cookie
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return LOCALES.includes(value) ? value : "de";
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A fetch action with a text/plain body carries one JSON row of React's reply encoding; Next hands
 * it to React's decodeReply, which throws (HTTP 500) on anything else. A single row can only use the
 * escapes that need no other row: "$$…" (a string that starts with "$"), "$undefined", "$NaN",
 * "$Infinity", "$-Infinity", "$-0", "$D…" (a date) and "$n…" (a BigInt). References to other rows
 * ("$K1", "$@2", "$Q3"…) exist only in multipart bodies.
 */
export function isDecodablePlainReply(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const pending = [value];
  while (pending.length) {
    const item = pending.pop();
    if (typeof item === "string") {
      if (item.startsWith("$") && !/^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/.test(item)) return false;
    } else if (item && typeof item === "object") {
      pending.push(...Object.values(item));
    }
  }
  return true;
}

/** Whether the request is a fetch action with a text/plain body, which needs its body read first. */
function hasPlainReplyBody(req) {
  return (
    typeof req.headers["next-action"] === "string" &&
    String(req.headers["content-type"] ?? "")
      .toLowerCase()
      .startsWith("text/plain")
  );
}

/**
 * Reads the whole body (actionRefusal already bounded it by Content-Length) and puts it back into
 * the stream with unshift, which Node allows before 'end' was emitted, so Next reads it unchanged.
 */
function peekBody(req) {
  const expected = Number(req.headers["content-length"]);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let length = 0;
    const finish = (ended = false) => {
      req.off("readable", onReadable);
      req.off("end", onEnd);
      req.off("error", reject);
      const body = Buffer.concat(chunks);
      // After 'end' (a body shorter than its Content-Length) nothing can go back: refuse it.
      if (ended) return resolve(null);
      if (body.length) req.unshift(body);
      resolve(body.toString("utf8"));
    };
    const onEnd = () => finish(length < expected);
    const onReadable = () => {
      let chunk;
      while (length < expected && (chunk = req.read()) !== null) {
        chunks.push(chunk);
        length += chunk.length;
      }
      if (length >= expected) finish();
    };
    req.on("readable", onReadable);
    req.on("end", onEnd);
    req.on("error", reject);
  });
}

/**
 * For serve.mjs: answers a refused action request, or hands it to `next` (Next's handler), after
 * reading a text/plain body that React could not decode (400 instead of Next's 500).
 */
export function guardAction(req, res, next) {
  if (refuseBadAction(req, res)) return;
  if (!hasPlainReplyBody(req)) return next();
  peekBody(req).then(
    (text) => (text !== null && isDecodablePlainReply(text) ? next() : refuse(req, res, { status: 400, reason: "badRequest" })),
    () => res.destroy(),
  );
}

/** For serve.mjs: answers a refused action request and returns true, or leaves the request to Next. */
export function refuseBadAction(req, res) {
  const refusal = actionRefusal(req);
  if (!refusal) return false;
  refuse(req, res, refusal);
  return true;
}

function refuse(req, res, refusal) {
  const locale = requestLocale(req);
  const texts = refusedTexts(locale);
  const message = texts[refusal.reason];
  // Read (and drop) what the client still sends, so it sees this answer instead of a reset connection.
  req.resume();
  res.statusCode = refusal.status;
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Connection", "close");
  if (typeof req.headers["next-action"] === "string") {
    // Exactly "text/plain": only then does Next's client show the body as the error message.
    res.setHeader("Content-Type", "text/plain");
    res.end(message);
  } else {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(texts.title)}</title></head>` +
        `<body><h1>${escapeHtml(texts.title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">${escapeHtml(texts.back)}</a></p></body></html>`,
    );
  }
}
