"""What the cleaner's training scripts (train-headline.py, train-lines.py) share: the words as
score.py counts them, each page's site for group k-fold, the features the Rust code prints
(`readcast script --features-json`), and the weight tables written into src/clean/."""
import os, re, subprocess
from concurrent.futures import ThreadPoolExecutor

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def tokens(text):
    """The words of `text` as score.py counts them."""
    text = text.lower().replace("\u2019", "'")
    return [w for w in WORD.findall(text) if len(w) > 1 or w in ("a", "i")]


def sites_of(corpus):
    """Each page's site; a corpus without a manifest.tsv (the project's own pages) counts each
    page as a site of its own."""
    manifest = os.path.join(corpus, "manifest.tsv")
    if os.path.exists(manifest):
        rows = open(manifest, encoding="utf-8").read().splitlines()[1:]
        return {r.split("\t")[0]: r.split("\t")[2] for r in rows}
    names = [f[: -len(".expected.txt")] for f in os.listdir(corpus) if f.endswith(".expected.txt")]
    return {n: "own:" + n for n in names}


def features_json(binary, page):
    """What `readcast script --features-json PAGE` prints, parsed; None when it fails."""
    import json
    out = subprocess.run([binary, "script", "--features-json", page], capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout) if out.returncode == 0 else None


def load_pages(corpus, one):
    """`one(name, site)` for every page of `corpus`, in name order, on both cores."""
    sites = sites_of(corpus)
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda name: one(name, sites[name]), sorted(sites)))


def rust_tables(mean, scale, w):
    """The standardization and weight arrays as Rust constants of `FEATURES` floats."""
    fmt = lambda v: "[" + ", ".join(f"{x:.6}" for x in v) + "]"
    return (f"#[rustfmt::skip]\npub const MEANS: [f32; FEATURES] = {fmt(mean)};\n"
            f"#[rustfmt::skip]\npub const SCALES: [f32; FEATURES] = {fmt(scale)};\n"
            f"#[rustfmt::skip]\npub const WEIGHTS: [f32; FEATURES] = {fmt(w)};\n")
