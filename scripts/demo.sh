#!/usr/bin/env bash
# The main job on a fresh machine: install espeak-ng if missing, build readcast in release mode,
# render the sample articles under samples/ into output/, and say where the episodes are.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh engine
cargo build --release --locked --quiet
target/release/readcast render -o output samples/*.txt
target/release/readcast feed -o output
echo
echo "Episodes are in $(pwd)/output (feed: output/feed.xml):"
for dir in output/*/; do
  if [ -f "$dir/episode.json" ]; then echo "  $dir"; fi
done
