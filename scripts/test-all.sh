#!/usr/bin/env bash
# Runs every test: unit, component, Dovecot/Postfix integration and Chromium end-to-end, then the
# integration and end-to-end tests a second time with Kontor on PostgreSQL (issue 23).
# Installs Dovecot, Postfix, Roundcube, PostgreSQL and Chromium through apt when missing, builds the
# panel once, and for each pass starts Postfix, Dovecot, Roundcube and the production server on loopback
# against a fresh demo database (SQLite, then a PostgreSQL cluster of the run's own), and stops them again.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/install-deps.sh --system || { echo "Installing dependencies failed"; exit 1; }

# Types, formatting and lint before the tests: any finding fails the run.
npm run --silent typecheck || { echo "TypeScript found errors (npm run typecheck)"; exit 1; }
npm run --silent format:check || { echo "Files are not formatted (npm run format)"; exit 1; }
npm run --silent lint || { echo "ESLint found problems (npm run lint)"; exit 1; }

TEST_DIR="${KONTOR_TEST_DIR:-$PWD/.test}"
rm -rf "$TEST_DIR"; mkdir -p "$TEST_DIR"
# Ports and build folder of their own (the demo uses 3000, 10025, 10143, 10587, 10024, 10027, .next), so
# the tests run while the demo runs. /work/bin/fulltest and CI may set the ports.
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-test}"
export KONTOR_TEST_PORT="${KONTOR_TEST_PORT:-3100}"
export KONTOR_IMAP_PORT="${KONTOR_IMAP_PORT:-11143}"
export KONTOR_SUBMISSION_PORT="${KONTOR_SUBMISSION_PORT:-11587}"
export KONTOR_LMTP_PORT="${KONTOR_LMTP_PORT:-11024}"
export KONTOR_BASE_URL="http://127.0.0.1:$KONTOR_TEST_PORT"
export AUTH_URL="$KONTOR_BASE_URL" KONTOR_PUBLIC_URL="$KONTOR_BASE_URL"
# One loopback SMTP listener receives everything: the panel's mails, Dovecot's relay and Sieve redirects.
export KONTOR_SMTP_PORT="${KONTOR_SMTP_PORT:-11025}"
export KONTOR_SMTP_SINK_PORT="$KONTOR_SMTP_PORT"
# Incoming SMTP of Kontor's Postfix; it relays foreign domains to the sink and delivers ours over LMTP.
export KONTOR_POSTFIX_PORT="${KONTOR_POSTFIX_PORT:-11027}"
# Dovecot's way out through Postfix (the only listener that relays): beside the public port.
export KONTOR_POSTFIX_INTERNAL_PORT="${KONTOR_POSTFIX_INTERNAL_PORT:-$((KONTOR_POSTFIX_PORT + 1))}"
export AUTH_SECRET="test-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export KONTOR_WEBMAIL_PORT="${KONTOR_WEBMAIL_PORT:-3180}"
export KONTOR_WEBMAIL_URL="http://127.0.0.1:$KONTOR_WEBMAIL_PORT"

SERVER_PID=""
PASS_DIR=""
PG_DIR="$TEST_DIR/postgresql/cluster"
stop_services() {
  if [[ -n "$SERVER_PID" ]]; then pkill -P "$SERVER_PID" 2>/dev/null; kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  SERVER_PID=""
  [[ -n "$PASS_DIR" ]] || return 0
  npx tsx scripts/dovecot.ts stop --dir "$PASS_DIR/dovecot" >/dev/null 2>&1 || true
  npx tsx scripts/postfix.ts stop --dir "$PASS_DIR/postfix" >/dev/null 2>&1 || true
  npx tsx scripts/roundcube.ts stop --dir "$PASS_DIR/roundcube" >/dev/null 2>&1 || true
  npx tsx scripts/smtp-sink.ts stop --dir "$KONTOR_MAIL_SINK_DIR" >/dev/null 2>&1 || true
  PASS_DIR=""
}
cleanup() {
  stop_services
  [[ -d "$PG_DIR" ]] && npx tsx tests/support/run-postgres.ts stop "$PG_DIR" >/dev/null 2>&1
  true
}
trap cleanup EXIT

