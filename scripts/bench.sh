#!/usr/bin/env bash
# Benchmarks, side by side in one run: each part in scripts/bench.d/ compares readcast against
# what a user would otherwise run, printing wall time, peak memory and the ratio.
# Usage: scripts/bench.sh [PART...]   (parts are the file names in scripts/bench.d without .sh)
# Each row shows the load average seen before it: figures taken while another job keeps the
# cores busy are not the engine's own. BENCH_ROUNDS=N repeats the sessions x threads sweeps.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh

scripts/install-deps.sh test
cargo build --release --locked --quiet
export READCAST="$PWD/target/release/readcast"
export BENCH_DIR="${BENCH_DIR:-$(mktemp -d)}"
trap 'rm -rf "$BENCH_DIR"' EXIT

parts=("$@")
if [ ${#parts[@]} -eq 0 ]; then
  for f in scripts/bench.d/*.sh; do parts+=("$(basename "$f" .sh)"); done
fi
echo "readcast benchmarks on $(nproc) cores, $(date -u +%Y-%m-%d), load average $(load_average)"
for part in "${parts[@]}"; do
  echo
  echo "== $part"
  # shellcheck disable=SC1090
  source "scripts/bench.d/$part.sh"
done
