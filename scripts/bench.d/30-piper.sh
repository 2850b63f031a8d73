#!/usr/bin/env bash
# Piper in-process (ONNX Runtime inside readcast, one model shared by the jobs) against one
# `python -m piper` process of piper-tts from PyPI reading the same plain text on standard input
# with the same installed voice (target: at most 0.9 of its time). readcast's figure is the whole
# render (clean, synthesize, master, MP3 + WAV, --no-cache); Python Piper only writes a WAV.
# Then sessions x threads x jobs for Piper, as 26-kokoro-threads does for Kokoro.
use_piper
bench_article "$BENCH_DIR/piper.txt"
spoken_text "$BENCH_DIR/piper.txt" "$BENCH_DIR/piper-clean.txt"
echo "  spoken: $(wc -l < "$BENCH_DIR/piper-clean.txt") lines, $(wc -w < "$BENCH_DIR/piper-clean.txt") words;" \
  "voice en_US-joe-medium; piper-tts $PIPER_TTS_VERSION; $(nproc) cores"

measure "readcast render --backend piper" \
  "$READCAST" render -q --no-cache --backend piper -o "$BENCH_DIR/piper-out" "$BENCH_DIR/piper.txt"
# shellcheck disable=SC2016,SC2154  # expanded by the inner bash; set by use_piper
measure "python -m piper (one process)" \
  bash -c '"$1" -m piper -m "$2" -f "$3" < "$4"' _ \
  "$piper_python" "$piper_model" "$BENCH_DIR/piper-one.wav" "$BENCH_DIR/piper-clean.txt"
ratio "readcast render --backend piper" "python -m piper (one process)"
# The same job on both sides: a WAV and nothing else (readcast still cleans and masters).
measure "readcast render --backend piper, WAV only" \
  "$READCAST" render -q --no-cache --backend piper --format wav -o "$BENCH_DIR/piper-wav" "$BENCH_DIR/piper.txt"
ratio "readcast render --backend piper, WAV only" "python -m piper (one process)"
rm -rf "$BENCH_DIR/piper-wav"
awk -v a="${BENCH_WALL[readcast render --backend piper]}" -v b="${BENCH_WALL[python -m piper (one process)]}" \
  'BEGIN { printf "  piper target: readcast / python %.2f of at most 0.90 (%s)\n", a / b, (a / b <= 0.9 ? "met" : "missed") }'
per_episode "readcast render --backend piper" "$BENCH_DIR/piper-out"
ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$BENCH_DIR/piper-one.wav" |
  awk -v w="${BENCH_WALL[python -m piper (one process)]}" -v n="python -m piper (one process)" \
    '{ printf "  %-44s audio %.1f s; wall / audio = %.2f\n", n, $1, ($1 > 0 ? w / $1 : 0) }'
rm -rf "$BENCH_DIR/piper-out" "$BENCH_DIR/piper-one.wav"

echo "  sessions x threads x jobs:"
onnx_sweep piper "$BENCH_DIR/piper.txt"
