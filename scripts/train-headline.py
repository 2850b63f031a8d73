#!/usr/bin/env python3
"""Fits the headline chooser (src/clean/headline.rs) on real pages, validated by site.

Usage: train-headline.py CORPUS_DIR BINARY [--own DIR] [--ext browser.txt] [--folds 5] [--l2 3.0] [--write]
  CORPUS_DIR: a real-pages directory (NAME.EXT, NAME.expected.txt, manifest.tsv)
  BINARY:     a readcast binary; `BINARY script --features-json PAGE` gives each page's candidate
              lines with their features, computed by the same Rust code that uses the weights.
A candidate is right when its words overlap the expected headline's with F1 >= 0.8 (as score.py
counts). The model is a softmax over a page's candidates (conditional logit, L2-penalized) on
standardized features. Prints the headlines right for the hand score and for the model, on all
pages (fitted on all) and held out (group k-fold by site: a site's pages are never in both), and
the weights. --write rewrites src/clean/headline_weights.rs with the model fitted on all pages.
Needs numpy, scipy and scikit-learn (a venv outside the repository is fine).
"""
import argparse, collections, os

import numpy as np
from scipy.optimize import minimize
from sklearn.model_selection import GroupKFold

from train_common import features_json, load_pages, rust_tables, tokens

MIN_SCORE = 1.5  # title.rs: below this hand score on every candidate, the page has no headline
NO_SECOND_LOOK = False  # --no-standfirst
NO_BYLINE_LOOK = False  # --no-byline


def words(text):
    return collections.Counter(tokens(text))


def f1(a, b):
    inter = sum((a & b).values())
    if not inter:
        return 0.0
    p, r = inter / sum(a.values()), inter / sum(b.values())
    return 2 * p * r / (p + r)


def load(corpus, binary, ext):
    """Each page's candidates, labels and site."""
    def one(name, site):
        doc = features_json(binary, os.path.join(corpus, f"{name}.{ext}"))
        doc = doc["headline"] if doc else {"candidates": [], "names": []}
        headline = open(os.path.join(corpus, name + ".expected.txt"), encoding="utf-8").read().split("\n", 1)[0]
        cands = doc["candidates"]
        x = np.array([c["x"] for c in cands], dtype=float).reshape(len(cands), len(doc["names"]) or 1)
        y = np.array([f1(words(c["text"]), words(headline)) >= 0.8 for c in cands], dtype=bool)
        hand = np.array([c["hand"] for c in cands], dtype=float)
        text = [c["text"] for c in cands]
        unit = [c["unit"] for c in cands]
        bylined = [c["bylined"] for c in cands]
        # The second looks read their features from `look` (every feature, named), so that --drop
        # leaves a feature out of the model but not out of the looks.
        look = {n: x[:, k] for k, n in enumerate(doc["names"])}
        return dict(name=name, site=site, corpus=corpus, x=x, y=y, hand=hand, names=doc["names"], text=text, unit=unit,
                    bylined=bylined, look=look)

    return load_pages(corpus, one)


def fit(pages, l2):
    """Conditional logit: maximize log P(a right candidate) over pages that have one."""
    train = [p for p in pages if p["y"].any()]
    allx = np.vstack([p["x"] for p in train])
    mean, scale = allx.mean(0), allx.std(0)
    scale[scale < 1e-6] = 1.0
    xs = [(p["x"] - mean) / scale for p in train]
    ys = [p["y"] for p in train]

    def loss(w):
        total, grad = 0.5 * l2 * w @ w, l2 * w
        for x, y in zip(xs, ys):
            s = x @ w
            m = s.max()
            e = np.exp(s - m)
            p_all = e / e.sum()
            p_pos = e * y / (e * y).sum()
            total -= np.log((e * y).sum()) - np.log(e.sum())
            grad = grad - (p_pos - p_all) @ x
        return total, grad

    w = minimize(loss, np.zeros(allx.shape[1]), jac=True, method="L-BFGS-B").x
    return mean, scale, w


def standfirst(page, scores, best):
    """src/clean/standfirst.rs: when the model's choice is set in sentence case, the best-scoring
    line one or two units above it with as many capitals, 4+ words, half its words the article's,
    scored within 5 of it, is the headline (the choice was its standfirst)."""
    cap, shared = page["look"]["capital_share"], page["look"]["shared_with_body"]
    if cap[best] >= 0.5:
        return best
    above = [k for k in range(len(scores))
             if 1 <= page["unit"][best] - page["unit"][k] <= 2 and scores[best] - scores[k] <= 5.0
             and cap[k] >= cap[best] and shared[k] >= 0.5 and len(page["text"][k].split()) >= 4]
    return max(above, key=lambda k: (scores[k], page["unit"][k])) if above else best


