#!/usr/bin/env bash
# Piper on a long article: readcast (long-lived workers, one per job, cores/jobs onnxruntime
# threads each) against one `python -m piper` process reading the same cleaned text with the
# same voice. Prints wall time, the ratio, and seconds of audio per second of wall time.
# Then the thread-count sweep behind readcast's default, on a shorter article.
use_piper
cores=$(nproc)

# audio_seconds WAV : the duration ffprobe reads.
audio_seconds() { ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"; }
# speed NAME WAV : seconds of audio per second of wall time.
speed() {
  awk -v a="$(audio_seconds "$2")" -v w="${BENCH_WALL[$1]}" -v n="$1" \
    'BEGIN { printf "  %-44s %8.1f s of audio, %5.2f s of audio per s of wall time\n", n, a, (w > 0 ? a / w : 0) }'
}

make_article "${PIPER_BENCH_WORDS:-2500}" "$BENCH_DIR/piper-long.txt"
# The same text readcast speaks: title and headings included, one sentence a line.
"$READCAST" script "$BENCH_DIR/piper-long.txt" | sed -E 's/^#+ //' | grep -v '^$' > "$BENCH_DIR/piper-clean.txt"
echo "  article: $(wc -w < "$BENCH_DIR/piper-clean.txt") words spoken, voice en_US-joe-medium, $cores cores"

measure "readcast render --backend piper (jobs $cores)" \
  "$READCAST" render -q --no-cache --backend piper --jobs "$cores" -o "$BENCH_DIR/piper-out" "$BENCH_DIR/piper-long.txt"
measure "python -m piper (one process)" \
  "$piper_python" -m piper -m "$piper_model" -i "$BENCH_DIR/piper-clean.txt" -f "$BENCH_DIR/piper-one.wav"
ratio "readcast render --backend piper (jobs $cores)" "python -m piper (one process)"
speed "readcast render --backend piper (jobs $cores)" "$(ls "$BENCH_DIR"/piper-out/*/episode.wav)"
speed "python -m piper (one process)" "$BENCH_DIR/piper-one.wav"

# Thread sweep: jobs x onnxruntime threads per worker, on a shorter article.
make_article "${PIPER_SWEEP_WORDS:-600}" "$BENCH_DIR/piper-short.txt"
echo "  thread sweep ($(wc -w < "$BENCH_DIR/piper-short.txt") words):"
for setting in "1 1" "1 $cores" "$cores 1" "$cores $cores"; do
  read -r jobs threads <<<"$setting"
  rm -rf "$BENCH_DIR/piper-sweep"
  READCAST_PIPER_THREADS=$threads measure "jobs $jobs x $threads threads" \
    "$READCAST" render -q --no-cache --backend piper --jobs "$jobs" -o "$BENCH_DIR/piper-sweep" "$BENCH_DIR/piper-short.txt"
done
