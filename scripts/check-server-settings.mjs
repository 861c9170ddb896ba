/**
 * Checks every setting (lib/config/settings.mjs) and prints, as JSON, the few that the primary process of
 * scripts/serve.mjs needs; a wrong setting ends it with status 1 and a message naming it. A process of
 * its own so that the settings module and zod (~9 MB) stay out of the primary, which lives as long as
 * the server and otherwise only forks workers and hands out hash slots.
 */
import { ConfigError, parseSettings } from "../lib/config/settings.mjs";

try {
  const { host, port, workers, workerHeapMb, workerSemiMb, hashSlots } = parseSettings(process.env).server;
  process.stdout.write(JSON.stringify({ host, port, workers, workerHeapMb, workerSemiMb, hashSlots }));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
