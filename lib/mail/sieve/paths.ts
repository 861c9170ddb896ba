import path from "node:path";
import { type Env, settingsFrom } from "@/lib/config";

/**
 * Where the per-mailbox scripts live. Dovecot's folder sits beside the database (data/dovecot,
 * or $KONTOR_TEST_DIR/dovecot in the test runner), so both sides agree without configuration;
 * KONTOR_SIEVE_DIR overrides it.
 */
export function sieveDir(env?: Env): string {
  return settingsFrom(env).paths.sieveDir;
}

// Dovecot expands %Lu to exactly this lower-cased user name: a mailbox's address, or a mail account's
// login (`k10001.002`). Anything else never becomes a file name.
const SAFE_ADDRESS = /^[a-z0-9_+=-]+(\.[a-z0-9_+=-]+)*(@[a-z0-9-]+(\.[a-z0-9-]+)+)?$/;

/** `<dir>/<user>.sieve`, or null when the user name could not be a safe file name. */
export function scriptFile(dir: string, address: string): string | null {
  return SAFE_ADDRESS.test(address) ? path.join(dir, `${address}.sieve`) : null;
}

export const DEFAULT_SCRIPT = "default.sieve";
