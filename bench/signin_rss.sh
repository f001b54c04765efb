#!/usr/bin/env bash
# Memory held by the server after a burst of sign-ins (each verifies an Argon2id hash with 19 MiB
# of working memory). Starts `knot serve` (release build) on a temporary SQLite file, signs up a
# few accounts, fires SIGNINS sign-ins with CONCURRENCY at once (right passwords, so no limit
# refuses them; each claims its own client address through X-Forwarded-For from a trusted
# proxy, so the per-address limits do not either), and prints the server's VmRSS from /proc
# before and after, and its peak (VmHWM).
# Usage: bash bench/signin_rss.sh [SIGNINS] [CONCURRENCY]   (defaults 500 and 100)
#        KNOT_BIN=path/to/knot bash bench/signin_rss.sh   (measure that binary; no build)
set -euo pipefail
signins=${1:-500}
concurrency=${2:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ -n "${KNOT_BIN:-}" ]]; then
  knot=$KNOT_BIN
else
  cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p knot
  knot="$root/target/release/knot"
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$knot" --db "sqlite:$work/knot.db" serve --addr "127.0.0.1:$port" --trusted-proxy 127.0.0.1 \
  >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$port" "$server" "$signins" "$concurrency" <<'PY'
import json, sys, time, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor

port, pid, signins, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
base = f"http://127.0.0.1:{port}"
password = "a bench password that is long"
accounts = [f"bench{i}@example.org" for i in range(5)]

def rss(field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return line.split(":")[1].strip()

def post(path, body, client):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": client})
    try:
        with urllib.request.urlopen(request, timeout=120) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code

for _ in range(100):
    try:
        urllib.request.urlopen(base + "/", timeout=1)
        break
    except Exception:
        time.sleep(0.1)

for i, email in enumerate(accounts):
    status = post("/api/v1/account/signup",
                  {"email": email, "display_name": "Bench", "password": password}, f"10.9.0.{i + 1}")
    assert status == 201, f"sign-up answered {status}"
print(f"before: VmRSS {rss()} (after {len(accounts)} sign-ups)")

def sign_in(n):
    client = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
    return post("/api/v1/account/signin", {"email": accounts[n % len(accounts)], "password": password}, client)

start = time.time()
with ThreadPoolExecutor(max_workers=concurrency) as pool:
    statuses = list(pool.map(sign_in, range(1, signins + 1)))
took = time.time() - start
counts = {s: statuses.count(s) for s in sorted(set(statuses))}
print(f"{signins} sign-ins, {concurrency} at once, in {took:.1f} s: statuses {counts}")
print(f"after:  VmRSS {rss()}, peak VmHWM {rss('VmHWM')}")
time.sleep(5)
print(f"5 s later: VmRSS {rss()}")
PY
