# Sourced by bench/pg_http.sh and bench/pg_soak.sh: starts `knot serve` on each port in $PORTS
# against $URL, waits until each answers, signs in as a seeded account (bench/pg_seed.sh) and
# leaves its session cookie in $COOKIE. The servers are stopped when the calling script exits.
servers=()
stop_servers() { for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_servers EXIT
for port in $PORTS; do
  "$KNOT" serve --db "$URL" --addr "127.0.0.1:$port" >"/tmp/knot-bench-$port.log" 2>&1 &
  servers+=($!)
done
for port in $PORTS; do
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
done
first_port=${PORTS%% *}
COOKIE=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email": "bench1@example.org", "password": "bench password 13"}' \
  "http://127.0.0.1:$first_port/api/v1/account/signin" | grep -i '^set-cookie:' | head -n 1 \
  | sed -E 's/^[Ss]et-[Cc]ookie: *([^;]*).*/\1/')
[ -n "$COOKIE" ] || { echo "sign-in as bench1@example.org failed; seed with bench/pg_seed.sh" >&2; exit 1; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