# The panel is built once: the server reads the database setting (KONTOR_DATABASE_URL) at run time.
node node_modules/next/dist/bin/next build > "$TEST_DIR/build.log" 2>&1 || { tail -40 "$TEST_DIR/build.log"; echo "next build failed"; exit 1; }

# Seeds the pass's database, starts the sink, Postfix, Dovecot, Roundcube and the production server on
# it, all with their folders under $1. Dovecot's Sieve folder and the secrets sit beside KONTOR_DB.
start_services() {
  PASS_DIR="$1"
  mkdir -p "$PASS_DIR"
  export KONTOR_DB="$PASS_DIR/kontor.db"
  export KONTOR_MAIL_SINK_DIR="$PASS_DIR/mail-sink"
  # Without an argument both follow KONTOR_DATABASE_URL when it is set, else KONTOR_DB.
  npx tsx scripts/seed.ts || return 1
  # The shared test database does not force staff into 2FA enrolment; the MFA tests switch it on themselves.
  npx tsx scripts/test-settings.ts || return 1
  npx tsx scripts/smtp-sink.ts start --dir "$KONTOR_MAIL_SINK_DIR" --port "$KONTOR_SMTP_PORT" || return 1
  npx tsx scripts/postfix.ts start --db "$KONTOR_DB" --dir "$PASS_DIR/postfix" || return 1
  export KONTOR_POSTFIX_RUNNING=1
  # Submission and Sieve redirects leave through Postfix, as in production.
  npx tsx scripts/dovecot.ts start --db "$KONTOR_DB" --dir "$PASS_DIR/dovecot" --relay-port "$KONTOR_POSTFIX_INTERNAL_PORT" || return 1
  export KONTOR_DOVECOT_RUNNING=1
  # Roundcube changes passwords through the server started below (KONTOR_BASE_URL).
  npx tsx scripts/roundcube.ts start --dir "$PASS_DIR/roundcube" || return 1
  # The production server (one worker per core), started with node itself (not npx), so $SERVER_PID is
  # its primary process and the cleanup really stops it and its workers.
  # In UTC on purpose: pages must show times in KONTOR_TIME_ZONE whatever the server's zone is.
  TZ=UTC node scripts/serve.mjs --host 127.0.0.1 --port "$KONTOR_TEST_PORT" > "$PASS_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  node scripts/wait-for-url.mjs "$KONTOR_BASE_URL/login" 60 || { tail -40 "$PASS_DIR/server.log"; echo "server did not start"; return 1; }
}

# Pass 1, SQLite: every project (the unit-pg project starts a PostgreSQL of its own).
start_services "$TEST_DIR" || exit 1
KONTOR_FLAKY_REPORT="$TEST_DIR/vitest.flaky.txt" npx vitest run --reporter=default --reporter=json \
  --reporter=./tests/support/flaky-reporter.ts --outputFile.json="$TEST_DIR/vitest.json" "$@"
stop_services

# Pass 2, PostgreSQL: the integration and e2e projects against a cluster of the run's own (data under
# $TEST_DIR/postgresql, port KONTOR_PG_PORT or a free one). Tests about SQLite itself are left out
# there (vitest.config.ts, SQLITE_ONLY_TESTS).
KONTOR_DATABASE_URL="$(npx tsx tests/support/run-postgres.ts start "$PG_DIR")" || { echo "PostgreSQL did not start"; exit 1; }
export KONTOR_DATABASE_URL
start_services "$TEST_DIR/postgresql/pass" || exit 1
KONTOR_FLAKY_REPORT="$TEST_DIR/vitest-postgresql.flaky.txt" npx vitest run --project integration --project e2e \
  --passWithNoTests --reporter=default --reporter=json --reporter=./tests/support/flaky-reporter.ts \
  --outputFile.json="$TEST_DIR/vitest-postgresql.json" "$@"
stop_services

node scripts/summarize-tests.mjs "SQLite:$TEST_DIR/vitest.json" "PostgreSQL:$TEST_DIR/vitest-postgresql.json"
