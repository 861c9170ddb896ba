#!/usr/bin/env bash
# One command for a fresh machine: install (npm packages, and Dovecot, Postfix and Roundcube from apt
# when missing), build, create the demo database, start the SMTP sink, Postfix, Dovecot, Roundcube
# (webmail) and the panel on http://127.0.0.1:3000.
# It announces only what runs. The tests (npm test) use other ports and folders, so both can run at once.
# `npm run demo -- --postgres` runs the same demo on PostgreSQL instead of SQLite: a cluster of its own in
# data/postgres on 127.0.0.1:KONTOR_PG_PORT (15432), migrated and seeded, with Postfix, Dovecot and the panel
# reading it (KONTOR_DATABASE_URL). Stopping the demo stops that cluster too; its data stays.
set -euo pipefail
cd "$(dirname "$0")/.."
use_postgres=0
for arg in "$@"; do
  case "$arg" in
    --postgres) use_postgres=1 ;;
    *)
      echo "Unknown argument: $arg (usage: npm run demo [-- --postgres])"
      exit 2
      ;;
  esac
done
export NEXT_TELEMETRY_DISABLED=1
export NEXT_DIST_DIR=.next
export KONTOR_DB="${KONTOR_DB:-$PWD/data/kontor.db}"
export PORT="${PORT:-3000}"
export AUTH_URL="${AUTH_URL:-http://127.0.0.1:$PORT}"
export KONTOR_PUBLIC_URL="${KONTOR_PUBLIC_URL:-$AUTH_URL}"
# Demo mode: a generated AUTH_SECRET is allowed; outgoing mail lands in a loopback SMTP sink, readable at /demo/mails.
export KONTOR_DEMO=1
export KONTOR_SMTP_PORT="${KONTOR_SMTP_PORT:-10025}"
export KONTOR_SMTP_SINK_PORT="$KONTOR_SMTP_PORT"
export KONTOR_IMAP_PORT="${KONTOR_IMAP_PORT:-10143}"
export KONTOR_SUBMISSION_PORT="${KONTOR_SUBMISSION_PORT:-10587}"
export KONTOR_LMTP_PORT="${KONTOR_LMTP_PORT:-10024}"
export KONTOR_POSTFIX_PORT="${KONTOR_POSTFIX_PORT:-10027}"
export KONTOR_POSTFIX_INTERNAL_PORT="${KONTOR_POSTFIX_INTERNAL_PORT:-$((KONTOR_POSTFIX_PORT + 1))}"
# Dovecot's quota-status service that Postfix asks at RCPT (lib/config: KONTOR_LMTP_PORT + 2 unless set).
export KONTOR_QUOTA_STATUS_PORT="${KONTOR_QUOTA_STATUS_PORT:-$((KONTOR_LMTP_PORT + 2))}"
export KONTOR_MAIL_SINK_DIR="${KONTOR_MAIL_SINK_DIR:-$PWD/data/mail-sink}"
export KONTOR_WEBMAIL_PORT="${KONTOR_WEBMAIL_PORT:-3080}"
export KONTOR_WEBMAIL_URL="${KONTOR_WEBMAIL_URL:-http://127.0.0.1:$KONTOR_WEBMAIL_PORT}"
DOVECOT_DIR="$PWD/data/dovecot"
ROUNDCUBE_DIR="$PWD/data/roundcube"
POSTFIX_DIR="$PWD/data/postfix"
POSTGRES_DIR="$PWD/data/postgres"
export KONTOR_PG_PORT="${KONTOR_PG_PORT:-15432}"

# One demo per checkout: a second one would rebuild .next and reseed under the running one.
mkdir -p data
PID_FILE="$PWD/data/demo.pid"
if [[ -f "$PID_FILE" ]]; then
  read -r running_pid running_url < "$PID_FILE" || true
  if [[ -n "${running_pid:-}" ]] && kill -0 "$running_pid" 2>/dev/null && grep -q "demo.sh" "/proc/$running_pid/cmdline" 2>/dev/null; then
    echo "The Kontor demo is already running (process $running_pid) on ${running_url:-its port}."
    echo "Open it there, or stop it with Ctrl-C in its terminal (or: kill $running_pid) before starting it again."
    exit 1
  fi
fi
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A cluster a killed demo left running holds its port: stop that one (ours, by its folder) first.
if ((use_postgres)) && [[ -f "$POSTGRES_DIR/data/postmaster.pid" ]]; then
  npx tsx scripts/postgres.ts stop --dir "$POSTGRES_DIR" >/dev/null 2>&1 || true
