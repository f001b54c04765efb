#!/usr/bin/env bash
# Builds the release binary, starts `knot serve` on a free port with a throw-away database,
# measures the Find page (bench/web_size.mjs: every request, uncompressed sizes, render-blocking
# requests) and stops the server. Needs /usr/bin/chromium and `npm ci` in e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p knot
workdir="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
target/release/knot --db "sqlite:$workdir/knot.db" serve --addr "127.0.0.1:$port" >"$workdir/server.log" 2>&1 &
server_pid=$!
trap 'kill -INT "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$workdir"' EXIT
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.1; done
KNOT_URL="http://127.0.0.1:$port" node bench/web_size.mjs
