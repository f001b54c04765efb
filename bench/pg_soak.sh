#!/usr/bin/env bash
# The soak: two `knot serve` on the seeded database (bench/pg_seed.sh first), a signed-in
# GET /api/v1/progress offered at RATE requests per second in all (half to each server) for
# SECONDS. Prints requests served, non-2xx responses and socket errors, and each server's RSS
# after a 10 s warm-up and at the end.
#
# Usage: bash bench/pg_soak.sh RATE [SECONDS] [KNOT_BINARY] [DATABASE_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
rate=${1:?usage: bash bench/pg_soak.sh RATE [SECONDS] [KNOT_BINARY] [DATABASE_URL]}
seconds=${2:-600}
KNOT=${3:-target/release/knot}
URL=${4:-postgres://root@127.0.0.1:5432/knot_bench}
PORTS="7991 7992"
. bench/pg_servers.sh
conns=16   # per server
# wrk waits the delay after each response, so a connection's cycle is the delay plus the
# response time: LATENCY_MS (the mean response time at this load, 13 ms in BENCHMARKS.md) is taken
# off the delay.
delay=$(( conns * 1000 * 2 / rate - ${LATENCY_MS:-13} ))
echo "offering $rate requests/s ($conns connections per server, ${delay} ms apart) for $seconds s"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
loads=()
for port in 7991 7992; do
  KNOT_DELAY_MS=$delay wrk -t1 -c$conns -d"${seconds}s" -s bench/rate.lua -H "Cookie: $COOKIE" \
    "http://127.0.0.1:$port/api/v1/progress" >"/tmp/soak-$port.out" 2>&1 &
  loads+=($!)
done
sleep 10
rss_start="$(rss_kb "${servers[0]}") $(rss_kb "${servers[1]}")"
for load in "${loads[@]}"; do wait "$load"; done
rss_end="$(rss_kb "${servers[0]}") $(rss_kb "${servers[1]}")"
for port in 7991 7992; do
  echo "== server $port"; grep -E "requests in|Requests/sec|Non-2xx|Socket errors|Latency " "/tmp/soak-$port.out"
done
total=$(awk '/Requests\/sec/ {sum += $2} END {print sum}' /tmp/soak-7991.out /tmp/soak-7992.out)
echo "served $total requests/s in all (offered $rate)"
echo "RSS kB after 10 s (server 1, server 2): $rss_start; at the end: $rss_end"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
