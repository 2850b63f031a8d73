#!/usr/bin/env python3
"""Fits the line model (src/clean/line_model.rs) on real pages, validated by site.

Usage: train-lines.py CORPUS_DIR BINARY [--own DIR] [--ext browser.txt] [--folds 5] [--c 0.3]
                      [--threshold T] [--smooth S] [--tail-mean M --tail-units N] [--grid] [--write]
  CORPUS_DIR: a real-pages directory (NAME.EXT, NAME.expected.txt, manifest.tsv)
  BINARY:     a readcast binary; `BINARY script --features-json PAGE` gives each unit of the page
              with the rules' verdict and the line model's features, computed by the same Rust
              code that uses the weights.
A unit is the article when most of its word 4-grams (a shorter unit: its whole word sequence)
occur in NAME.expected.txt, words counted as score.py counts them. The model is a logistic
regression on standardized features over the units the rules left to judgement, each weighted
by its words (text F1 counts words). A page's text is simulated as score.py sees it: the
headline's words plus the units read. Prints per-page mean P / R / F1 for the rules alone and
for the model, on all pages (fitted on all) and held out (group k-fold by site: a site's pages
never in both), and the weights. --grid also prints held-out F1 over thresholds and smoothing
shares. --write rewrites src/clean/line_weights.rs with the model fitted on all pages.
Needs numpy and scikit-learn (a venv outside the repository is fine).
"""
import argparse, collections, os

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from train_common import features_json, load_pages, rust_tables, tokens

N = 4  # n-gram length of the labels


def label(unit_tokens, grams):
    """Most of the unit's n-grams (or its whole sequence, when shorter) are in the article."""
    n = len(unit_tokens)
    if n == 0:
        return False
    if n < N:
        return tuple(unit_tokens) in grams[n]
    own = [tuple(unit_tokens[k:k + N]) for k in range(n - N + 1)]
    return sum(g in grams[N] for g in own) >= 0.5 * len(own)


def load(corpus, binary, ext):
    """Each page's units, labels and site."""
    def one(name, site):
        page = os.path.join(corpus, f"{name}.{ext}")
        doc = features_json(binary, page)
        expected = open(os.path.join(corpus, name + ".expected.txt"), encoding="utf-8").read()
        exp = tokens(expected)
        grams = {n: {tuple(exp[k:k + n]) for k in range(len(exp) - n + 1)} for n in range(1, N + 1)}
        doc = doc["lines"] if doc else {"units": [], "names": [], "title": None}
        units = doc["units"]
        toks = [tokens(u["text"]) for u in units]
        title = units[doc["title"]]["text"] if doc["title"] is not None else os.path.basename(page)
        return dict(
            name=name, site=site, corpus=corpus, names=doc["names"],
            x=np.array([u["x"] for u in units], dtype=float).reshape(len(units), len(doc["names"]) or 1),
            judged=np.array([u["judged"] for u in units], dtype=bool),
            kept=np.array([u["rule"] is None for u in units], dtype=bool) & np.array([u["judged"] for u in units], dtype=bool),
            y=np.array([label(t, grams) for t in toks], dtype=bool),
            words=[collections.Counter(t) for t in toks],
            nwords=np.array([len(t) for t in toks], dtype=float),
            title=collections.Counter(tokens(title)), expected=collections.Counter(exp),
            text=[u["text"] for u in units],
        )

    return load_pages(corpus, one)


def page_prf(page, read):
    """Word precision, recall and F1 of the page read this way, as score.py counts them."""
    got = collections.Counter(page["title"])
    for i in np.flatnonzero(read):
        got.update(page["words"][i])
    exp = page["expected"]
    inter = sum((got & exp).values())
    p = inter / max(1, sum(got.values()))
    r = inter / max(1, sum(exp.values()))
    return p, r, 2 * p * r / max(1e-9, p + r)


def page_weights(page, weight):
    n = page["nwords"][page["judged"]]
    w = {"words": n, "sqrt": np.sqrt(n), "none": np.ones_like(n), "page": n / max(1.0, n.sum())}[weight] + 1e-3
    return w * (OWN_WEIGHT if page["site"].startswith("own:") else 1.0)


OWN_WEIGHT = 1.0
TAIL = (0.0, 0)  # the tail cut's mean logit and shortest tail in units; 0 units: no cut


