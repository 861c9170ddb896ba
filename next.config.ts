import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { parseSettings } from "./lib/config/settings.mjs";
import { buildCsp } from "./lib/security/csp.mjs";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

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

const nextConfig: NextConfig = {
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

export default withNextIntl(nextConfig);
