#!/usr/bin/env bash
# Installs what Kontor needs on a fresh Debian machine: npm packages always, and with
# `--system` also the mail servers (Dovecot, Postfix), PostgreSQL,
# Roundcube (PHP 8.2) and Chromium from apt when they are missing
# (`--no-browser`: not Chromium; the demo needs no browser). apt needs root, or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ " $* " == *" --system "* ]]; then
  # Debian puts dovecot in /usr/sbin, which a non-login shell's PATH may lack.
  PATH="$PATH:/usr/sbin:/sbin"
  missing=()
  command -v dovecot >/dev/null || missing+=(dovecot-core dovecot-imapd dovecot-sqlite dovecot-submissiond dovecot-lmtpd dovecot-sieve)
  # Dovecot's passdb is a Lua script (lib/mail/dovecot-lua-passdb.ts): SQLite and HMAC from Lua 5.4.
  [[ -e /usr/lib/dovecot/modules/auth/libauthdb_lua.so ]] || missing+=(dovecot-auth-lua)
  compgen -G "/usr/lib/*/lua/5.4/dbd/sqlite3.so" >/dev/null || missing+=(lua-dbi-sqlite3)
  [[ -e /usr/share/lua/5.4/openssl/hmac.lua ]] || missing+=(lua-luaossl)
  [[ -x /usr/sbin/postfix ]] || missing+=(postfix)
  [[ -e /usr/lib/postfix/postfix-sqlite.so ]] || missing+=(postfix-sqlite)
  # PostgreSQL, the scale-out database (issue 23): scripts/postgres.ts runs a cluster of its own from
  # the server binaries; the mail servers read it through LuaDBI (Lua passdb), Dovecot's and Postfix's pgsql drivers.
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  compgen -G "/usr/lib/*/lua/5.4/dbd/postgresql.so" >/dev/null || missing+=(lua-dbi-postgresql)
  [[ -e /usr/lib/dovecot/modules/auth/libdriver_pgsql.so ]] || missing+=(dovecot-pgsql)
  [[ -e /usr/lib/postfix/postfix-pgsql.so ]] || missing+=(postfix-pgsql)
  # Between PostgreSQL and the mail servers' long-lived connections (lib/mail/pgbouncer-config.ts).
  [[ -x /usr/sbin/pgbouncer ]] || missing+=(pgbouncer)
  [[ -x /usr/bin/chromium || " $* " == *" --no-browser "* ]] || missing+=(chromium)
  # Roundcube webmail served by `php -S` (scripts/roundcube.ts); php8.2-cli first, so apt needs no web server.
  [[ -f /var/lib/roundcube/index.php ]] && command -v php >/dev/null ||
    missing+=(php8.2-cli php8.2-sqlite3 php8.2-intl php8.2-mbstring php8.2-xml roundcube-core roundcube-plugins roundcube-sqlite3)
  if ((${#missing[@]})); then
    sudo=()
    if ((EUID != 0)); then
      command -v sudo >/dev/null || { echo "Installing ${missing[*]} needs root: run this as root." >&2; exit 1; }
      sudo=(sudo)
    fi
    echo "Installing from apt: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Kontor runs its own Postfix (scripts/postfix.ts); the package must not set up or start the system one.
    echo "postfix postfix/main_mailer_type select No configuration" | "${sudo[@]}" debconf-set-selections
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # Dovecot's mail processes run as uid/gid 5000 (lib/mail/dovecot-config.ts); a named user lets the
  # dict socket be 0660 for them alone. A host that already names 5000 keeps its name (lib/mail/mail-user.ts
  # does the same at every Dovecot start).
  if ! getent group 5000 >/dev/null || ! getent passwd 5000 >/dev/null; then
    sudo=()
    ((EUID == 0)) || sudo=(sudo)
    getent group 5000 >/dev/null || "${sudo[@]}" groupadd --system --gid 5000 kontor-mail
    getent passwd 5000 >/dev/null || "${sudo[@]}" useradd --system --uid 5000 --gid 5000 --no-create-home \
      --home-dir /nonexistent --shell /usr/sbin/nologin --comment "Kontor virtual mail" kontor-mail
  fi
fi

# better-sqlite3 compiles from source here; node-gyp needs Node's headers from the system.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
# `npm ci` rejects the lockfile for lacking other platforms' optional binaries; `npm install`
# installs exactly the locked versions without rewriting it.
if [[ ! -d node_modules/.bin || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm install --no-audit --no-fund
fi