def fit(pages, c, weight, kind="lr", trees=200, depth=1, rate=0.1):
    x = np.vstack([p["x"][p["judged"]] for p in pages])
    y = np.concatenate([p["y"][p["judged"]] for p in pages])
    # Each page counts alike (the figures are means over pages), its units by their words.
    w = np.concatenate([page_weights(p, weight) for p in pages])
    mean, scale = x.mean(0), x.std(0)
    scale[scale < 1e-6] = 1.0
    if kind == "gb":
        gb = GradientBoostingClassifier(n_estimators=trees, max_depth=depth, learning_rate=rate, subsample=1.0,
                                        random_state=0)
        gb.fit(x, y, sample_weight=w / w.mean())
        return ("gb", gb)
    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit((x - mean) / scale, y, sample_weight=w / w.mean())
    return mean, scale, lr.coef_[0], lr.intercept_[0]


def logits(page, model):
    if isinstance(model[0], str):
        return model[1].decision_function(page["x"]) if len(page["judged"]) else np.zeros(0)
    mean, scale, w, b = model
    return ((page["x"] - mean) / scale) @ w + b if len(page["judged"]) else np.zeros(0)


def decide(page, raw, threshold, smooth, margin=0.0):
    """As line_model::decide: a judged unit's logit smoothed with its judged neighbours'; the
    rules' verdict stands unless the model is `margin` past the threshold against it; then the
    run's tail is cut (see cut_tail)."""
    judged = page["judged"]
    read = np.zeros(len(judged), dtype=bool)
    for i in np.flatnonzero(judged):
        near = [raw[j] for j in (i - 1, i + 1) if 0 <= j < len(judged) and judged[j]]
        s = raw[i] if not near else (1 - smooth) * raw[i] + smooth * sum(near) / len(near)
        read[i] = s >= threshold - margin if page["kept"][i] else s >= threshold + margin
    return cut_tail(page, raw, read, TAIL[0], TAIL[1])


def cut_tail(page, raw, read, tail_mean, tail_units):
    """As line_model::cut_tail: the longest tail (TAIL_UNITS judged units or more) of the article's
    run, and of what is read after it, whose mean logit weighted by words is under TAIL_MEAN is
    dropped: the page's additions after the article that no header ends."""
    if tail_units <= 0 or not len(read):
        return read
    names = page["names"]
    x = page["x"]
    inside, after = x[:, names.index("inside_run")] > 0, x[:, names.index("after_run")] > 0
    tail = [i for i in np.flatnonzero(page["judged"]) if inside[i] or (after[i] and read[i])]
    if len(tail) < tail_units + 2:
        return read
    words = np.exp(x[:, names.index("log_words")])  # the Rust code's words + 1
    total = weight = 0.0
    cut = None
    for s in range(len(tail) - 1, 1, -1):
        total += words[tail[s]] * raw[tail[s]]
        weight += words[tail[s]]
        if len(tail) - s >= tail_units and total / weight < tail_mean:
            cut = s
    read = read.copy()
    if cut is not None:
        read[tail[cut:]] = False
    return read


def held_out_logits(pages, folds, c, weight, **kw):
    """Each page's logits from a model fitted without any page of its site."""
    out = [None] * len(pages)
    groups = [p["site"] for p in pages]
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(pages, groups=groups):
        model = fit([pages[i] for i in train_idx], c, weight, **kw)
        for i in test_idx:
            out[i] = logits(pages[i], model)
    return out


def means(pages, reads):
    prf = np.array([page_prf(p, r) for p, r in zip(pages, reads)])
    return prf.mean(0) if len(prf) else np.zeros(3)


def report(pages, label, reads):
    for corpus in dict.fromkeys(p["corpus"] for p in pages):
        idx = [k for k, p in enumerate(pages) if p["corpus"] == corpus]
        m = means([pages[k] for k in idx], [reads[k] for k in idx])
        print(f"  {label:28s} {os.path.basename(os.path.normpath(corpus)):12s} P={m[0]:.3f} R={m[1]:.3f} F1={m[2]:.3f}")