fi
DEMO_PAIRS=("PORT:$PORT" "KONTOR_SMTP_PORT:$KONTOR_SMTP_PORT" "KONTOR_IMAP_PORT:$KONTOR_IMAP_PORT"
  "KONTOR_SUBMISSION_PORT:$KONTOR_SUBMISSION_PORT" "KONTOR_LMTP_PORT:$KONTOR_LMTP_PORT"
  "KONTOR_QUOTA_STATUS_PORT:$KONTOR_QUOTA_STATUS_PORT" "KONTOR_POSTFIX_PORT:$KONTOR_POSTFIX_PORT"
  "KONTOR_POSTFIX_INTERNAL_PORT:$KONTOR_POSTFIX_INTERNAL_PORT" "KONTOR_WEBMAIL_PORT:$KONTOR_WEBMAIL_PORT")
((use_postgres)) && DEMO_PAIRS+=("KONTOR_PG_PORT:$KONTOR_PG_PORT")
DEMO_PORTS=("${DEMO_PAIRS[@]#*:}")
for pair in "${DEMO_PAIRS[@]}"; do
  name="${pair%%:*}" port="${pair#*:}"
  if port_busy "$port"; then
    # Suggest a port that is free and none of the demo's others (quota-status and the internal
    # listener sit right beside LMTP and Postfix).
    suggestion=$((port + 1))
    while port_busy "$suggestion" || [[ " ${DEMO_PORTS[*]} " == *" $suggestion "* ]]; do suggestion=$((suggestion + 1)); done
    echo "Port $port ($name) is already in use by another program on 127.0.0.1."
    echo "Stop that program, or choose another port, e.g.: $name=$suggestion npm run demo$( ((use_postgres)) && echo " -- --postgres")"
    exit 1
  fi
done
echo "$$ $AUTH_URL" > "$PID_FILE"

stop_all() {
  npx tsx scripts/smtp-sink.ts stop --dir "$KONTOR_MAIL_SINK_DIR" >/dev/null 2>&1 || true
  npx tsx scripts/dovecot.ts stop --dir "$DOVECOT_DIR" >/dev/null 2>&1 || true
  npx tsx scripts/postfix.ts stop --dir "$POSTFIX_DIR" >/dev/null 2>&1 || true
  npx tsx scripts/roundcube.ts stop --dir "$ROUNDCUBE_DIR" >/dev/null 2>&1 || true
  # After the mail servers, which keep connections to it.
  ((use_postgres)) && { npx tsx scripts/postgres.ts stop --dir "$POSTGRES_DIR" >/dev/null 2>&1 || true; }
  rm -f "$PID_FILE"
}
trap stop_all EXIT

# The mail servers come from apt (needs root or sudo); without them the panel still runs, and says so.
mail_server=1 postfix=1
bash scripts/install-deps.sh --system --no-browser || mail_server=0
[[ -x /usr/sbin/dovecot ]] || command -v dovecot >/dev/null || mail_server=0
[[ -x /usr/sbin/postfix && -e /usr/lib/postfix/postfix-sqlite.so ]] || postfix=0
if ((use_postgres)); then
  # Its own cluster (migrations applied by the start); every later step follows KONTOR_DATABASE_URL:
  # the seed, Postfix's pgsql tables, Dovecot's passdb/userdb/dict, the panel.
  [[ -e /usr/lib/postfix/postfix-pgsql.so ]] || postfix=0
  # Dovecot's dict and Postfix's tables reach PostgreSQL through a PgBouncer each.
  [[ -x /usr/sbin/pgbouncer ]] || mail_server=0 postfix=0
  npx tsx scripts/postgres.ts start --dir "$POSTGRES_DIR" --port "$KONTOR_PG_PORT"
  KONTOR_DATABASE_URL="$(npx tsx scripts/postgres.ts url --dir "$POSTGRES_DIR")"
  export KONTOR_DATABASE_URL
  npx tsx scripts/seed.ts
  DATABASE_LINE="Database: PostgreSQL on 127.0.0.1:$KONTOR_PG_PORT (data in $POSTGRES_DIR; URL: npx tsx scripts/postgres.ts url --dir $POSTGRES_DIR)."
else
  npx tsx scripts/seed.ts "$KONTOR_DB"
  DATABASE_LINE="Database: SQLite in $KONTOR_DB."
