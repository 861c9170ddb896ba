#!/usr/bin/env bash
# One command for a fresh machine: install, build, create the demo database, start Dovecot
# (when installed) and the panel on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export KONTOR_DB="${KONTOR_DB:-$PWD/data/kontor.db}"
PORT="${PORT:-3000}"
export AUTH_URL="${AUTH_URL:-http://127.0.0.1:$PORT}"
export KONTOR_PUBLIC_URL="${KONTOR_PUBLIC_URL:-$AUTH_URL}"

bash scripts/install-deps.sh
npx tsx scripts/seed.ts "$KONTOR_DB"
npx next build

if command -v dovecot >/dev/null; then
  npx tsx scripts/dovecot.ts start --db "$KONTOR_DB" --dir "$PWD/data/dovecot"
  trap 'npx tsx scripts/dovecot.ts stop --dir "$PWD/data/dovecot" >/dev/null 2>&1 || true' EXIT
else
  echo "Dovecot is not installed; the panel runs without a mail server (apt-get install dovecot-core dovecot-imapd dovecot-sqlite dovecot-submissiond)."
fi

cat <<INFO

  Kontor is starting on $AUTH_URL

  Demo logins (password for all: Sonnenblume-Wiese-42!)
    Loginbereich KundenServiceCenter:
      admin@kontor.example      Administration
      support@kontor.example    Support
      reseller@kontor.example   Reseller "Nordlicht Hosting"
      kunde@kontor.example      Kunde K10001 (or type K10001)
    Loginbereich E-Mail-Administration:   k10001.001
    Loginbereich einzelne Mailbox:        info@alpenblick.example
  IMAP 127.0.0.1:10143 and SMTP submission 127.0.0.1:10587 accept the mailbox logins.

INFO
npx next start -H 127.0.0.1 -p "$PORT"
