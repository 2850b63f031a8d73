#!/usr/bin/env bash
# Kokoro-82M, the default engine: the whole render of a 450-word article (clean, synthesize,
# master, MP3 + WAV, --no-cache) against the episode's duration (target: at most 0.5 of it on
# 2 cores, under 600 MB peak), with the espeak-ng render of the same article beside it.
use_voices
bench_article "$BENCH_DIR/kokoro.txt"
echo "  $(nproc) cores; Kokoro at its defaults (one session, threads = cores, jobs = cores)"
measure "readcast render --backend kokoro" \
  "$READCAST" render -q --no-cache --backend kokoro -o "$BENCH_DIR/kokoro-out" "$BENCH_DIR/kokoro.txt"
measure "readcast render --backend espeak-ng" \
  "$READCAST" render -q --no-cache --backend espeak-ng -o "$BENCH_DIR/kokoro-espeak-out" "$BENCH_DIR/kokoro.txt"
per_episode "readcast render --backend kokoro" "$BENCH_DIR/kokoro-out"
per_episode "readcast render --backend espeak-ng" "$BENCH_DIR/kokoro-espeak-out"
ratio "readcast render --backend kokoro" "readcast render --backend espeak-ng"
awk -v w="${BENCH_WALL[readcast render --backend kokoro]}" -v d="$(episode_seconds "$BENCH_DIR/kokoro-out")" \
  -v m="${BENCH_MEM[readcast render --backend kokoro]}" 'BEGIN {
    printf "  kokoro target: wall / episode %.2f of at most 0.50 (%s); peak %.0f MB of under 600 (%s)\n",
      w / d, (w / d <= 0.5 ? "met" : "missed"), m, (m < 600 ? "met" : "missed") }'
rm -rf "$BENCH_DIR/kokoro-out" "$BENCH_DIR/kokoro-espeak-out"
