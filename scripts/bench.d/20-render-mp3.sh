#!/usr/bin/env bash
# Render to MP3 of a 10,000-word article: readcast (synthesis, loudness mastering with a
# true-peak limiter, MP3 with tags and chapters, captions, transcript) against the shell
# pipeline a user would otherwise write: espeak-ng -f on the same cleaned text, then ffmpeg's
# loudnorm to -16 LUFS / -1 dBTP and LAME at the same bitrate.
make_article 10000 "$BENCH_DIR/long.txt"
"$READCAST" script "$BENCH_DIR/long.txt" | grep -v '^#' > "$BENCH_DIR/long-clean.txt"
echo "  article: $(wc -w < "$BENCH_DIR/long.txt") words"
measure "readcast render --format mp3" \
  "$READCAST" render -q --no-cache --backend espeak-ng --format mp3 -o "$BENCH_DIR/out-mp3" "$BENCH_DIR/long.txt"
measure "readcast render (mp3 + wav)" \
  "$READCAST" render -q --no-cache --backend espeak-ng -o "$BENCH_DIR/out-both" "$BENCH_DIR/long.txt"
# shellcheck disable=SC2016  # expanded by the inner bash
measure "espeak-ng -f | ffmpeg loudnorm + LAME" bash -c '
  espeak-ng -f "$1/long-clean.txt" -w "$1/shell.wav" &&
  ffmpeg -v error -y -i "$1/shell.wav" -af loudnorm=I=-16:TP=-1 -ar 44100 -ac 1 \
    -c:a libmp3lame -b:a 96k "$1/shell.mp3"' _ "$BENCH_DIR"
ratio "readcast render --format mp3" "espeak-ng -f | ffmpeg loudnorm + LAME"
ratio "readcast render (mp3 + wav)" "espeak-ng -f | ffmpeg loudnorm + LAME"
mp3=$(ls "$BENCH_DIR"/out-mp3/*/episode.mp3)
for f in "$mp3" "$BENCH_DIR/shell.mp3"; do
  ffmpeg -hide_banner -nostats -i "$f" -af ebur128=peak=true -f null - 2>&1 |
    awk -v f="${f#"$BENCH_DIR"/}" \
      '/I:/ { i = $2 } /Peak:/ { p = $2 } END { printf "  %-44s %s LUFS, true peak %s dBTP\n", f, i, p }'
done
