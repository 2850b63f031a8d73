#!/usr/bin/env bash
# The render farm on this machine: throughput of 1, 2 and 4 workers (espeak-ng, one segment at a
# time each, a fresh server and empty caches for every count: on 2 cores it should flatten at
# 2), and the farm's overhead against a local render of the same eight distinct 600-word
# articles with the same --jobs and the same caching (one worker with --jobs 2 against
# `render --jobs 2`, both with empty caches; target: under 10 %). With Kokoro installed, the
# same comparison for one 500-word article.
farm_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Eight different articles (a seed each): articles that shared their sentences would be nearly
# free after the first, through the shared segment cache, and the comparison unfair.
farm_inputs=()
for i in 1 2 3 4 5 6 7 8; do
  make_article 600 "$BENCH_DIR/farm-$i.txt" $((100 + i))
  farm_inputs+=("$BENCH_DIR/farm-$i.txt")
done

# farm_run NAME WORKERS JOBS BACKEND INPUT... : a fresh nats-server, WORKERS workers with --jobs
# JOBS and empty caches, then `submit --wait` of the inputs, measured. The CPU time recorded is
# the farm's: submit's, the workers' and the server's (each run under /usr/bin/time, stopped with
# SIGTERM to the process itself so that time reports it).
farm_run() {
  local name=$1 workers=$2 jobs=$3 backend=$4 port timers=() w pid server
  shift 4
  port=$(farm_port)
  rm -rf "$BENCH_DIR/farm-store" "$BENCH_DIR"/farm-cache-* "$BENCH_DIR"/farm-cpu-*
  /usr/bin/time -f "%U %S" -o "$BENCH_DIR/farm-cpu-server" \
    nats-server -js -a 127.0.0.1 -p "$port" -sd "$BENCH_DIR/farm-store" >/dev/null 2>&1 &
  server=$!
  sleep 0.5
  for w in $(seq "$workers"); do
    /usr/bin/time -f "%U %S" -o "$BENCH_DIR/farm-cpu-worker-$w" \
      "$READCAST" worker -q --nats "nats://127.0.0.1:$port" --jobs "$jobs" --cache-dir "$BENCH_DIR/farm-cache-$w" \
      2>>"$BENCH_DIR/farm-workers.log" &
    timers+=($!)
  done
  measure "$name" "$READCAST" submit -q --wait --backend "$backend" --nats "nats://127.0.0.1:$port" "$@"
  # The workers first, while their server still answers; then the server.
  for pid in "${timers[@]}" "$server"; do
    kill "$(pgrep -P "$pid")" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  BENCH_CPU["$name"]=$(cat "$BENCH_DIR"/farm-cpu-* | awk -v submit="${BENCH_CPU[$name]}" \
    '/^[0-9.]+ [0-9.]+$/ { cpu += $1 + $2 } END { printf "%.2f", cpu + submit }')
  echo "    (CPU of submit, workers and server together: ${BENCH_CPU[$name]} s)"
}

# local_run NAME BACKEND INPUT... : `render --jobs 2` with an empty cache, measured.
local_run() {
  local name=$1 backend=$2
  shift 2
  rm -rf "$BENCH_DIR/farm-local" "$BENCH_DIR/farm-local-cache"
  measure "$name" "$READCAST" render -q --backend "$backend" --jobs 2 --cache-dir "$BENCH_DIR/farm-local-cache" \
    -o "$BENCH_DIR/farm-local" "$@"
}

local_run "local render --jobs 2 (8 articles)" espeak-ng "${farm_inputs[@]}"
farm_run "farm, 1 worker --jobs 2" 1 2 espeak-ng "${farm_inputs[@]}"
ratio "farm, 1 worker --jobs 2" "local render --jobs 2 (8 articles)"
for n in 1 2 4; do
  farm_run "farm, $n workers --jobs 1" "$n" 1 espeak-ng "${farm_inputs[@]}"
done
ratio "farm, 2 workers --jobs 1" "farm, 1 workers --jobs 1"
ratio "farm, 4 workers --jobs 1" "farm, 1 workers --jobs 1"

# Kokoro, the case the farm is for: one article, so the part stays about a minute and a half.
if "$READCAST" voices --backend kokoro >/dev/null 2>&1; then
  make_article 500 "$BENCH_DIR/farm-kokoro.txt" 200
  local_run "kokoro: local render --jobs 2 (1 article)" kokoro "$BENCH_DIR/farm-kokoro.txt"
  farm_run "kokoro: farm, 1 worker --jobs 2" 1 2 kokoro "$BENCH_DIR/farm-kokoro.txt"
  ratio "kokoro: farm, 1 worker --jobs 2" "kokoro: local render --jobs 2 (1 article)"
else
  echo "  (Kokoro is not installed: its farm comparison is left out)"
fi
rm -rf "$BENCH_DIR"/farm-*
