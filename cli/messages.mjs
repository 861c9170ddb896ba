// Texts of the `kontor` command in German and English, chosen by the locale of the shell
// (LC_ALL, LC_MESSAGES, LANG, or KONTOR_LANG): German for de*, English otherwise.
// The commands and their synopses are listed once (SYNOPSES); each language only names the
// placeholders and says what a command does, and the help texts are built from both.

/** Every command with its arguments; {word} is a placeholder each language names in WORDS. */
const SYNOPSES = {
  login: "[--url URL] [--key {KEY}]",
  whoami: "[--json]",
  "mailbox list": "<{domain}> [--prefix {TEXT}] [--limit N] [--all] [--json|--csv]",
  "mailbox show": "<{address}> [--json]",
  "mailbox create": "<{address}> [--quota 2G|500M|max] [--password-stdin] [--json]",
  "mailbox passwd": "<{address}> [--stdin] [--generate]",
  "mailbox set": "<{address}> [--quota 2G|max] [--enable|--disable] [--json]",
  "mailbox forward": "<{address}> [<{target}>…] [--keep-copy yes|no] [--json]",
  "mailbox spam": "<{address}> on|off [--json]",
  "mailbox delete": "<{address}> --yes",
  "alias list": "<{domain}> [--json|--csv]",
  "alias create": "<{address}> <{target}> [<{target}>…] [--json]",
  "alias delete": "<{address}>",
  "catchall set": "<{domain}> <{mailbox}|off> [--json]",
  "domain list": "[--json|--csv]",
  "customer list": "[--search {TEXT}] [--json|--csv]",
  "customer show": "<id> [--json]",
  "customer create":
    "--name {TEXT} --email {EMAIL} [--company {TEXT}] [--street {TEXT}] [--postal-code {TEXT}] [--city {TEXT}] [--country DE] [--phone {TEXT}] [--json]",
  "customer update":
    "<id> [--name …] [--email …] [--company …] [--street …] [--postal-code …] [--city …] [--country …] [--phone …] [--json]",
  "customer delete": "<id> --yes",
  "package list": "[--json|--csv]",
  "package show": "<id> [--json]",
  "package create":
    "<{name}> --panel plesk8|plesk9|plesk10|none [--max-domains N] [--max-mailboxes N] [--quota 2G] [--max-forwards N] [--max-aliases N] [--spam yes|no] [--forwarding yes|no] [--json]",
  "package update":
    "<id> [--name {TEXT}] [--panel …] [--max-domains N] [--max-mailboxes N] [--quota …] [--max-forwards N] [--max-aliases N] [--spam yes|no] [--forwarding yes|no] [--json]",
  "package delete": "<id> --yes",
  "reseller list": "[--json|--csv]",
  "reseller show": "<id> [--json]",
  "reseller create": "<{name}> --base 30000 --email {EMAIL} [--json]",
  "reseller update": "<id> [--name {TEXT}] [--base N] [--json]",
  "reseller delete": "<id> --yes",
  "ticket list": "[--status new|in_progress|answered|closed] [--json|--csv]",
  "ticket show": "<id> [--json]",
  "ticket create": "--subject {TEXT} --message {TEXT} [--category general|billing|technical] [--json]",
  "audit list": "[--action {PREFIX}] [--target {PREFIX}] [--json|--csv]",
};

const EXIT_CODES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

