#!/usr/bin/env bash
# Every render here runs with --no-cache: a cached segment would hide the engine's real cost.
# Helpers for scripts/bench.d parts.

# measure NAME CMD... : run CMD, record wall seconds and peak resident memory (MB) in
# BENCH_WALL[NAME] and BENCH_MEM[NAME], and print a row.
declare -gA BENCH_WALL BENCH_MEM
measure() {
  local name=$1; shift
  local stats
  stats=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$stats" "$@" >/dev/null 2>"$stats.err" || {
    echo "bench: '$name' failed:" >&2; cat "$stats.err" >&2; rm -f "$stats" "$stats.err"; return 1; }
  read -r wall kb < <(tail -n1 "$stats")
  rm -f "$stats" "$stats.err"
  BENCH_WALL[$name]=$wall
  BENCH_MEM[$name]=$(awk -v kb="$kb" 'BEGIN { printf "%.1f", kb / 1024 }')
  printf '  %-44s %8.2f s %9s MB peak\n' "$name" "$wall" "${BENCH_MEM[$name]}"
}

# ratio A B : print A's wall time as a fraction of B's.
ratio() {
  awk -v a="${BENCH_WALL[$1]}" -v b="${BENCH_WALL[$2]}" -v na="$1" -v nb="$2" \
    'BEGIN { printf "  ratio %s / %s = %.2f\n", na, nb, (b > 0 ? a / b : 0) }'
}

# make_article WORDS FILE : write a long article of our own (a headline, page furniture, then
# paragraphs of varied sentences) with about WORDS words.
make_article() {
  local words=$1 file=$2
  python3 - "$words" "$file" <<'PY'
import random, sys
words, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
subjects = ["The council", "A spokesperson", "Local farmers", "The harbour master", "Engineers",
            "The new library", "Residents of the valley", "The rail operator", "Teachers", "The museum"]
verbs = ["announced", "questioned", "described", "welcomed", "postponed", "measured", "reviewed",
         "funded", "opposed", "celebrated"]
objects = ["a plan to widen the northern road", "the cost of repairs to the old bridge",
           "a survey of water quality in the estuary", "the opening hours of the market",
           "new bus routes through the town centre", "a study of migrating birds",
           "the budget for the coming winter", "a festival of music and food",
           "changes to the school timetable", "plans for a solar farm on the hill"]
tails = ["on Tuesday", "after a long debate", "in a statement", "for the third time this year",
         "despite objections", "with some caution", "to general surprise", "at a public meeting"]
out = ["Skip to content", "", "Town Notes From the Valley", "", "Home | News | Weather | Contact", ""]
count = 0
while count < words:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        s = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} {rng.choice(tails)}."
        sentences.append(s)
        count += len(s.split())
    out.append(" ".join(sentences))
    out.append("")
out += ["Please consider donating to keep local news alive", "", "Share this: Facebook | Twitter"]
open(path, "w").write("\n".join(out) + "\n")
PY
}

# use_piper : install Piper if missing and set piper_python and piper_model to the interpreter
# and voice readcast uses (the same folder rules as src/synth/piper.rs).
use_piper() {
  scripts/install-piper.sh >/dev/null
  local home=${READCAST_PIPER_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/readcast/piper}
  [ "$(uname -s)" = Darwin ] && [ -z "${READCAST_PIPER_HOME:-}" ] && home="$HOME/Library/Application Support/readcast/piper"
  piper_python="$home/venv/bin/python"
  piper_model="$home/voices/en_US-joe-medium.onnx"
}
