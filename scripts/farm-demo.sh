#!/usr/bin/env bash
# The render farm in one command: install nats-server, start it with JetStream on 127.0.0.1, start
# two workers, submit the sample articles, wait for them, then collect and publish the episodes.
# Usage: scripts/farm-demo.sh [OUT_DIR]   (default: output/farm-demo)
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-output/farm-demo}
scripts/install-deps.sh engine farm
cargo build --release --quiet
readcast="$PWD/target/release/readcast"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="nats://127.0.0.1:$port"
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

nats-server -js -a 127.0.0.1 -p "$port" -sd "$work/store" >"$work/nats.log" 2>&1 &
pids+=($!)
sleep 0.5
echo "farm-demo: nats-server with JetStream at $url"
for name in worker-1 worker-2; do
  "$readcast" worker --nats "$url" --name "$name" --jobs 1 --cache-dir "$work/$name-cache" 2>"$work/$name.log" &
  pids+=($!)
done
echo "farm-demo: two workers started; submitting samples/"
"$readcast" --config samples/readcast.toml submit --nats "$url" --wait samples/
"$readcast" farm --nats "$url"
"$readcast" --config samples/readcast.toml collect --nats "$url" -o "$out" --publish
echo "farm-demo: the episodes and the feed are in $out"
