#!/usr/bin/env bash
# HTTP throughput on the seeded database (bench/pg_seed.sh first): `wrk` on POST /api/v1/find and
# on a signed-in GET /api/v1/progress (a seeded person's 100 entries), against one `knot serve`
# and against two on the same database (each with its own wrk, requests per second summed).
#
# Usage: bash bench/pg_http.sh [KNOT_BINARY] [DATABASE_URL] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
KNOT=${1:-target/release/knot}
URL=${2:-postgres://root@127.0.0.1:5432/knot_bench}
seconds=${3:-20}
PORTS="7991 7992"
. bench/pg_servers.sh

# One wrk run: "requests/s p99 non-2xx errors" for PORT, PATH, CONNECTIONS, wrk's other options.
run() {
  local port=$1 path=$2 conns=$3; shift 3
  wrk -t1 -c"$conns" -d"${seconds}s" --latency "$@" "http://127.0.0.1:$port$path" >"/tmp/wrk-$port.out" 2>&1
  awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5} /Socket errors/ {err=$0}
       END {printf "%s %s %s %s\n", rps, p99, bad+0, (err == "" ? "none" : err)}' "/tmp/wrk-$port.out"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| endpoint | servers | connections | requests/s | p99 | non-2xx | socket errors |"
echo "|---|---|---|---|---|---|---|"
for endpoint in find progress; do
  if [ $endpoint = find ]; then
    path=/api/v1/find; opts=(-s bench/find_post.lua)
  else
    path=/api/v1/progress; opts=(-H "Cookie: $COOKIE")
  fi
  read -r rps p99 bad err < <(run 7991 $path 32 "${opts[@]}")
  echo "| $endpoint | 1 | 32 | $rps | $p99 | $bad | $err |"
  run 7991 $path 16 "${opts[@]}" >/tmp/pg_http_a &
  other=$!
  run 7992 $path 16 "${opts[@]}" >/tmp/pg_http_b
  wait $other
  read -r rps_a p99_a bad_a err_a </tmp/pg_http_a
  read -r rps_b p99_b bad_b err_b </tmp/pg_http_b
  echo "| $endpoint | 2 | 16 + 16 | $rps_a + $rps_b = $(echo "$rps_a + $rps_b" | bc) | $p99_a / $p99_b | $((bad_a + bad_b)) | $err_a / $err_b |"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