def byline_look(page, scores, best):
    """src/clean/byline_look.rs: when the choice is signed by no byline nor date, the best-scoring
    line of 4+ words up to 20 units above it that a byline signs, scored within 5 of it, is the
    headline (the choice was a teaser or a video's title under it)."""
    if page["bylined"][best] or page["look"]["signed_below"][best] > 0.5:
        return best
    above = [k for k in range(len(scores))
             if page["bylined"][k] and 0 < page["unit"][best] - page["unit"][k] <= 20
             and scores[best] - scores[k] <= 5.0 and len(page["text"][k].split()) >= 4]
    return max(above, key=lambda k: (scores[k], page["unit"][k])) if above else best


def chosen(page, scores, second_look=True):
    best = max(range(len(scores)), key=lambda i: (scores[i], page["unit"][i]))
    best = standfirst(page, scores, best) if second_look else best
    return best if NO_BYLINE_LOOK else byline_look(page, scores, best)


def right(page, scores, second_look=True):
    """The page's headline is right: the chosen candidate is right (and the page has one)."""
    if len(page["y"]) == 0 or page["hand"].max() < MIN_SCORE:
        return False
    return bool(page["y"][chosen(page, scores, second_look)])


def model_scores(page, model):
    mean, scale, w = model
    return ((page["x"] - mean) / scale) @ w if len(page["y"]) else np.zeros(0)


def evaluate(pages, folds, l2, show):
    """Headlines right, per corpus, when each page is scored by a model fitted without its site."""
    groups = [p["site"] for p in pages]
    held = collections.Counter()
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(pages, groups=groups):
        model = fit([pages[i] for i in train_idx], l2)
        for i in test_idx:
            ok = right(pages[i], model_scores(pages[i], model), not NO_SECOND_LOOK)
            held[pages[i]["corpus"]] += ok
            if show and not ok and pages[i]["y"].any():
                s = model_scores(pages[i], model)
                print(f"  wrong held out: {pages[i]['name']}: chose {pages[i]['text'][chosen(pages[i], s)]!r}, "
                      f"right {[t for t, y in zip(pages[i]['text'], pages[i]['y']) if y][:1]!r}")
    return held


def write_weights(path, model):
    mean, scale, w = model
    open(path, "w", encoding="utf-8").write(
        "//! The headline model's weights, written by `scripts/train-headline.py`; do not edit by hand.\n"
        "//! Each feature is standardized (minus its mean, over its scale) and weighted.\n\n"
        "use super::headline::FEATURES;\n\n" + rust_tables(mean, scale, w))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("binary")
    ap.add_argument("--ext", default="browser.txt")
    ap.add_argument("--own", help="also train on this corpus of our own pages (NAME.page.txt), e.g. tests/data/clean")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=3.0)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--show-wrong", action="store_true", help="list the pages wrong when held out")
    ap.add_argument("--drop", default="", help="leave out these features (comma-separated names), to measure them")
    ap.add_argument("--no-standfirst", action="store_true", help="without the standfirst step")
    ap.add_argument("--no-byline", action="store_true", help="without the byline step (both: the model's choice alone)")
    args = ap.parse_args()
    global NO_SECOND_LOOK, NO_BYLINE_LOOK
    NO_SECOND_LOOK, NO_BYLINE_LOOK = args.no_standfirst, args.no_byline
    pages = load(args.corpus, args.binary, args.ext)
    if args.own:
        pages += load(args.own, args.binary, "page.txt")
    names = next(p["names"] for p in pages if p["names"])
    if args.drop:
        if args.write:
            ap.error("--drop measures; the weights written must cover every feature")
        keep = [k for k, n in enumerate(names) if n not in args.drop.split(",")]
        names = [names[k] for k in keep]
        for p in pages:
            p["x"] = p["x"][:, keep]
    model = fit(pages, args.l2)
    held = evaluate(pages, args.folds, args.l2, args.show_wrong)
    for corpus in dict.fromkeys(p["corpus"] for p in pages):
        these = [p for p in pages if p["corpus"] == corpus]
        n = len(these)
        print(f"== {corpus}: {n} pages; a right candidate exists on {sum(p['y'].any() for p in these)}")
        print(f"hand score:            {sum(right(p, p['hand'], False) for p in these)}/{n}")
        print(f"model, all pages:      {sum(right(p, model_scores(p, model), not NO_SECOND_LOOK) for p in these)}/{n}")
        print(f"model, held out by site ({args.folds} folds): {held[corpus]}/{n}")
    print("weights (per standard deviation), strongest first:")
    for k in sorted(range(len(names)), key=lambda k: -abs(model[2][k])):
        print(f"  {names[k]:30s} {model[2][k]:+.3f}")
    if args.write:
        path = os.path.join(os.path.dirname(__file__), "..", "src", "clean", "headline_weights.rs")
        write_weights(path, model)
        print(f"wrote {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
