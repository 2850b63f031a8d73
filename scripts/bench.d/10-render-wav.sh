#!/usr/bin/env bash
# Render to WAV of a 10,000-word article: readcast against espeak-ng -f on the same cleaned text.
make_article 10000 "$BENCH_DIR/long.txt"
"$READCAST" script "$BENCH_DIR/long.txt" | grep -v '^#' > "$BENCH_DIR/long-clean.txt"
echo "  article: $(wc -w < "$BENCH_DIR/long.txt") words"
measure "readcast render (wav, espeak-ng)" "$READCAST" render -q --no-cache --backend espeak-ng --format wav -o "$BENCH_DIR/out" "$BENCH_DIR/long.txt"
measure "espeak-ng -f (one process)" espeak-ng -f "$BENCH_DIR/long-clean.txt" -w "$BENCH_DIR/espeak.wav"
ratio "readcast render (wav, espeak-ng)" "espeak-ng -f (one process)"
