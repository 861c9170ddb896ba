// @ts-check
// Plain JavaScript on purpose: a next.config.ts makes every production worker load Next's SWC
// compiler (~27 MB of resident memory per worker) just to transpile this file at start.
import { PHASE_PRODUCTION_SERVER } from "next/constants.js";
import { parseSettings } from "./lib/config/settings.mjs";
import { buildCsp } from "./lib/security/csp.mjs";

// Checks every setting when Next starts or builds: a wrong value stops it with a message naming it.
const settings = parseSettings(process.env);

/** Hardening headers for every response; the CSP itself comes from proxy.ts (with a nonce). */
const hardening = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
/** The proxy skips static assets (see its matcher); they get the same policy without a nonce. */
const staticCsp = [{ key: "Content-Security-Policy", value: buildCsp({ isDev: settings.nodeEnv === "development" }) }];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Separate output folders per purpose (.next demo and production, .next-test tests, .next-bench).
  distDir: settings.server.distDir,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  poweredByHeader: false,
  headers() {
    return Promise.resolve([
      { source: "/:path*", headers: hardening },
      { source: "/_next/static/:path*", headers: staticCsp },
      { source: "/_next/image", headers: staticCsp },
      { source: "/favicon.ico", headers: staticCsp },
    ]);
  },
};

/**
 * next-intl's plugin only points the build at lib/i18n/request.ts; what it adds is compiled into the
 * bundles. A production server skips it: importing it loads @swc/core and a file watcher into every
 * worker (~10 MB each) that a running server never uses.
 * @param {string} phase
 */
export default async function config(phase) {
  if (phase === PHASE_PRODUCTION_SERVER) return nextConfig;
  const { default: createNextIntlPlugin } = await import("next-intl/plugin");
  return createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
}
