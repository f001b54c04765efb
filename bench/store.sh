#!/usr/bin/env bash
# Times the self-care commands on a real SQLite file (WAL, synchronous=FULL):
#   - `knot log pain` run N times (a whole process each: start, open, migrate check, one
#     durable transaction with its audit row),
#   - `knot demo seed` (a 12-week diary), `knot history`, and `knot progress --html` on it.
# Usage: bash bench/store.sh [N]   (builds the release binary first)
set -euo pipefail
n=${1:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p knot
knot="$root/target/release/knot"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { python3 -c 'import sys,time; print(f"{time.time():.6f}")'; }
elapsed() { python3 -c "print(f'{($2 - $1):.3f}')"; }

start=$(seconds)
for i in $(seq 1 "$n"); do
  "$knot" --db "sqlite:$work/log.db" log pain $((i % 11)) >/dev/null
done
end=$(seconds)
total=$(elapsed "$start" "$end")
echo "knot log pain x$n: ${total} s in all, $(python3 -c "print(f'{$total / $n * 1000:.1f}')") ms each"

start=$(seconds); "$knot" --db "sqlite:$work/demo.db" demo seed --end 2026-11-20 >/dev/null; end=$(seconds)
echo "knot demo seed (12 weeks): $(elapsed "$start" "$end") s"
start=$(seconds); "$knot" --db "sqlite:$work/demo.db" history >/dev/null; end=$(seconds)
echo "knot history (seeded diary): $(elapsed "$start" "$end") s"
start=$(seconds); "$knot" --db "sqlite:$work/demo.db" progress --until 2026-11-20 --html "$work/r.html" >/dev/null; end=$(seconds)
echo "knot progress --html (seeded diary): $(elapsed "$start" "$end") s"
