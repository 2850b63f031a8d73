#!/usr/bin/env bash
# Piper on an article of very short sentences, where what each segment costs beyond speaking it
# (a run of the model, the pause, the mastering) weighs most: readcast's whole render with the
# in-process Piper against one `python -m piper` process reading the same text on standard input,
# one sentence a line, with the same voice. Prints wall time, the ratio, and wall milliseconds
# per segment.
use_piper
cores=$(nproc)
sentences=${PIPER_SHORT_SENTENCES:-200}

# Short sentences of our own (two to five words, all different, so no segment is a repeat of
# another), five to a paragraph, under a title.
python3 - "$sentences" "$BENCH_DIR/piper-tiny.txt" <<'PY'
import random, sys
count, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(11)
nouns = ["Boat", "Lamp", "Dog", "Bell", "Door", "Clock", "Kettle", "Gate", "Train", "Bird"]
verbs = ["waited", "glowed", "barked", "rang", "creaked", "ticked", "sang", "stopped", "turned", "slept"]
tails = ["", " again", " softly", " at dawn", " outside", " nearby"]
seen, lines = set(), []
while len(lines) < count:
    s = f"{rng.choice(nouns)} {rng.randint(1, 99)} {rng.choice(verbs)}{rng.choice(tails)}."
    if s not in seen:
        seen.add(s)
        lines.append(s)
out = ["Small Things", ""]
for start in range(0, count, 5):
    out.append(" ".join(lines[start:start + 5]))
    out.append("")
open(path, "w").write("\n".join(out))
PY
spoken_text "$BENCH_DIR/piper-tiny.txt" "$BENCH_DIR/piper-tiny-clean.txt"
lines=$(wc -l < "$BENCH_DIR/piper-tiny-clean.txt")
echo "  article: $lines segments, $(wc -w < "$BENCH_DIR/piper-tiny-clean.txt") words, voice en_US-joe-medium, $cores cores"

for jobs in 1 "$cores"; do
  rm -rf "$BENCH_DIR/piper-tiny-out"
  measure "readcast render --backend piper (jobs $jobs)" \
    "$READCAST" render -q --no-cache --backend piper --jobs "$jobs" -o "$BENCH_DIR/piper-tiny-out" "$BENCH_DIR/piper-tiny.txt"
done
# shellcheck disable=SC2016,SC2154  # expanded by the inner bash; set by use_piper
measure "python -m piper (one process)" \
  bash -c '"$1" -m piper -m "$2" -f "$3" < "$4"' _ \
  "$piper_python" "$piper_model" "$BENCH_DIR/piper-tiny-one.wav" "$BENCH_DIR/piper-tiny-clean.txt"
ratio "readcast render --backend piper (jobs 1)" "python -m piper (one process)"
ratio "readcast render --backend piper (jobs $cores)" "python -m piper (one process)"
for name in "readcast render --backend piper (jobs 1)" "readcast render --backend piper (jobs $cores)" \
  "python -m piper (one process)"; do
  awk -v w="${BENCH_WALL[$name]}" -v n="$lines" -v name="$name" \
    'BEGIN { printf "  %-44s %8.1f ms of wall time per segment\n", name, 1000 * w / n }'
done
rm -rf "$BENCH_DIR/piper-tiny-out" "$BENCH_DIR/piper-tiny-one.wav"
