#!/usr/bin/env bash
# Every render here runs with --no-cache: a cached segment would hide the engine's real cost.
# Helpers for scripts/bench.d parts.

# load_average : the machine's one-minute load average (another job on the machine shows here;
# on 2 cores anything much above 0.5 before a run means the figures are not the engine's own).
load_average() {
  if [ -r /proc/loadavg ]; then cut -d' ' -f1 /proc/loadavg
  else uptime | sed -E 's/.*load averages?: *([0-9.,]+).*/\1/; s/,$//'
  fi
}

# measure NAME CMD... : run CMD, record wall seconds, CPU seconds (user + system) and peak
# resident memory (MB) in BENCH_WALL[NAME], BENCH_CPU[NAME] and BENCH_MEM[NAME], and print a row
# with the load average seen just before (the CPU seconds move less than the wall time when
# another job shares the cores).
declare -gA BENCH_WALL BENCH_CPU BENCH_MEM
measure() {
  local name=$1; shift
  local stats load wall user sys kb
  stats=$(mktemp)
  load=$(load_average)
  /usr/bin/time -f "%e %U %S %M" -o "$stats" "$@" >/dev/null 2>"$stats.err" || {
    echo "bench: '$name' failed:" >&2; cat "$stats.err" >&2; rm -f "$stats" "$stats.err"; return 1; }
  read -r wall user sys kb < <(tail -n1 "$stats")
  rm -f "$stats" "$stats.err"
  BENCH_WALL[$name]=$wall
  BENCH_CPU[$name]=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  BENCH_MEM[$name]=$(awk -v kb="$kb" 'BEGIN { printf "%.1f", kb / 1024 }')
  printf '  %-44s %8.2f s %8.2f s CPU %8s MB peak  (load %s)\n' \
    "$name" "$wall" "${BENCH_CPU[$name]}" "${BENCH_MEM[$name]}" "$load"
}

# ratio A B : print A's wall time as a fraction of B's, and the same for CPU time.
ratio() {
  awk -v a="${BENCH_WALL[$1]}" -v b="${BENCH_WALL[$2]}" -v ca="${BENCH_CPU[$1]}" -v cb="${BENCH_CPU[$2]}" \
    -v na="$1" -v nb="$2" \
    'BEGIN { printf "  ratio %s / %s = %.2f (CPU %.2f)\n", na, nb, (b > 0 ? a / b : 0), (cb > 0 ? ca / cb : 0) }'
}

# make_article WORDS FILE [SEED] : write a long article of our own (a headline, page furniture,
# then paragraphs of varied sentences) with about WORDS words. Another SEED (default 7) is
# another article, with the seed in its headline.
make_article() {
  local words=$1 file=$2 seed=${3:-7}
  python3 - "$words" "$file" "$seed" <<'PY'
import random, sys
words, path, seed = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
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
headline = "Town Notes From the Valley" if seed == 7 else f"Town Notes From the Valley, number {seed}"
out = ["Skip to content", "", headline, "", "Home | News | Weather | Contact", ""]
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

# data_dir : the folder scripts/install-voices.sh installs into (the same rules).
data_dir() {
  if [ -n "${READCAST_DATA_DIR:-}" ]; then echo "$READCAST_DATA_DIR"
  elif [ "$(uname -s)" = Darwin ]; then echo "$HOME/Library/Application Support/readcast"
  else echo "${XDG_DATA_HOME:-$HOME/.local/share}/readcast"
  fi
}

# use_voices : install the Kokoro and Piper voices and ONNX Runtime if missing (a fraction of a
# second when they are in place).
use_voices() {
  scripts/install-voices.sh >/dev/null
}

# PIPER_TTS_VERSION: the Python Piper the in-process Piper is compared with. Its onnxruntime is
# pinned to the version readcast loads (scripts/install-voices.sh), so both run the same runtime.
PIPER_TTS_VERSION=1.8.0
PIPER_ORT_VERSION=1.31.0

# use_piper : set piper_model to the installed Piper voice readcast speaks with by default, and
# piper_python to a Python with piper-tts from PyPI, for the comparison only. The virtual
# environment is kept in $READCAST_BENCH_CACHE (default: readcast-bench in the user's cache
# folder, beside readcast's own segment cache) so later runs start at once; it is made anew when
# missing or broken.
use_piper() {
  use_voices
  # shellcheck disable=SC2034  # read by the parts
  piper_model="$(data_dir)/piper/voices/en_US-joe-medium.onnx"
  local cache=${READCAST_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/readcast-bench}
  local venv="$cache/piper-tts-$PIPER_TTS_VERSION-ort-$PIPER_ORT_VERSION"
  piper_python="$venv/bin/python"
  # The stamp is written last: an interrupted install is redone next time.
  if [ ! -f "$venv/installed" ] || ! "$piper_python" -c 'import piper' >/dev/null 2>&1; then
    echo "  installing piper-tts $PIPER_TTS_VERSION from PyPI into a virtual environment (once)"
    rm -rf "$venv"
    mkdir -p "$cache"
    python3 -m venv "$venv"
    "$piper_python" -m pip install --quiet --disable-pip-version-check \
      "piper-tts==$PIPER_TTS_VERSION" "onnxruntime==$PIPER_ORT_VERSION" >&2
    "$piper_python" -c 'import piper' || { echo "bench: piper-tts did not install" >&2; return 1; }
    touch "$venv/installed"
  fi
}

# bench_article FILE : the article of the natural-voice parts: the shared sample of a scraped
# page (457 words) when the checkout has it beside it, else one of our own of about 450 words.
bench_article() {
  local sample=../shared/samples/scraped-article.txt
  if [ -f "$sample" ]; then
    cp "$sample" "$1"
    echo "  article: $(wc -w < "$1") words, the shared sample of a scraped page"
  else
    make_article 450 "$1"
    echo "  article: $(wc -w < "$1") words of our own (the shared sample is not beside the checkout)"
  fi
}

# spoken_text ARTICLE FILE : the plain text readcast speaks for ARTICLE (title and headings
# included, one sentence a line), for an engine that reads text on its own.
spoken_text() {
  "$READCAST" script "$1" | sed -E 's/^#+ //' | grep -v '^$' > "$2"
}

# episode_seconds OUT : the duration of the one episode rendered into folder OUT.
episode_seconds() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["duration_s"])' "$(ls "$1"/*/episode.json)"
}

