#!/usr/bin/env bash
# Measures the cleaner: word precision, recall and F1 and headlines right, on the real pages of
# ../shared/corpora/real-pages (browser text and HTML, each also split by site into the fold the
# rules were developed on and the other fold) and on the project's own corpus (tests/data/clean).
# Fold B is no longer held out: round 2 looked at its HTML pages, and the headline and line models
# (rounds 3 and 4) were fitted on all sites. Their held-out figures come from group k-fold by site
# in scripts/train-headline.py and scripts/train-lines.py (see docs/cleaning.md).
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
    echo "== real pages, $ext (fold A: rules developed on; fold B: other sites, seen by the fitted models)"
    python3 scripts/clean-folds.py "$corpora/real-pages/manifest.tsv" <"$out/$ext"
done
echo "== project corpus (tests/data/clean, 37 pages)"
python3 "$corpora/score.py" tests/data/clean page.txt -- "$bin" script --json | tail -n 1