def write_weights(path, model, threshold, smooth, margin, tail):
    mean, scale, w, b = model
    open(path, "w", encoding="utf-8").write(
        "//! The line model's weights, written by `scripts/train-lines.py`; do not edit by hand.\n"
        "//! Each feature is standardized (minus its mean, over its scale) and weighted; a judged unit is\n"
        "//! read when its logit, smoothed with its judged neighbours' (share `SMOOTH`), reaches `THRESHOLD`\n"
        "//! (the rules' verdict stands unless the logit is `MARGIN` past it the other way).\n\n"
        "use super::line_model::FEATURES;\n\n"
        f"pub const BIAS: f32 = {b:.6};\npub const THRESHOLD: f32 = {threshold:.6};\npub const SMOOTH: f32 = {smooth:.6};\n"
        f"pub const MARGIN: f32 = {margin:.6};\n"
        "/// The tail of the article's run whose mean logit is under `TAIL_MEAN` (`TAIL_UNITS` judged units\n"
        "/// or more) is dropped (`line_model::cut_tail`).\n"
        f"pub const TAIL_MEAN: f32 = {tail[0]:.6};\npub const TAIL_UNITS: usize = {tail[1]};\n"
        + rust_tables(mean, scale, w))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("binary")
    ap.add_argument("--ext", default="browser.txt")
    ap.add_argument("--own", help="also train on this corpus of our own pages (NAME.page.txt), e.g. tests/data/clean")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=0.3, help="inverse L2 penalty")
    ap.add_argument("--weight", choices=["words", "sqrt", "none", "page"], default="words")
    ap.add_argument("--threshold", type=float, default=0.0)
    ap.add_argument("--smooth", type=float, default=0.0)
    ap.add_argument("--margin", type=float, default=0.0)
    ap.add_argument("--tail-mean", type=float, default=0.0, help="cut the run's tail whose mean logit is under this")
    ap.add_argument("--tail-units", type=int, default=0, help="... of at least this many judged units (0: no cut)")
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--kind", choices=["lr", "gb"], default="lr", help="logistic regression or gradient-boosted trees")
    ap.add_argument("--trees", type=int, default=200)
    ap.add_argument("--depth", type=int, default=1)
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--worst", type=int, default=0, help="list the N pages that lose most F1 held out")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--own-weight", type=float, default=1.0, help="weight of a page of our own against a real one")
    args = ap.parse_args()
    global OWN_WEIGHT, TAIL
    OWN_WEIGHT = args.own_weight
    TAIL = (args.tail_mean, args.tail_units)
    pages = load(args.corpus, args.binary, args.ext)
    if args.own:
        pages += load(args.own, args.binary, "page.txt")
    names = next(p["names"] for p in pages if p["names"])
    kw = dict(kind=args.kind, trees=args.trees, depth=args.depth, rate=args.rate)
    model = fit(pages, args.c, args.weight, **kw)
    held = held_out_logits(pages, args.folds, args.c, args.weight, **kw)
    report(pages, "rules (simulated)", [p["kept"] for p in pages])
    report(pages, "ceiling (labels decide)", [p["judged"] & p["y"] for p in pages])
    report(pages, "model, all pages", [decide(p, logits(p, model), args.threshold, args.smooth, args.margin) for p in pages])
    held_reads = [decide(p, h, args.threshold, args.smooth, args.margin) for p, h in zip(pages, held)]
    report(pages, f"model, held out ({args.folds} folds)", held_reads)
    if args.grid:
        real = [k for k, p in enumerate(pages) if p["corpus"] == pages[0]["corpus"]]
        own = [k for k in range(len(pages)) if k not in real]
        for smooth, margin in [(s, m) for m in (0.0, 0.5, 1.0, 2.0) for s in (0.0, 0.3)]:
            row = []
            for t in (-1.0, -0.5, 0.0, 0.5, 1.0):
                reads = [decide(p, h, t, smooth, margin) for p, h in zip(pages, held)]
                f_real = means([pages[k] for k in real], [reads[k] for k in real])[2]
                f_own = means([pages[k] for k in own], [reads[k] for k in own])[2] if own else 0
                row.append(f"t={t:+.1f}: {f_real:.3f}/{f_own:.3f}")
            print(f"  held out, smooth {smooth:.2f} margin {margin:.1f}: " + "  ".join(row))
    if args.worst:
        loss = []
        for p, r in zip(pages, held_reads):
            loss.append((page_prf(p, r)[2] - page_prf(p, p["kept"])[2], p["name"], page_prf(p, r)))
        for d, name, prf in sorted(loss)[: args.worst]:
            print(f"  worst held out: {name}: F1 {d:+.3f} -> P={prf[0]:.3f} R={prf[1]:.3f} F1={prf[2]:.3f}")
    if isinstance(model[0], str):
        imp = model[1].feature_importances_
        print("feature importances, strongest first:")
        for k in sorted(range(len(names)), key=lambda k: -imp[k])[:15]:
            print(f"  {names[k]:22s} {imp[k]:.3f}")
        return
    print("weights (per standard deviation), strongest first; bias %+.3f:" % model[3])
    for k in sorted(range(len(names)), key=lambda k: -abs(model[2][k])):
        print(f"  {names[k]:22s} {model[2][k]:+.3f}")
    if args.write:
        path = os.path.join(os.path.dirname(__file__), "..", "src", "clean", "line_weights.rs")
        write_weights(path, model, args.threshold, args.smooth, args.margin, TAIL)
        print(f"wrote {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
