import { MIN_LENGTH } from "@/lib/password/policy";

/**
 * Roundcube's configuration as Kontor writes it (scripts/roundcube.ts): Debian's Roundcube 1.6 with
 * a config folder, database, temp and log folders of our own, logging in at Kontor's Dovecot and
 * changing passwords through Kontor (password plugin + our driver, kontor plugin for the links).
 */
export type RoundcubeConfigInput = {
  /** Folder holding config/, db/, temp/, logs/ and plugins/. */
  dir: string;
  imapPort: number;
  submissionPort: number;
  /** Kontor as Roundcube's server reaches it (the endpoint's base). */
  kontorApiBase: string;
  /** Kontor as the user's browser reaches it (links back). */
  kontorPublicUrl: string;
  secret: string;
  desKey: string;
};

/** A PHP single-quoted string literal: only `\` and `'` are special there. */
export function phpString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function phpFile(entries: Record<string, string | number | boolean | null | string[]>): string {
  const lines = Object.entries(entries).map(([key, value]) => {
    const php = Array.isArray(value)
      ? `[${value.map(phpString).join(", ")}]`
      : typeof value === "string"
        ? phpString(value)
        : value === null
          ? "null"
          : String(value);
    return `$config[${phpString(key)}] = ${php};`;
  });
  return [
    "<?php",
    "// Written by Kontor's scripts/roundcube.ts; changes are overwritten at the next start.",
    "$config = [];",
    ...lines,
    "",
  ].join("\n");
}

/** config.inc.php: Roundcube itself. */
export function renderRoundcubeMainConfig(c: RoundcubeConfigInput): string {
  return phpFile({
    db_dsnw: `sqlite:///${c.dir}/db/roundcube.db?mode=0600`,
    imap_host: `127.0.0.1:${c.imapPort}`,
    smtp_host: `127.0.0.1:${c.submissionPort}`,
    smtp_user: "%u",
    smtp_pass: "%p",
    // The address is the login; never append a domain or guess one.
    username_domain: "",
    product_name: "Webmail",
    support_url: "",
    des_key: c.desKey,
    skin: "elastic",
    // null: the browser's language (German, English, Italian …).
    language: null,
    plugins: ["password", "kontor"],
    temp_dir: `${c.dir}/temp/`,
    log_dir: `${c.dir}/logs/`,
    log_driver: "file",
    enable_installer: false,
    enable_spellcheck: false,
    kontor_public_url: c.kontorPublicUrl,
  });
}

/** password.inc.php: the password plugin, read from the config folder (the plugin has no file of its own here). */
export function renderRoundcubePasswordConfig(c: RoundcubeConfigInput): string {
  return phpFile({
    password_driver: "kontor",
    password_strength_driver: "kontor",
    // The current password is asked for, and Kontor (not Roundcube) checks it, counting wrong answers.
    password_confirm_current: true,
    // Kontor's policy: 15 characters. Roundcube counts bytes, so Kontor remains the judge.
    password_minimum_length: MIN_LENGTH,
    password_minimum_score: 0,
    password_log: false,
    kontor_api_url: `${c.kontorApiBase.replace(/\/+$/, "")}/api/webmail/password`,
    kontor_api_secret: c.secret,
  });
}
