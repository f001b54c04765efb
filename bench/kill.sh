#!/usr/bin/env bash
# The long crash test: SIGKILL a writing process at random moments, on SQLite and PostgreSQL,
# and count acknowledged writes lost (must be 0).
#
#   bash bench/kill.sh [STORE_KILLS_PER_BACKEND] [SERVE_KILLS_PER_BACKEND]   # default 500 20
#
# Store kills: crates/knot-store/tests/crash.rs (a child writing entries, corrections, deletions,
# sessions and plans through the store, killed, the database checked after every kill by
# knot_store::testing::soundness: integrity_check / amcheck and every key re-checked, pairs,
# audit rows). Serve kills: crates/knot/tests/serve_kill.rs (`knot serve` taking HTTP writes,
# killed and restarted). Needs the local PostgreSQL (KNOT_TEST_POSTGRES_URL). Prints the seed of
# each run (KNOT_KILL_SEED replays it), the totals and the seconds taken.
set -euo pipefail
cd "$(dirname "$0")/.."
store_kills="${1:-500}"
serve_kills="${2:-20}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
start=$(date +%s)
KNOT_KILL_ROUNDS="$store_kills" cargo test -q -p knot-store --test crash -- killing_a_writer --nocapture --test-threads=1 2>&1 | tee -a "$log" | grep -E "KNOT_KILL_SEED|KILLS|test result"
middle=$(date +%s)
KNOT_SERVE_KILL_ROUNDS="$serve_kills" cargo test -q -p knot --test serve_kill -- --nocapture --test-threads=1 2>&1 | tee -a "$log" | grep -E "KNOT_KILL_SEED|KILLS|test result"
end=$(date +%s)
echo "store kills: $(grep -E '^KILLS' "$log" | awk '{k+=$2; a+=$4; l+=$6} END {print k" kills, "a" acknowledged, "l" lost"}') in $((middle - start)) s"
echo "serve kills: $(grep -E '^SERVE_KILLS' "$log" | awk '{k+=$2; a+=$4; l+=$6} END {print k" kills, "a" acknowledged, "l" lost"}') in $((end - middle)) s"
