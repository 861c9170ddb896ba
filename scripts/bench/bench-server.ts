/** The production build and server that `npm run bench` and `npm run bench:api` measure. */
import { execFileSync } from "node:child_process";
import { BENCH_AUTH_SECRET, benchServerEnv, type ServerHandle, startServer } from "./server";

const DIST = ".next-bench";
export const BENCH_PORT = Number(process.env.KONTOR_BENCH_PORT) || 3390;
const AUTH_SECRET = BENCH_AUTH_SECRET;
// api.ts makes its API key in the runner's process; the server accepts only an HMAC under its own secret.
process.env.AUTH_SECRET = AUTH_SECRET;

/** `next build` into .next-bench unless --no-build reuses the last one. */
export function buildUnlessReused(args: string[]) {
  if (args.includes("--no-build")) return;
  console.log("Building for production …");
  // The build checks every setting as the server would, so it needs the same secret.
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1", AUTH_SECRET },
    stdio: "ignore",
  });
}

export async function startBenchServer(dbFile: string): Promise<ServerHandle> {
  return await startServer(
    {
      ...benchServerEnv(BENCH_PORT, DIST),
      KONTOR_DB: dbFile,
      // The API scenarios measure the requests, not the per-key limit (600 a minute by default).
      KONTOR_API_RATE_LIMIT: "999999",
    },
    BENCH_PORT,
  );
}