# per_episode NAME OUT : NAME's wall time as a fraction of the duration of the episode in OUT.
per_episode() {
  awk -v w="${BENCH_WALL[$1]}" -v d="$(episode_seconds "$2")" -v n="$1" \
    'BEGIN { printf "  %-44s episode %.1f s; wall / episode = %.2f\n", n, d, (d > 0 ? w / d : 0) }'
}

# onnx_sweep BACKEND ARTICLE : renders of ARTICLE with BACKEND for a few settings of ONNX Runtime
# sessions (copies of the model) x intra-op threads per session x jobs (segments in flight),
# each against the default (one session, threads = cores, jobs = cores), then the fastest.
# With BENCH_ROUNDS=N (default 1) the settings take turns N times and each keeps its fastest
# round, which is steadier when another job shares the machine.
onnx_sweep() {
  local backend=$1 article=$2 cores rounds=${BENCH_ROUNDS:-1} round setting sessions threads jobs
  local name run best=""
  cores=$(nproc)
  local settings=("1 $cores $cores" "1 1 1" "$cores 1 $cores" "1 $cores 1")
  local default="$backend sessions 1 x threads $cores, jobs $cores"
  for round in $(seq "$rounds"); do
    for setting in "${settings[@]}"; do
      read -r sessions threads jobs <<<"$setting"
      name="$backend sessions $sessions x threads $threads, jobs $jobs"
      run=$name
      [ "$rounds" -eq 1 ] || run="$name #$round"
      rm -rf "$BENCH_DIR/sweep-out"
      READCAST_ONNX_SESSIONS=$sessions READCAST_ONNX_THREADS=$threads measure "$run" \
        "$READCAST" render -q --no-cache --backend "$backend" --jobs "$jobs" -o "$BENCH_DIR/sweep-out" "$article"
      if [ "$run" != "$name" ] && { [ -z "${BENCH_WALL[$name]:-}" ] ||
        awk -v a="${BENCH_WALL[$run]}" -v b="${BENCH_WALL[$name]}" 'BEGIN { exit !(a < b) }'; }; then
        BENCH_WALL[$name]=${BENCH_WALL[$run]} BENCH_CPU[$name]=${BENCH_CPU[$run]} BENCH_MEM[$name]=${BENCH_MEM[$run]}
      fi
    done
  done
  rm -rf "$BENCH_DIR/sweep-out"
  [ "$rounds" -eq 1 ] || echo "  the fastest of $rounds rounds of each:"
  for setting in "${settings[@]}"; do
    read -r sessions threads jobs <<<"$setting"
    name="$backend sessions $sessions x threads $threads, jobs $jobs"
    [ "$rounds" -eq 1 ] || printf '  %-44s %8.2f s %8.2f s CPU %8s MB peak\n' \
      "$name" "${BENCH_WALL[$name]}" "${BENCH_CPU[$name]}" "${BENCH_MEM[$name]}"
    [ "$name" = "$default" ] || ratio "$name" "$default"
    if [ -z "$best" ] || awk -v a="${BENCH_WALL[$name]}" -v b="${BENCH_WALL[$best]}" 'BEGIN { exit !(a < b) }'; then
      best=$name
    fi
  done
  echo "  fastest: $best (${BENCH_WALL[$best]} s, ${BENCH_MEM[$best]} MB peak)"
}
