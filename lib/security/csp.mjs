/**
 * Kontor's Content-Security-Policy. Plain JavaScript because scripts/serve.mjs (the production
 * server) sets it as well as next.config.mjs (static assets) and proxy.ts (`next dev`).
 *
 * Scripts: only those carrying this response's nonce, plus what they load themselves
 * ('strict-dynamic'); no 'unsafe-inline', and 'unsafe-eval' only in `next dev` (React's dev tooling
 * evaluates code). An injected <script> or on*= attribute therefore never runs.
 * Styles: same-origin stylesheets and nonced <style> elements; no inline style attributes.
 * Workers: the ALTCHA proof-of-work worker is served from our own origin (app/api/altcha/worker).
 */
export function buildCsp({ nonce, isDev = false } = {}) {
  const nonceSource = nonce ? ` 'nonce-${nonce}'` : "";
  return [
    "default-src 'self'",
    `script-src 'self'${nonceSource}${nonce ? " 'strict-dynamic'" : ""}${isDev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self'${nonceSource}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * applyCsp is the adapter for Next's nonce (ARCHITECTURE.md, "Library seams"): Next reads the nonce
 * from the request's Content-Security-Policy header, as its docs describe for a proxy, but here the
 * header is set before Next sees the request. tests/e2e/security-headers.test.ts checks the result.
 */
export const VERIFIED_WITH = { next: "16.4.6" };

/** 128 random bits, base64: unguessable and fresh for every response. */
export function createNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Static assets run no inline code; next.config.mjs gives them the nonce-free policy. */
export const STATIC_PATH = /^\/(?:_next\/static|_next\/image|favicon\.ico)(?:\/|$)/;

/**
 * For the production server, before Next sees the request: a fresh nonce in the response's policy
 * and in the request's CSP header, which is where Next reads the nonce for its own <script> tags.
 * Whatever CSP header the client sent is overwritten, so nobody picks their own nonce.
 * Doing this here instead of in proxy.ts saves Next's proxy round (~0.7 ms of CPU per page).
 */
export function applyCsp(req, res) {
  if (STATIC_PATH.test(req.url ?? "/")) {
    delete req.headers["content-security-policy"];
    return;
  }
  const csp = buildCsp({ nonce: createNonce() });
  req.headers["content-security-policy"] = csp;
  res.setHeader("Content-Security-Policy", csp);
}
