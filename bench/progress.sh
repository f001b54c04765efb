#!/usr/bin/env bash
# Requests per second on `GET /api/v1/progress` for a person with a year of diary (about 850
# entries), on `knot serve` over SQLite (release build), beside a baseline in the same run:
# `GET /api/v1/regions`, which reads no database. The ratio is what to compare between runs on
# this shared, noisy machine.
#
# Usage: bash bench/progress.sh [SECONDS] [CONNECTIONS] [KNOT_BINARY]
# Needs wrk (apt-get install wrk).
set -euo pipefail
seconds=${1:-10}
connections=${2:-32}
root=$(cd "$(dirname "$0")/.." && pwd)
knot=${3:-}
if [ -z "$knot" ]; then
  cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p knot
  knot="$root/target/release/knot"
fi
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 2; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$knot" --db "sqlite:$work/knot.db" serve --addr "127.0.0.1:$port" >"$work/out" 2>"$work/err" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done

python3 "$root/bench/seed_account.py" "http://127.0.0.1:$port" 365 >"$work/headers"
cookie=$(sed -n 1p "$work/headers")

# CPU time the server used (user + system, in clock ticks), which other work on the machine
# does not inflate: CPU per request says what 2 idle cores could serve.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
run() {
  local before after
  before=$(cpu_ticks)
  wrk -t2 -c"$connections" -d"${seconds}s" -H "$cookie" "http://127.0.0.1:$port$1" >"$work/wrk"
  after=$(cpu_ticks)
  if grep -q "Non-2xx" "$work/wrk"; then echo "non-2xx answers on $1:" >&2; cat "$work/wrk" >&2; exit 1; fi
  python3 - "$work/wrk" "$before" "$after" "$(getconf CLK_TCK)" "$seconds" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = rps * float(sys.argv[5])
cpu_ms = (float(sys.argv[3]) - float(sys.argv[2])) / float(sys.argv[4]) * 1000 / max(requests, 1)
print(f"{rps:.0f} {cpu_ms:.3f}")
PY
}
read -r base_rps base_cpu < <(run /api/v1/regions)
read -r prog_rps prog_cpu < <(run /api/v1/progress)
echo "GET /api/v1/regions  (no database):     $base_rps requests/s, $base_cpu ms of server CPU each"
echo "GET /api/v1/progress (a year of diary): $prog_rps requests/s, $prog_cpu ms of server CPU each"
python3 -c "print(f'progress / baseline, requests/s: {$prog_rps / $base_rps:.3f}'); print(f'two idle cores could serve about {2000 / $prog_cpu:.0f} progress requests/s')"
audited=$(python3 - "$work/knot.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'read'").fetchone()[0])
EOF
)
echo "read audit rows written: $audited (three per progress request: entries, sessions, plan)"
if grep -q "internal error" "$work/err"; then
  echo "the server logged failures:" >&2; grep "internal error" "$work/err" | sort | uniq -c >&2; exit 1
fi
