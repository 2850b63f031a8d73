#!/usr/bin/env bash
# Measures the cleaner: word precision, recall and F1 and headlines right, on the real pages of
# ../shared/corpora/real-pages (browser text and HTML, each also split by site into the fold the
# rules were developed on and the held-out fold) and on the project's own corpus (tests/data/clean).
# Usage: scripts/eval-clean.sh [CORPORA_DIR]   (default: ../shared/corpora next to the repository)
# Builds the release binary first; runs it about 350 times (under a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
corpora="${1:-../shared/corpora}"
if [[ ! -f "$corpora/score.py" || ! -d "$corpora/real-pages" ]]; then
    echo "eval-clean: no corpus at $corpora (score.py and real-pages/ are needed)" >&2
    exit 2
fi
cargo build --release --quiet
bin=target/release/readcast
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ext in browser.txt html; do
    python3 "$corpora/score.py" "$corpora/real-pages" "$ext" -- "$bin" script --json >"$out/$ext"
    echo "== real pages, $ext (fold A: developed on; fold B: held out, other sites)"
    python3 scripts/clean-folds.py "$corpora/real-pages/manifest.tsv" <"$out/$ext"
done
echo "== project corpus (tests/data/clean, 37 pages)"
python3 "$corpora/score.py" tests/data/clean page.txt -- "$bin" script --json | tail -n 1
