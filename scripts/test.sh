#!/usr/bin/env bash
# Install what the tests need, then run them. This is the command CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh test
# Extra engines and tools the tests drive for real, installed by their own scripts when present.
for extra in scripts/install-piper.sh; do
  if [ -x "$extra" ]; then "$extra"; fi
done

cargo test --locked "$@"

# The `speak` feature (off by default) links the system's speech libraries: keep it compiling.
scripts/install-deps.sh speak
cargo build --locked --features speak
