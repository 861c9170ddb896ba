#!/usr/bin/env bash
# Runs every test: unit, component, Dovecot/Postfix integration and Chromium end-to-end.
# Installs Dovecot, Postfix, Roundcube and Chromium through apt when missing, builds the panel, starts
# Postfix, Dovecot, Roundcube and the production server on loopback against a fresh demo database, and
# stops them again.
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
export KONTOR_DB="$TEST_DIR/kontor.db"
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
export KONTOR_MAIL_SINK_DIR="$TEST_DIR/mail-sink"
# Incoming SMTP of Kontor's Postfix; it relays foreign domains to the sink and delivers ours over LMTP.
export KONTOR_POSTFIX_PORT="${KONTOR_POSTFIX_PORT:-11027}"
# Dovecot's way out through Postfix (the only listener that relays): beside the public port.
export KONTOR_POSTFIX_INTERNAL_PORT="${KONTOR_POSTFIX_INTERNAL_PORT:-$((KONTOR_POSTFIX_PORT + 1))}"
export AUTH_SECRET="test-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export KONTOR_WEBMAIL_PORT="${KONTOR_WEBMAIL_PORT:-3180}"
export KONTOR_WEBMAIL_URL="http://127.0.0.1:$KONTOR_WEBMAIL_PORT"

SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then pkill -P "$SERVER_PID" 2>/dev/null; kill "$SERVER_PID" 2>/dev/null; fi
  npx tsx scripts/dovecot.ts stop --dir "$TEST_DIR/dovecot" >/dev/null 2>&1 || true
  npx tsx scripts/postfix.ts stop --dir "$TEST_DIR/postfix" >/dev/null 2>&1 || true
  npx tsx scripts/roundcube.ts stop --dir "$TEST_DIR/roundcube" >/dev/null 2>&1 || true
  npx tsx scripts/smtp-sink.ts stop --dir "$KONTOR_MAIL_SINK_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

npx tsx scripts/seed.ts "$KONTOR_DB" || exit 1
# The shared test database does not force staff into 2FA enrolment; the MFA tests switch it on themselves.
npx tsx scripts/test-settings.ts "$KONTOR_DB" || exit 1
npx tsx scripts/smtp-sink.ts start --dir "$KONTOR_MAIL_SINK_DIR" --port "$KONTOR_SMTP_PORT" || exit 1
npx tsx scripts/postfix.ts start --db "$KONTOR_DB" --dir "$TEST_DIR/postfix" || exit 1
export KONTOR_POSTFIX_RUNNING=1
# Submission and Sieve redirects leave through Postfix, as in production.
npx tsx scripts/dovecot.ts start --db "$KONTOR_DB" --dir "$TEST_DIR/dovecot" --relay-port "$KONTOR_POSTFIX_INTERNAL_PORT" || exit 1
export KONTOR_DOVECOT_RUNNING=1
# Roundcube changes passwords through the server started below (KONTOR_BASE_URL).
npx tsx scripts/roundcube.ts start --dir "$TEST_DIR/roundcube" || exit 1

node node_modules/next/dist/bin/next build > "$TEST_DIR/build.log" 2>&1 || { tail -40 "$TEST_DIR/build.log"; echo "next build failed"; exit 1; }
# The production server (one worker per core), started with node itself (not npx), so $SERVER_PID is
# its primary process and the cleanup really stops it and its workers.
# In UTC on purpose: pages must show times in KONTOR_TIME_ZONE whatever the server's zone is.
TZ=UTC node scripts/serve.mjs --host 127.0.0.1 --port "$KONTOR_TEST_PORT" > "$TEST_DIR/server.log" 2>&1 &
SERVER_PID=$!
node scripts/wait-for-url.mjs "$KONTOR_BASE_URL/login" 60 || { tail -40 "$TEST_DIR/server.log"; echo "server did not start"; exit 1; }

npx vitest run --reporter=default --reporter=json --outputFile.json="$TEST_DIR/vitest.json" "$@"
status=$?
node scripts/summarize-tests.mjs "$TEST_DIR/vitest.json" || status=1
exit $status
