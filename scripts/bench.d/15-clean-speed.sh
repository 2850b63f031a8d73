#!/usr/bin/env bash
# Cleaning speed (issue 12: a 1 MB page cleans in under 1 s in a release build). `readcast script`
# reads, cleans and writes the spoken script without speaking it, so its time bounds the cleaner's.
# Pages of about 1 MB: real browser text (pages of ../shared/corpora joined, when the checkout
# has them beside it), an article of our own, the same article as HTML, and a list of 24,000
# short lines with no prose at all (tour dates: the worst case for the steps that compare lines).
make_article 170000 "$BENCH_DIR/mb.txt"
python3 - "$BENCH_DIR/mb.txt" "$BENCH_DIR/mb.html" <<'PY'
import html, sys
paras = open(sys.argv[1]).read().split("\n\n")
body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras[3:])
open(sys.argv[2], "w").write(f"<html><head><title>{html.escape(paras[1])}</title></head><body>"
                             f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                             f"<article><h1>{html.escape(paras[1])}</h1>\n{body}</article></body></html>")
PY
python3 - "$BENCH_DIR/mb-list.txt" <<'PY'
import random, sys
rng = random.Random(1)
months = ["Jan", "Feb", "March", "April", "June", "July", "Sept", "Oct"]
lines = ["Tour Dates Announced", ""]
while sum(len(line) + 1 for line in lines) < 1_000_000:
    lines.append(f"{rng.choice(months)} {rng.randint(1, 28)} - The Venue Hall {rng.randint(1, 999)}, Springfield")
open(sys.argv[1], "w").write("\n".join(lines))
PY
pages=../shared/corpora/real-pages
clean_speed_rows=()
if [ -d "$pages" ]; then
  python3 - "$pages" "$BENCH_DIR/mb-real.txt" <<'PY'
import glob, os, sys
out, size = [], 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.browser.txt"))):
    text = open(path, encoding="utf-8").read()
    out.append(text)
    size += len(text.encode())
    if size >= 1_000_000:
        break
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(out))
PY
  measure "script: real browser text, joined pages" "$READCAST" script "$BENCH_DIR/mb-real.txt"
  clean_speed_rows+=("script: real browser text, joined pages:$BENCH_DIR/mb-real.txt")
else
  echo "  (../shared/corpora is not beside the checkout: the real pages are left out)"
fi
measure "script: our article, plain text" "$READCAST" script "$BENCH_DIR/mb.txt"
clean_speed_rows+=("script: our article, plain text:$BENCH_DIR/mb.txt")
measure "script: our article, HTML" "$READCAST" script "$BENCH_DIR/mb.html"
clean_speed_rows+=("script: our article, HTML:$BENCH_DIR/mb.html")
measure "script: a list of short lines" "$READCAST" script "$BENCH_DIR/mb-list.txt"
clean_speed_rows+=("script: a list of short lines:$BENCH_DIR/mb-list.txt")
for row in "${clean_speed_rows[@]}"; do
  name=${row%%:/*} file=/${row#*:/}
  awk -v w="${BENCH_WALL[$name]}" -v b="$(wc -c < "$file")" -v n="$name" \
    'BEGIN { printf "  %-44s %.2f MB in %.2f s: %s (target under 1 s per MB)\n", n, b / 1e6, w, (w / (b / 1e6) < 1 ? "met" : "missed") }'
done
rm -f "$BENCH_DIR"/mb*.txt "$BENCH_DIR/mb.html"
