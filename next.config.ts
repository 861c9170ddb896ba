import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { buildCsp } from "./lib/security/csp.mjs";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** Hardening headers for every response; the CSP itself comes from proxy.ts (with a nonce). */
const hardening = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
/** The proxy skips static assets (see its matcher); they get the same policy without a nonce. */
const staticCsp = [{ key: "Content-Security-Policy", value: buildCsp({ isDev: process.env.NODE_ENV === "development" }) }];

const nextConfig: NextConfig = {
  // Lets parallel builds (several developers, the benchmark) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: hardening },
      { source: "/_next/static/:path*", headers: staticCsp },
      { source: "/_next/image", headers: staticCsp },
      { source: "/favicon.ico", headers: staticCsp },
    ];
  },
};

export default withNextIntl(nextConfig);