const TEXTS = {
  de: {
    usageLine: "Aufruf: kontor <Befehl> [Optionen]",
    commandsTitle: "Befehle:",
    words: {
      KEY: "SCHLÜSSEL",
      TEXT: "TEXT",
      PREFIX: "PRÄFIX",
      EMAIL: "E-MAIL",
      domain: "domain",
      address: "adresse",
      target: "ziel",
      mailbox: "mailbox",
      name: "name",
    },
    summaries: {
      login: "URL und API-Schlüssel speichern (~/.config/kontor/config.json, Modus 0600)",
      whoami: "zeigt, wem der Schlüssel gehört und was er darf",
      "mailbox list": "Mailboxen einer Domain",
      "mailbox show": "eine Mailbox",
      "mailbox create": "neue Mailbox",
      "mailbox passwd": "neues Passwort",
      "mailbox set": "Speicherplatz, an/aus",
      "mailbox forward": "Weiterleitung setzen (ohne Ziel: aus)",
      "mailbox spam": "Spamfilter an oder aus",
      "mailbox delete": "Mailbox löschen",
      "alias list": "E-Mail-Aliase einer Domain",
      "alias create": "neuer Alias",
      "alias delete": "Alias löschen",
      "catchall set": "Catch-all setzen oder abschalten",
      "domain list": "Ihre Domains",
      "customer list": "Kunden (Reseller)",
      "customer show": "ein Kunde mit Verträgen",
      "customer create": "neuer Kunde; das Passwort seines Zugangs wird einmal angezeigt",
      "customer update": "Stammdaten ändern",
      "customer delete": "Kunden ohne Verträge löschen",
      "package list": "Tarife (Reseller)",
      "package show": "ein Tarif",
      "package create": "neuer Tarif",
      "package update": "Tarif ändern",
      "package delete": "ungenutzten Tarif löschen",
      "reseller list": "Reseller (Administration)",
      "reseller show": "ein Reseller",
      "reseller create": "neuer Reseller; das Passwort seines Zugangs wird einmal angezeigt",
      "reseller update": "Name oder Basis der Kundennummern ändern",
      "reseller delete": "Reseller ohne Kunden löschen",
      "ticket list": "Tickets",
      "ticket show": "ein Ticket",
      "ticket create": "neues Ticket",
      "audit list": "Protokoll",
    },
    notes: {
      login: "Fragt fehlende Angaben ab (den Schlüssel verdeckt), prüft sie und speichert sie mit Modus 0600.",
      "mailbox list": "Ohne --all nur die erste Seite; --all holt alle Seiten.",
      "mailbox create": "Ohne --password-stdin erzeugt Kontor ein Passwort und zeigt es einmal an.",
      "mailbox passwd": "Fragt das Passwort zweimal verdeckt ab; --stdin liest es von der Standardeingabe.",
      change: "Liest den Datensatz und ändert nur, wenn er seitdem unverändert ist (If-Match).",
      limits: "Grenzen: eine Zahl oder unlimited; --quota ist der Speicher je Postfach.",
    },
    footer: `Jeder Befehl kennt --help. Ausgabe: Tabelle, oder --json / --csv für Skripte.
Umgebung: KONTOR_URL, KONTOR_API_KEY (statt login), KONTOR_CONFIG (Pfad der Konfigurationsdatei).`,
    exitTitle: "Exit-Codes:",
    exitCodes: [
      "ok",
      "unerwartet",
      "Aufruf falsch",
      "nicht angemeldet (401)",
      "keine Berechtigung (403)",
      "nicht gefunden (404)",
      "Konflikt (409/412)",
      "ungültige Angaben (400/422)",
      "zu viele Anfragen (429)",
      "keine Verbindung",
    ],
    loginUrl: "URL von Kontor (z. B. https://panel.example.org): ",
    loginKey: "API-Schlüssel: ",
    loginSaved: (file, who) => `Angemeldet als ${who}. Gespeichert in ${file}.`,
    notLoggedIn: "Nicht angemeldet: bitte erst `kontor login` ausführen oder KONTOR_URL und KONTOR_API_KEY setzen.",
    unknownCommand: (c) => `Unbekannter Befehl: ${c}. Hilfe: kontor --help`,
    missingArg: (a) => `Es fehlt: ${a}. Hilfe: --help`,
    badQuota: (q) => `Ungültige Größe: ${q} (z. B. 500M, 2G oder max)`,
    badNumber: (o, v) => `${o}: ${v} ist keine ganze Zahl (oder unlimited).`,
    badChoice: (o, v, choices) => `${o}: ${v} geht nicht, bitte ${choices}.`,
    noMailbox: (a) => `Keine Mailbox ${a}.`,
    newPassword: "Neues Passwort: ",
    repeatPassword: "Passwort wiederholen: ",
    mismatch: "Die Passwörter stimmen nicht überein.",
    generatedPassword: (p) => `Erzeugtes Passwort (wird nur jetzt angezeigt): ${p}`,
    passwordSet: "Passwort gesetzt.",
    deleted: (a) => `${a} gelöscht.`,
    confirmDelete: (a) => `${a} wirklich löschen? Dann mit --yes aufrufen.`,
    connectionFailed: (u, e) => `Keine Verbindung zu ${u}: ${e}`,
    nothingToChange: "Nichts zu ändern: bitte mindestens eine Option angeben (siehe --help).",
  },
  en: {
    usageLine: "Usage: kontor <command> [options]",
    commandsTitle: "Commands:",
    words: {
      KEY: "KEY",
      TEXT: "TEXT",
      PREFIX: "PREFIX",
      EMAIL: "EMAIL",
      domain: "domain",
      address: "address",
      target: "target",
      mailbox: "mailbox",
      name: "name",
    },
    summaries: {
      login: "save URL and API key (~/.config/kontor/config.json, mode 0600)",
      whoami: "who owns the key and what it may do",
      "mailbox list": "mailboxes of a domain",
      "mailbox show": "one mailbox",
      "mailbox create": "new mailbox",
      "mailbox passwd": "new password",
      "mailbox set": "quota, on/off",
      "mailbox forward": "set forwarding (no target: off)",
      "mailbox spam": "spam filter on or off",
      "mailbox delete": "delete a mailbox",
      "alias list": "aliases of a domain",
      "alias create": "new alias",
      "alias delete": "delete an alias",
      "catchall set": "set or switch off the catch-all",
      "domain list": "your domains",
      "customer list": "customers (resellers)",
      "customer show": "one customer with its subscriptions",
      "customer create": "new customer; its login's password is shown once",
      "customer update": "change Stammdaten",
      "customer delete": "delete a customer without subscriptions",
      "package list": "packages (resellers)",
      "package show": "one package",
      "package create": "new package",
      "package update": "change a package",
      "package delete": "delete an unused package",
      "reseller list": "resellers (administration)",
      "reseller show": "one reseller",
      "reseller create": "new reseller; its login's password is shown once",
      "reseller update": "change name or customer number base",
      "reseller delete": "delete a reseller without customers",
      "ticket list": "tickets",
      "ticket show": "one ticket",
      "ticket create": "new ticket",
      "audit list": "audit log",
    },
    notes: {
      login: "Asks for what is missing (the key hidden), checks it and saves it with mode 0600.",
      "mailbox list": "Without --all only the first page; --all fetches every page.",
      "mailbox create": "Without --password-stdin Kontor generates a password and shows it once.",
      "mailbox passwd": "Asks for the password twice, hidden; --stdin reads it from standard input.",
      change: "Reads the record and changes it only if it is unchanged since (If-Match).",
      limits: "Limits: a number or unlimited; --quota is the space per mailbox.",
    },
    footer: `Every command takes --help. Output: a table, or --json / --csv for scripts.
Environment: KONTOR_URL, KONTOR_API_KEY (instead of login), KONTOR_CONFIG (path of the config file).`,
    exitTitle: "Exit codes:",
    exitCodes: [
      "ok",
      "unexpected",
      "usage",
      "not logged in (401)",
      "not allowed (403)",
      "not found (404)",
      "conflict (409/412)",
      "invalid input (400/422)",
      "too many requests (429)",
      "no connection",
    ],
    loginUrl: "Kontor URL (e.g. https://panel.example.org): ",
    loginKey: "API key: ",
    loginSaved: (file, who) => `Logged in as ${who}. Saved in ${file}.`,
    notLoggedIn: "Not logged in: run `kontor login` first, or set KONTOR_URL and KONTOR_API_KEY.",
    unknownCommand: (c) => `Unknown command: ${c}. Help: kontor --help`,
    missingArg: (a) => `Missing: ${a}. Help: --help`,
    badQuota: (q) => `Invalid size: ${q} (e.g. 500M, 2G or max)`,
    badNumber: (o, v) => `${o}: ${v} is not a whole number (or unlimited).`,
    badChoice: (o, v, choices) => `${o}: ${v} is not possible, use ${choices}.`,
    noMailbox: (a) => `No mailbox ${a}.`,
    newPassword: "New password: ",
    repeatPassword: "Repeat password: ",
    mismatch: "The passwords do not match.",
    generatedPassword: (p) => `Generated password (shown only now): ${p}`,
    passwordSet: "Password set.",
    deleted: (a) => `${a} deleted.`,
    confirmDelete: (a) => `Really delete ${a}? Then run with --yes.`,
    connectionFailed: (u, e) => `Cannot connect to ${u}: ${e}`,
    nothingToChange: "Nothing to change: give at least one option (see --help).",
  },
};

