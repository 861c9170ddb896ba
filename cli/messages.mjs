// Texts of the `kontor` command in German and English, chosen by the locale of the shell
// (LC_ALL, LC_MESSAGES, LANG, or KONTOR_LANG): German for de*, English otherwise.
const TEXTS = {
  de: {
    usage: `Aufruf: kontor <Befehl> [Optionen]

Befehle:
  login                         URL und API-Schlüssel speichern (~/.config/kontor/config.json, Modus 0600)
  whoami                        zeigt, wem der Schlüssel gehört und was er darf
  mailbox list <domain>         Mailboxen einer Domain (--prefix, --limit, --all, --json, --csv)
  mailbox show <adresse>        eine Mailbox
  mailbox create <adresse>      neue Mailbox (--quota 2G, --password-stdin; sonst wird ein Passwort erzeugt)
  mailbox passwd <adresse>      neues Passwort (fragt zweimal verdeckt, oder --stdin)
  mailbox set <adresse>         --quota 2G | --quota max, --enable | --disable
  mailbox delete <adresse>      löscht die Mailbox (--yes)
  alias list <domain>           E-Mail-Aliase einer Domain
  alias create <adresse> <ziel…> neuer Alias; alias delete <adresse>
  catchall set <domain> <mailbox|off>  Catch-all setzen oder abschalten
  domain list                   Ihre Domains
  customer list | show <id>     Kunden (Reseller)
  package list | show <id>      Tarife (Reseller)
  reseller list                 Reseller (Administration)
  ticket list | show <id>       Tickets
  ticket create                 --subject, --message, --category general|billing|technical
  audit list                    Protokoll (--action, --target)

Jeder Befehl kennt --help. Ausgabe: Tabelle, oder --json / --csv für Skripte.
Umgebung: KONTOR_URL, KONTOR_API_KEY (statt login), KONTOR_CONFIG (Pfad der Konfigurationsdatei).
Exit-Codes: 0 ok, 1 unerwartet, 2 Aufruf falsch, 3 nicht angemeldet (401), 4 keine Berechtigung (403),
  5 nicht gefunden (404), 6 Konflikt (409/412), 7 ungültige Angaben (400/422), 8 zu viele Anfragen (429),
  9 keine Verbindung.`,
    loginUrl: "URL von Kontor (z. B. https://panel.example.org): ",
    loginKey: "API-Schlüssel: ",
    loginSaved: (file, who) => `Angemeldet als ${who}. Gespeichert in ${file}.`,
    notLoggedIn: "Nicht angemeldet: bitte erst `kontor login` ausführen oder KONTOR_URL und KONTOR_API_KEY setzen.",
    unknownCommand: (c) => `Unbekannter Befehl: ${c}. Hilfe: kontor --help`,
    missingArg: (a) => `Es fehlt: ${a}. Hilfe: --help`,
    badQuota: (q) => `Ungültige Größe: ${q} (z. B. 500M, 2G oder max)`,
    noMailbox: (a) => `Keine Mailbox ${a}.`,
    newPassword: "Neues Passwort: ",
    repeatPassword: "Passwort wiederholen: ",
    mismatch: "Die Passwörter stimmen nicht überein.",
    generatedPassword: (p) => `Erzeugtes Passwort (wird nur jetzt angezeigt): ${p}`,
    passwordSet: "Passwort gesetzt.",
    deleted: (a) => `${a} gelöscht.`,
    confirmDelete: (a) => `${a} wirklich löschen? Dann mit --yes aufrufen.`,
    connectionFailed: (u, e) => `Keine Verbindung zu ${u}: ${e}`,
    nothingToChange: "Nichts zu ändern: --quota, --enable oder --disable angeben.",
    commandHelp: {
      login:
        "kontor login [--url URL] [--key SCHLÜSSEL]\nFragt fehlende Angaben ab (den Schlüssel verdeckt), prüft sie und speichert sie mit Modus 0600.",
      whoami: "kontor whoami [--json]",
      "mailbox list":
        "kontor mailbox list <domain> [--prefix TEXT] [--limit N] [--all] [--json|--csv]\nOhne --all nur die erste Seite; --all holt alle Seiten.",
      "mailbox show": "kontor mailbox show <adresse> [--json]",
      "mailbox create":
        "kontor mailbox create <adresse> [--quota 2G|500M|max] [--password-stdin] [--json]\nOhne --password-stdin erzeugt Kontor ein Passwort und zeigt es einmal an.",
      "mailbox passwd":
        "kontor mailbox passwd <adresse> [--stdin] [--generate]\nFragt das Passwort zweimal verdeckt ab; --stdin liest es von der Standardeingabe.",
      "mailbox set":
        "kontor mailbox set <adresse> [--quota 2G|max] [--enable|--disable]\nÄndert nur, wenn die Mailbox seit dem Lesen unverändert ist (If-Match).",
      "mailbox delete": "kontor mailbox delete <adresse> --yes",
      "domain list": "kontor domain list [--json|--csv]",
      "alias list": "kontor alias list <domain> [--json|--csv]",
      "alias create": "kontor alias create <address> <target> [<target>…] [--json]",
      "alias delete": "kontor alias delete <address>",
      "catchall set": "kontor catchall set <domain> <mailbox|off>",
      "customer list": "kontor customer list [--search TEXT] [--json|--csv]",
      "customer show": "kontor customer show <id> [--json]",
      "package list": "kontor package list [--json|--csv]",
      "package show": "kontor package show <id> [--json]",
      "reseller list": "kontor reseller list [--json|--csv]",
      "ticket list": "kontor ticket list [--status new|in_progress|answered|closed] [--json|--csv]",
      "ticket show": "kontor ticket show <id> [--json]",
      "ticket create": "kontor ticket create --subject TEXT --message TEXT [--category general|billing|technical] [--json]",
      "audit list": "kontor audit list [--action PRÄFIX] [--target PRÄFIX] [--json|--csv]",
    },
  },
  en: {
    usage: `Usage: kontor <command> [options]

Commands:
  login                         save URL and API key (~/.config/kontor/config.json, mode 0600)
  whoami                        who owns the key and what it may do
  mailbox list <domain>         mailboxes of a domain (--prefix, --limit, --all, --json, --csv)
  mailbox show <address>        one mailbox
  mailbox create <address>      new mailbox (--quota 2G, --password-stdin; otherwise a password is generated)
  mailbox passwd <address>      new password (asks twice, hidden, or --stdin)
  mailbox set <address>         --quota 2G | --quota max, --enable | --disable
  mailbox delete <address>      deletes the mailbox (--yes)
  alias list <domain>           aliases of a domain
  alias create <address> <target…> new alias; alias delete <address>
  catchall set <domain> <mailbox|off>  set or switch off the catch-all
  domain list                   your domains
  customer list | show <id>     customers (resellers)
  package list | show <id>      packages (resellers)
  reseller list                 resellers (administration)
  ticket list | show <id>       tickets
  ticket create                 --subject, --message, --category general|billing|technical
  audit list                    audit log (--action, --target)

Every command takes --help. Output: a table, or --json / --csv for scripts.
Environment: KONTOR_URL, KONTOR_API_KEY (instead of login), KONTOR_CONFIG (path of the config file).
Exit codes: 0 ok, 1 unexpected, 2 usage, 3 not logged in (401), 4 not allowed (403), 5 not found (404),
  6 conflict (409/412), 7 invalid input (400/422), 8 too many requests (429), 9 no connection.`,
    loginUrl: "Kontor URL (e.g. https://panel.example.org): ",
    loginKey: "API key: ",
    loginSaved: (file, who) => `Logged in as ${who}. Saved in ${file}.`,
    notLoggedIn: "Not logged in: run `kontor login` first, or set KONTOR_URL and KONTOR_API_KEY.",
    unknownCommand: (c) => `Unknown command: ${c}. Help: kontor --help`,
    missingArg: (a) => `Missing: ${a}. Help: --help`,
    badQuota: (q) => `Invalid size: ${q} (e.g. 500M, 2G or max)`,
    noMailbox: (a) => `No mailbox ${a}.`,
    newPassword: "New password: ",
    repeatPassword: "Repeat password: ",
    mismatch: "The passwords do not match.",
    generatedPassword: (p) => `Generated password (shown only now): ${p}`,
    passwordSet: "Password set.",
    deleted: (a) => `${a} deleted.`,
    confirmDelete: (a) => `Really delete ${a}? Then run with --yes.`,
    connectionFailed: (u, e) => `Cannot connect to ${u}: ${e}`,
    nothingToChange: "Nothing to change: give --quota, --enable or --disable.",
    commandHelp: {
      login: "kontor login [--url URL] [--key KEY]\nAsks for what is missing (the key hidden), checks it and saves it with mode 0600.",
      whoami: "kontor whoami [--json]",
      "mailbox list":
        "kontor mailbox list <domain> [--prefix TEXT] [--limit N] [--all] [--json|--csv]\nWithout --all only the first page; --all fetches every page.",
      "mailbox show": "kontor mailbox show <address> [--json]",
      "mailbox create":
        "kontor mailbox create <address> [--quota 2G|500M|max] [--password-stdin] [--json]\nWithout --password-stdin Kontor generates a password and shows it once.",
      "mailbox passwd":
        "kontor mailbox passwd <address> [--stdin] [--generate]\nAsks for the password twice, hidden; --stdin reads it from standard input.",
      "mailbox set":
        "kontor mailbox set <address> [--quota 2G|max] [--enable|--disable]\nChanges only if the mailbox is unchanged since it was read (If-Match).",
      "mailbox delete": "kontor mailbox delete <address> --yes",
      "domain list": "kontor domain list [--json|--csv]",
      "alias list": "kontor alias list <domain> [--json|--csv]",
      "alias create": "kontor alias create <address> <target> [<target>…] [--json]",
      "alias delete": "kontor alias delete <address>",
      "catchall set": "kontor catchall set <domain> <mailbox|off>",
      "customer list": "kontor customer list [--search TEXT] [--json|--csv]",
      "customer show": "kontor customer show <id> [--json]",
      "package list": "kontor package list [--json|--csv]",
      "package show": "kontor package show <id> [--json]",
      "reseller list": "kontor reseller list [--json|--csv]",
      "ticket list": "kontor ticket list [--status new|in_progress|answered|closed] [--json|--csv]",
      "ticket show": "kontor ticket show <id> [--json]",
      "ticket create": "kontor ticket create --subject TEXT --message TEXT [--category general|billing|technical] [--json]",
      "audit list": "kontor audit list [--action PREFIX] [--target PREFIX] [--json|--csv]",
    },
  },
};

export function cliLanguage(env = process.env) {
  const tag = env.KONTOR_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return tag.toLowerCase().startsWith("de") ? "de" : "en";
}

export function texts(env = process.env) {
  return TEXTS[cliLanguage(env)];
}
