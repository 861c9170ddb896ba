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
# Demo mode: outgoing mail lands in a loopback SMTP sink, readable at /demo/mails.
export KONTOR_DEMO=1
export KONTOR_SMTP_PORT="${KONTOR_SMTP_PORT:-10025}"
export KONTOR_SMTP_SINK_PORT="$KONTOR_SMTP_PORT"
export KONTOR_MAIL_SINK_DIR="${KONTOR_MAIL_SINK_DIR:-$PWD/data/mail-sink}"

bash scripts/install-deps.sh
npx tsx scripts/seed.ts "$KONTOR_DB"
npx next build

npx tsx scripts/smtp-sink.ts start --dir "$KONTOR_MAIL_SINK_DIR" --port "$KONTOR_SMTP_PORT"
stop_all() {
  npx tsx scripts/smtp-sink.ts stop --dir "$KONTOR_MAIL_SINK_DIR" >/dev/null 2>&1 || true
  npx tsx scripts/dovecot.ts stop --dir "$PWD/data/dovecot" >/dev/null 2>&1 || true
}
trap stop_all EXIT

if command -v dovecot >/dev/null; then
  npx tsx scripts/dovecot.ts start --db "$KONTOR_DB" --dir "$PWD/data/dovecot"
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
  IMAP 127.0.0.1:${KONTOR_IMAP_PORT:-10143} and SMTP submission 127.0.0.1:${KONTOR_SUBMISSION_PORT:-10587} accept the mailbox logins.
  Mails the panel sends (recovery links, notices) are shown at $AUTH_URL/demo/mails

INFO
node scripts/serve.mjs --host 127.0.0.1 --port "$PORT"
