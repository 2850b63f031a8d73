#!/usr/bin/env bash
# The render farm on this machine: throughput of 1, 2 and 4 workers (espeak-ng, one segment at a
# time each, a fresh server and empty caches for every count: on 2 cores it should flatten at
# 2), and the farm's overhead against a local render of the same eight 600-word articles with the
# same --jobs (one worker with --jobs 2 against `render --jobs 2`; target: under 10 %).
farm_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

farm_inputs=()
for i in 1 2 3 4 5 6 7 8; do
  make_article 600 "$BENCH_DIR/farm-$i.txt"
  # make_article is seeded: give each article its own title so each is its own job.
  sed -i "s/Town Notes From the Valley/Valley Notes number $i/" "$BENCH_DIR/farm-$i.txt"
  farm_inputs+=("$BENCH_DIR/farm-$i.txt")
done

# farm_run NAME WORKERS JOBS : a fresh nats-server, WORKERS workers with --jobs JOBS and empty
# caches, then `submit --wait` of the articles, measured.
farm_run() {
  local name=$1 workers=$2 jobs=$3 port pids=() w
  port=$(farm_port)
  rm -rf "$BENCH_DIR/farm-store" "$BENCH_DIR"/farm-cache-*
  nats-server -js -a 127.0.0.1 -p "$port" -sd "$BENCH_DIR/farm-store" >/dev/null 2>&1 &
  local server=$!
  sleep 0.5
  for w in $(seq "$workers"); do
    "$READCAST" worker -q --nats "nats://127.0.0.1:$port" --jobs "$jobs" --cache-dir "$BENCH_DIR/farm-cache-$w" &
    pids+=($!)
  done
  measure "$name" "$READCAST" submit -q --wait --backend espeak-ng --nats "nats://127.0.0.1:$port" "${farm_inputs[@]}"
  kill "${pids[@]}" "$server" 2>/dev/null || true
  wait "${pids[@]}" "$server" 2>/dev/null || true
}

measure "local render --jobs 2 (8 articles)" "$READCAST" render -q --no-cache --backend espeak-ng --jobs 2 -o "$BENCH_DIR/farm-local" "${farm_inputs[@]}"
farm_run "farm, 1 worker --jobs 2" 1 2
ratio "farm, 1 worker --jobs 2" "local render --jobs 2 (8 articles)"
for n in 1 2 4; do
  farm_run "farm, $n workers --jobs 1" "$n" 1
done
ratio "farm, 2 workers --jobs 1" "farm, 1 workers --jobs 1"
ratio "farm, 4 workers --jobs 1" "farm, 1 workers --jobs 1"
rm -rf "$BENCH_DIR"/farm-* 
