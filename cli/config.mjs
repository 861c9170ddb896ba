// Where `kontor login` keeps the URL and key: $KONTOR_CONFIG, else $XDG_CONFIG_HOME/kontor/config.json,
// else ~/.config/kontor/config.json; the file is written with mode 0600 (the key is a secret), and
// KONTOR_URL / KONTOR_API_KEY take precedence over it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function configPath(env = process.env) {
  if (env.KONTOR_CONFIG) return env.KONTOR_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(base, "kontor", "config.json");
}

export function readConfig(env = process.env) {
  let stored = {};
  try {
    stored = JSON.parse(fs.readFileSync(configPath(env), "utf8"));
  } catch {
    stored = {};
  }
  return { url: env.KONTOR_URL || stored.url, key: env.KONTOR_API_KEY || stored.key };
}

export function writeConfig({ url, key }, env = process.env) {
  const file = configPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ url, key }, null, 2) + "\n", { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return file;
}
