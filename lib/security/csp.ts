/**
 * Kontor's Content-Security-Policy, shared by proxy.ts (HTML and API responses, with a per-request
 * nonce) and next.config.ts (static assets, which the proxy skips and which run no inline code).
 *
 * Scripts: only those carrying this response's nonce, plus what they load themselves
 * ('strict-dynamic'); no 'unsafe-inline', and 'unsafe-eval' only in `next dev` (React's dev tooling
 * evaluates code). An injected <script> or on*= attribute therefore never runs.
 * Styles: same-origin stylesheets and nonced <style> elements; no inline style attributes.
 * Workers: the ALTCHA proof-of-work worker is served from our own origin (app/api/altcha/worker).
 */
export type CspOptions = { nonce?: string; isDev?: boolean };

export function buildCsp({ nonce, isDev = false }: CspOptions = {}): string {
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

/** 128 random bits, base64: unguessable and fresh for every response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
