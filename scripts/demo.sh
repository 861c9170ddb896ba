#!/usr/bin/env bash
# One command for a fresh machine: install, build, create the demo database, start Postfix and
# Dovecot (when installed) and the panel on http://127.0.0.1:3000.
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
export KONTOR_POSTFIX_PORT="${KONTOR_POSTFIX_PORT:-10027}"

bash scripts/install-deps.sh
npx tsx scripts/seed.ts "$KONTOR_DB"
npx next build

npx tsx scripts/smtp-sink.ts start --dir "$KONTOR_MAIL_SINK_DIR" --port "$KONTOR_SMTP_PORT"
stop_all() {
  npx tsx scripts/smtp-sink.ts stop --dir "$KONTOR_MAIL_SINK_DIR" >/dev/null 2>&1 || true
  npx tsx scripts/dovecot.ts stop --dir "$PWD/data/dovecot" >/dev/null 2>&1 || true
  npx tsx scripts/postfix.ts stop --dir "$PWD/data/postfix" >/dev/null 2>&1 || true
}
trap stop_all EXIT

# Without Postfix, Dovecot's submission and Sieve redirects go straight to the sink.
RELAY_PORT="$KONTOR_SMTP_PORT"
POSTFIX_INFO="Postfix is not installed, so no SMTP server accepts mail for the demo domains (apt-get install postfix postfix-sqlite)."
if [[ -x /usr/sbin/postfix && -e /usr/lib/postfix/postfix-sqlite.so ]]; then
  npx tsx scripts/postfix.ts start --db "$KONTOR_DB" --dir "$PWD/data/postfix"
  RELAY_PORT="$KONTOR_POSTFIX_PORT"
  POSTFIX_INFO="Incoming SMTP (Postfix) on 127.0.0.1:$KONTOR_POSTFIX_PORT delivers to the demo mailboxes; mail to other domains lands in the sink. Send a test mail:
    printf 'Subject: Test\\n\\nHallo\\n' | curl -sS smtp://127.0.0.1:$KONTOR_POSTFIX_PORT --mail-from test@example.net --mail-rcpt info@alpenblick.example -T -
  and read it over IMAP (127.0.0.1:${KONTOR_IMAP_PORT:-10143}) as info@alpenblick.example."
fi
if command -v dovecot >/dev/null; then
  npx tsx scripts/dovecot.ts start --db "$KONTOR_DB" --dir "$PWD/data/dovecot" --relay-port "$RELAY_PORT"
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
  $POSTFIX_INFO

INFO
node scripts/serve.mjs --host 127.0.0.1 --port "$PORT"
