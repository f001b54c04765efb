#!/usr/bin/env bash
# Knot's browser tests: builds the release binary, starts `knot serve` on a free loopback port
# with a throw-away database, runs every e2e/tests/*.test.mjs in Debian's headless Chromium
# (node's built-in test runner), and stops the server, whatever happens. Then the API's
# property-based tests against its OpenAPI document (e2e/schemathesis.sh, its own server).
#
#   bash e2e/run.sh                 # the tests
#   bash e2e/run.sh --screenshots   # regenerate docs/web-*.png instead
#
# Installs Debian's chromium and runs `npm ci` in e2e/ when they are missing. Every
# e2e/tests/*.test.mjs is picked up automatically.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mode="${1:-test}"

# What the tests need, installed on first use: Debian's Chromium (never a downloaded browser)
# and the two npm packages pinned in package-lock.json.
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "e2e: installing Debian's chromium (apt-get)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/axe-core ]; then
  echo "e2e: installing playwright-core and axe-core (npm ci)" >&2
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo build --release --quiet -p knot
knot="$PWD/target/release/knot"

# shellcheck source=e2e/lib/serve.sh
source e2e/lib/serve.sh e2e
curl -fsS -o /dev/null "$url/" || { echo "e2e: server at $url does not answer" >&2; cat "$workdir/server.log" >&2; exit 1; }
echo "e2e: knot serve is up at $url"

export KNOT_URL="$url"
cd e2e
status=0
if [ "$mode" = "--screenshots" ]; then
  node screenshots.mjs || status=$?
else
  node --test --test-concurrency=1 --test-reporter=spec tests/ || status=$?
fi
if [ "$status" -ne 0 ]; then
  echo "e2e: failed; the server's log:" >&2
  cat "$workdir/server.log" >&2
fi
if [ "$mode" != "--screenshots" ]; then
  cd ..
  KNOT_BIN="$knot" bash e2e/schemathesis.sh || status=$?
fi
exit "$status"
