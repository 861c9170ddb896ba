import { timingSafeEqual } from "node:crypto";

/**
 * The TCP peer's address, handed from the production server (scripts/serve.mjs) to the app.
 *
 * Why a header of our own: Next gives server code no public API for the socket (headers() only),
 * and X-Forwarded-For is not it: Next fills that header from the socket only when the request has
 * none, so a visitor who sends `X-Forwarded-For: 198.51.100.23` chooses the address that throttling
 * and the audit log record. serve.mjs sees the socket before Next does; it deletes whatever copy of
 * this header the client sent and sets the real peer address. lib/auth/client-ip.ts reads it, and
 * believes X-Forwarded-For only behind a configured proxy (KONTOR_TRUST_PROXY).
 * Plain JavaScript because serve.mjs imports it; tests/e2e/client-address.test.ts checks it.
 */
export const SOCKET_ADDRESS_HEADER = "x-kontor-socket-address";

/**
 * Set in the server process by serve.mjs: only then did a server of ours write the header. Under
 * `next dev` or `next start` nobody strips a client's copy, so the app must not believe it there.
 */
export const SOCKET_ADDRESS_MARK = Symbol.for("kontor.socketAddressHeader");

/** IPv4 clients of a dual-stack listener appear as ::ffff:a.b.c.d; the audit shows a.b.c.d. */
export function plainAddress(address) {
  if (typeof address !== "string" || !address) return "";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/**
 * Next forwards a fetch action posted to a page without it to the page that has it, over HTTP to this
 * very server with the original headers; that second request comes from 127.0.0.1. The servers share
 * a random token (set by serve.mjs's primary process) and attach it to every request, so a forward
 * carrying it keeps the visitor's address; nobody else knows the token.
 */
export const FORWARD_TOKEN_HEADER = "x-kontor-forward-token";

function sameToken(given, token) {
  if (typeof given !== "string" || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/** For serve.mjs, before Next sees the request. */
export function applySocketAddress(req, forwardToken) {
  const ours = sameToken(req.headers[FORWARD_TOKEN_HEADER], forwardToken) && typeof req.headers[SOCKET_ADDRESS_HEADER] === "string";
  if (!ours) req.headers[SOCKET_ADDRESS_HEADER] = plainAddress(req.socket?.remoteAddress) || "unknown";
  req.headers[FORWARD_TOKEN_HEADER] = forwardToken;
}

export function markSocketAddressHeader() {
  globalThis[SOCKET_ADDRESS_MARK] = true;
}
