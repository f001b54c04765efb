#!/usr/bin/env bash
# The hostile-traffic load test (see bench/load.py): two `knot serve` on one SQLite file,
# abandoned requests, concurrent sign-ins, diary writes through both servers and the CLI, for a
# bounded time; fails on any 500, a lock left behind or an acknowledged write missing.
# Usage: bash bench/load.sh [SECONDS]     (builds the release binary first)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p knot
python3 "$root/bench/load.py" "$root/target/release/knot" "${1:-20}"
