/**
 * Checks for values written into the mail servers' config files (Dovecot, Postfix). Neither syntax has
 * escaping we could rely on, so odd paths or host names are refused outright instead of quoted.
 */
export function checkPath(name: string, value: string) {
  if (!value.startsWith("/") || !/^[A-Za-z0-9/._@+-]+$/.test(value)) {
    throw new Error(`${name} must be an absolute path of plain characters, got ${JSON.stringify(value)}`);
  }
}

export function checkPort(name: string, value: number) {
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} is not a port: ${value}`);
}

/** Reads a port from an environment variable; unset or empty means the fallback. */
export function envPort(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${raw} is not a port`);
  return n;
}
