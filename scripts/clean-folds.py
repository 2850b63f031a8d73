#!/usr/bin/env python3
"""Splits the per-page lines of score.py by site into two folds and prints the means of each.

Usage: clean-folds.py MANIFEST.tsv < score-output
A site's fold is the parity of the SHA-256 of its name: fold A (even) is where the cleaner's
rules were developed, fold B (odd) was held out from the hand rules. Pages of one site are never in
both folds. The models fitted since (headline, lines) saw both folds: their held-out figures come
from group k-fold by site in scripts/train-*.py.
"""
import hashlib, re, sys

LINE = re.compile(r"^(\S+)\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+) title=(ok|WRONG)")

def main():
    site = {}
    for row in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]:
        cols = row.split("\t")
        site[cols[0]] = cols[2]
    folds = {"A": [], "B": []}
    for line in sys.stdin:
        m = LINE.match(line)
        if not m:
            continue
        name = m.group(1)
        fold = "A" if int(hashlib.sha256(site[name].encode()).hexdigest(), 16) % 2 == 0 else "B"
        folds[fold].append((float(m.group(2)), float(m.group(3)), float(m.group(4)), m.group(5) == "ok"))
    for fold, rows in [("A (developed on)", folds["A"]), ("B (other sites)", folds["B"]), ("all", folds["A"] + folds["B"])]:
        n = max(1, len(rows))
        p, r, f = (sum(x[k] for x in rows) / n for k in range(3))
        t = sum(x[3] for x in rows)
        print(f"{fold:18s} pages={len(rows):3d} P={p:.3f} R={r:.3f} F1={f:.3f} titles {t}/{len(rows)} ({t / n:.0%})")

if __name__ == "__main__":
    main()
