#!/usr/bin/env bash
# Never redo work, never grow: a cold render against a re-render after a one-paragraph edit
# (espeak-ng, then the in-process Piper when scripts/install-voices.sh has installed it), and
# peak memory of a 100,000-word article (about ten hours of audio) against a 10,000-word one
# (espeak-ng, so that the figure is readcast's own rather than a model's).
make_article 10000 "$BENCH_DIR/cache.txt"
edit_one_paragraph() {
  # Change one sentence of the 20th paragraph of the article.
  python3 - "$1" <<'PY'
import sys
path = sys.argv[1]
paras = open(path).read().split("\n\n")
paras[20] = paras[20].replace(".", " and then some.", 1)
open(path, "w").write("\n\n".join(paras))
PY
}

cache_bench() {
  local backend=$1
  local cache="$BENCH_DIR/cache-$backend"
  cp "$BENCH_DIR/cache.txt" "$BENCH_DIR/cache-$backend.txt"
  measure "cold render ($backend)" "$READCAST" render -q --backend "$backend" --cache-dir "$cache" -o "$BENCH_DIR/out-cold-$backend" "$BENCH_DIR/cache-$backend.txt"
  edit_one_paragraph "$BENCH_DIR/cache-$backend.txt"
  measure "re-render after an edit ($backend)" "$READCAST" render -q --backend "$backend" --cache-dir "$cache" -o "$BENCH_DIR/out-warm-$backend" "$BENCH_DIR/cache-$backend.txt"
  ratio "re-render after an edit ($backend)" "cold render ($backend)"
  rm -rf "$cache" "$BENCH_DIR"/out-*-"$backend"
}

cache_bench espeak-ng
if "$READCAST" voices --backend piper >/dev/null 2>&1; then
  cache_bench piper
else
  echo "  (Piper not installed: scripts/install-voices.sh adds the Piper comparison)"
fi

make_article 100000 "$BENCH_DIR/huge.txt"
measure "render 10,000 words (espeak-ng, no cache)" "$READCAST" render -q --no-cache --backend espeak-ng -o "$BENCH_DIR/mem10" "$BENCH_DIR/cache.txt"
measure "render 100,000 words (espeak-ng, no cache)" "$READCAST" render -q --no-cache --backend espeak-ng -o "$BENCH_DIR/mem100" "$BENCH_DIR/huge.txt"
awk -v a="${BENCH_MEM[render 100,000 words (espeak-ng, no cache)]}" -v b="${BENCH_MEM[render 10,000 words (espeak-ng, no cache)]}" \
  'BEGIN { printf "  peak memory 100k / 10k words = %.2f\n", a / b }'
du -sh "$BENCH_DIR"/mem100/*/episode.wav | awk '{ print "  100,000-word episode WAV: " $1 }'
rm -rf "$BENCH_DIR/mem10" "$BENCH_DIR/mem100"
