import fs from "node:fs/promises";
import path from "node:path";

let source: Promise<string> | undefined;

/**
 * Serves ALTCHA's SHA worker from our own origin. The default widget bundle starts its workers from
 * blob: URLs, which the CSP (script-src 'self') forbids; a same-origin worker script needs no change.
 */
export async function GET() {
  source ??= fs.readFile(path.join(process.cwd(), "node_modules", "altcha", "dist", "workers", "sha.js"), "utf8");
  return new Response(await source, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