/** Which note a command's --help adds below its synopsis. */
const NOTE_OF = {
  login: "login",
  "mailbox list": "mailbox list",
  "mailbox create": "mailbox create",
  "mailbox passwd": "mailbox passwd",
  "mailbox set": "change",
  "mailbox forward": "change",
  "mailbox spam": "change",
  "customer update": "change",
  "package create": "limits",
  "package update": "limits",
  "reseller update": "change",
};

export const COMMAND_NAMES = Object.keys(SYNOPSES);

function synopsis(lang, name) {
  const words = TEXTS[lang].words;
  return `kontor ${name} ${SYNOPSES[name].replace(/\{(\w+)\}/g, (_m, w) => words[w] ?? w)}`;
}

function build(lang) {
  const t = TEXTS[lang];
  const width = Math.max(...COMMAND_NAMES.map((n) => n.length)) + 2;
  const usage = [
    t.usageLine,
    "",
    t.commandsTitle,
    ...COMMAND_NAMES.map((n) => `  ${n.padEnd(width)}${t.summaries[n]}`),
    "",
    t.footer,
    `${t.exitTitle} ${EXIT_CODES.map((c) => `${c} ${t.exitCodes[c]}`).join(", ")}.`,
  ].join("\n");
  const commandHelp = Object.fromEntries(
    COMMAND_NAMES.map((n) => [n, [synopsis(lang, n), t.summaries[n], NOTE_OF[n] && t.notes[NOTE_OF[n]]].filter(Boolean).join("\n")]),
  );
  return { ...t, usage, commandHelp };
}

export function cliLanguage(env = process.env) {
  const tag = env.KONTOR_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return tag.toLowerCase().startsWith("de") ? "de" : "en";
}

export function texts(env = process.env) {
  return build(cliLanguage(env));
}