fi
node node_modules/next/dist/bin/next build

npx tsx scripts/smtp-sink.ts start --dir "$KONTOR_MAIL_SINK_DIR" --port "$KONTOR_SMTP_PORT"
# Without Postfix, Dovecot's submission and Sieve redirects go straight to the sink.
RELAY_PORT="$KONTOR_SMTP_PORT"
if ((postfix)); then
  npx tsx scripts/postfix.ts start --db "$KONTOR_DB" --dir "$POSTFIX_DIR"
  npx tsx scripts/postfix.ts status --dir "$POSTFIX_DIR" >/dev/null && port_busy "$KONTOR_POSTFIX_PORT" || postfix=0
fi
((postfix)) && RELAY_PORT="$KONTOR_POSTFIX_INTERNAL_PORT"
if ((mail_server)); then
  npx tsx scripts/dovecot.ts start --db "$KONTOR_DB" --dir "$DOVECOT_DIR" --relay-port "$RELAY_PORT"
  npx tsx scripts/dovecot.ts status --dir "$DOVECOT_DIR" >/dev/null && port_busy "$KONTOR_IMAP_PORT" || mail_server=0
fi

if ((mail_server)); then
  MAIL_LINE="IMAP 127.0.0.1:$KONTOR_IMAP_PORT and SMTP submission 127.0.0.1:$KONTOR_SUBMISSION_PORT accept the mailbox logins."
else
  MAIL_LINE="Dovecot is NOT running (it could not be installed: run 'sudo bash scripts/install-deps.sh --system'),
  so IMAP and SMTP logins do not work; the panel itself does."
fi
if ((postfix && mail_server)); then
  POSTFIX_LINE="Incoming SMTP (Postfix) on 127.0.0.1:$KONTOR_POSTFIX_PORT delivers to the demo mailboxes; mail to other domains lands in the sink. Send a test mail:
    printf 'Subject: Test\\n\\nHallo\\n' | curl -sS smtp://127.0.0.1:$KONTOR_POSTFIX_PORT --mail-from test@example.net --mail-rcpt info@alpenblick.example -T -
  and read it over IMAP (127.0.0.1:$KONTOR_IMAP_PORT) as info@alpenblick.example."
elif ((postfix)); then
  POSTFIX_LINE="Incoming SMTP (Postfix) on 127.0.0.1:$KONTOR_POSTFIX_PORT accepts mail, but without Dovecot it cannot deliver it."
else
  POSTFIX_LINE="Postfix is NOT running (it could not be installed), so no SMTP server accepts mail for the demo domains."
fi
# The webmail logs in at Dovecot and changes passwords through the panel (AUTH_URL).
WEBMAIL_LINE="Webmail (Roundcube) is NOT running (it could not be installed: run 'sudo bash scripts/install-deps.sh --system')."
if ((mail_server)) && [[ -f /var/lib/roundcube/index.php ]] && command -v php >/dev/null; then
  if npx tsx scripts/roundcube.ts start --dir "$ROUNDCUBE_DIR"; then
    WEBMAIL_LINE="Webmail (Roundcube): $KONTOR_WEBMAIL_URL with the mailbox logins; Einstellungen → Passwort changes
  the password through Kontor."
  fi
fi

# GET /healthz checks the mail services that run here; one that could not be installed is not "down".
health_services=()
((mail_server)) && health_services+=(dovecot)
((postfix)) && health_services+=(postfix)
export KONTOR_HEALTH_SERVICES="${KONTOR_HEALTH_SERVICES:-$(IFS=,; echo "${health_services[*]:-none}")}"

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
  $DATABASE_LINE
  $MAIL_LINE
  $WEBMAIL_LINE
  Mails the panel sends (recovery links, notices) are shown at $AUTH_URL/demo/mails
  $POSTFIX_LINE

INFO
# Not exec: the trap above stops the mail services when the panel ends. In the background with a
# trap, so that `kill <pid of this script>` (which the second-start message suggests) stops the panel
# too: a plain foreground child would outlive this script.
node scripts/serve.mjs --host 127.0.0.1 --port "$PORT" &
SERVER_PID=$!
trap 'kill -TERM "$SERVER_PID" 2>/dev/null' TERM INT HUP
wait "$SERVER_PID" || true
# A signal ends the first wait early; wait again until the panel has really stopped.
wait "$SERVER_PID" 2>/dev/null || true
