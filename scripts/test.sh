#!/usr/bin/env bash
# Install what the tests need, then run them. This is the command CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh test voices
# The natural voices (Kokoro, Piper, ONNX Runtime): the tests render with them for real.
scripts/install-voices.sh

cargo test --locked "$@"

# The `speak` feature (off by default) links the system's speech libraries: keep it compiling.
scripts/install-deps.sh speak
cargo build --locked --features speak
