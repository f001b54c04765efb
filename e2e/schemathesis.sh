#!/usr/bin/env bash
# Property-based tests of the JSON API from its own OpenAPI document (schemathesis): starts
# `knot serve` on a free loopback port with a throw-away database, signs up an account so the
# signed-in operations are exercised too, and fails on any 5xx, any status code the document
# does not list, and any answer that does not match its documented schema. Stops the server,
# whatever happens.
#
#   bash e2e/schemathesis.sh             # bounded run (CI)
#   ST_MAX_EXAMPLES=200 bash e2e/schemathesis.sh
#   KNOT_BIN=target/debug/knot bash e2e/schemathesis.sh   # skip the release build
#   ST_CHECKS=negative_data_rejection bash e2e/schemathesis.sh   # other schemathesis checks
#
# Installs schemathesis from PyPI into target/schemathesis-venv on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="$PWD/target/schemathesis-venv"
if [ ! -x "$venv/bin/st" ]; then
  echo "schemathesis: installing schemathesis into $venv (pip)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==4.32.5"
fi

if [ -z "${KNOT_BIN:-}" ]; then
  cargo build --release --quiet -p knot
  KNOT_BIN="$PWD/target/release/knot"
fi

knot="$KNOT_BIN"
# shellcheck source=e2e/lib/serve.sh
source e2e/lib/serve.sh schemathesis

# An account, so that the signed-in operations answer with data rather than 401.
signup="$(curl -fsS -D "$workdir/signup.headers" -H 'Content-Type: application/json' \
  -d '{"email": "schemathesis@example.org", "display_name": "Schemathesis", "password": "correct horse battery staple"}' \
  "$url/api/v1/account/signup")"
cookie="$(grep -i '^set-cookie: knot_session=' "$workdir/signup.headers" | head -1 | sed -E 's/^[^:]*: *([^;]*).*/\1/' | tr -d '\r')"
csrf="$(printf '%s' "$signup" | python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')"
if [ -z "$cookie" ] || [ -z "$csrf" ]; then
  echo "schemathesis: signing up did not give a session cookie and CSRF token" >&2
  exit 1
fi

# Signing out would end the session the rest of the run relies on. Run from the temporary
# directory so schemathesis's cache (.schemathesis/) stays out of the repository.
# One worker: with two, hypothesis describes filter lambdas with `ast.parse` on two threads at
# once, which CPython 3.11 can fail ("AST constructor recursion depth mismatch") — a crash of the
# tool, not a finding about the API.
status=0
cd "$workdir"
"$venv/bin/st" run "$url/api/openapi.json" \
  --checks "${ST_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance}" \
  --phases examples,coverage,fuzzing \
  --max-examples "${ST_MAX_EXAMPLES:-20}" \
  --max-time "${ST_MAX_TIME:-120}" \
  --workers 1 \
  --seed "${ST_SEED:-1}" \
  --exclude-path /api/v1/account/signout \
  --exclude-path /signout \
  -H "Cookie: $cookie" \
  -H "X-CSRF-Token: $csrf" \
  --report junit --report-dir "${ST_REPORT_DIR:-$workdir/report}" \
  || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis: failed; the server's log:" >&2
  tail -n 50 "$workdir/server.log" >&2
fi
exit "$status"
