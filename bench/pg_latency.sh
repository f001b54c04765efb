#!/usr/bin/env bash
# The store's latencies on the seeded database (bench/pg_seed.sh first): progress report reads
# and keyset diary pages for random persons (p50/p99/max), then diary writes per second from 32
# concurrent writers. Release build; run under `nice` on a shared machine.
#
# Usage: bash bench/pg_latency.sh [DATABASE_URL] [SAMPLES] [WRITE_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-postgres://root@127.0.0.1:5432/knot_bench}
cargo build --release -q -p knot-store --example pg_latency
target=${CARGO_TARGET_DIR:-target}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$target/release/examples/pg_latency" "$url" "${2:-1000}" "${3:-20}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
