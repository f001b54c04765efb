#!/usr/bin/env bash
# Runs every fuzz target for N seconds each (default 15), starting from the seed corpus in
# fuzz/corpus/<target>. Fails if any target finds a crash; the input that did it is left in
# fuzz/artifacts/<target>/ (SECURITY.md says how to reproduce it).
#
#   bash fuzz/run.sh          # about a minute
#   bash fuzz/run.sh 3600     # an hour per target
#
# FUZZ_SANITIZER picks libFuzzer's sanitizer (default: address). CI uses `none`: Knot's own
# code forbids `unsafe`, so AddressSanitizer mostly instruments the bundled SQLite, and building
# with it takes several times longer on two cores.
#
# Needs the nightly toolchain (libFuzzer's instrumentation); installs cargo-fuzz if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-15}"
sanitizer="${FUZZ_SANITIZER:-address}"
targets=(lexicon batch_line answers_file web_json)

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

echo "== fuzz: building ${targets[*]}"
# One build for all targets, so the shared dependencies compile once.
cargo +nightly fuzz build --sanitizer "$sanitizer"

failed=()
for target in "${targets[@]}"; do
  echo "== fuzz: $target for ${seconds}s"
  # New inputs go to fuzz/corpus-run (not committed); the seeds in fuzz/corpus stay as written.
  mkdir -p "fuzz/corpus-run/$target"
  if ! cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "fuzz/corpus-run/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=30 -print_final_stats=1; then
    failed+=("$target")
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: crash found by: ${failed[*]}; the inputs are in fuzz/artifacts/<target>/" >&2
  exit 1
fi
echo "fuzz: no crashes in ${#targets[@]} targets (${seconds}s each)"
