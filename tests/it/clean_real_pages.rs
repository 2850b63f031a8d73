//! The cleaner on real pages: the 150 pages of `../shared/corpora/real-pages` (next to the
//! repository; skipped when absent), as browser text and as HTML. Each page is cleaned with the
//! library and scored as `scripts/eval-clean.sh` scores it (the scorer's words, per-page
//! precision, recall and F1 averaged; a headline is right when its words overlap the expected
//! headline's with F1 >= 0.8). The test fails when a figure falls below the floor: the figures
//! this cleaner reached, a little under, so that a change that loses ground is seen. The issue's
//! targets are F1 0.95 (not reached yet) and 135 headlines on text (round 7: 142 on all pages,
//! 140 held out by site with 5 folds, 140 with 10), 0.975 and 145 on HTML (reached: 0.976 and 150); see
//! docs/cleaning.md.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use readcast::clean::{CleanOptions, clean};
use readcast::ingest::{InputSource, read_document};
use readcast::script::{ScriptOptions, build_script};

/// (input, F1 floor, headlines-right floor) for the 150 pages.
const FLOORS: [(&str, f64, usize); 2] = [("browser.txt", 0.955, 141), ("html", 0.97, 147)];

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/real-pages");
    dir.is_dir().then_some(dir)
}

/// The scorer's words: lower case letters with an inner apostrophe, one-letter words only "a"
/// and "i".
fn words(text: &str) -> HashMap<String, usize> {
    let text = text.to_lowercase().replace('\u{2019}', "'");
    let mut counts = HashMap::new();
    for token in text.split(|c: char| !(c.is_ascii_lowercase() || c == '\'')) {
        let w = token.trim_matches('\'');
        if w.len() > 1 || w == "a" || w == "i" {
            *counts.entry(w.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

fn overlap(got: &HashMap<String, usize>, want: &HashMap<String, usize>) -> (f64, f64, f64) {
    let hit: usize = got.iter().map(|(w, n)| (*n).min(want.get(w).copied().unwrap_or(0))).sum();
    let p = hit as f64 / got.values().sum::<usize>().max(1) as f64;
    let r = hit as f64 / want.values().sum::<usize>().max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

/// The title and the script's text (title, headings and sentences), or nothing when the page
/// could not be cleaned.
fn cleaned(page: &Path) -> (String, String) {
    let Ok(doc) = read_document(&InputSource::parse(&page.to_string_lossy())) else { return Default::default() };
    let Ok(article) = clean(&doc, &CleanOptions::default()) else { return Default::default() };
    let script = build_script(&article, &ScriptOptions::default());
    let mut out = vec![article.title.clone()];
    for section in &script.sections {
        out.push(section.heading.text.clone());
        for p in &section.paragraphs {
            out.extend(p.sentences.iter().map(|s| s.text.clone()));
        }
    }
    // The title is counted once, as the scorer counts it.
    if out.len() > 1 && out[1] == out[0] {
        out.remove(1);
    }
    (article.title, out.join("\n"))
}

#[test]
fn real_pages_keep_their_figures() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped: no ../shared/corpora/real-pages");
        return;
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".expected.txt").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 100, "the corpus should hold 150 pages, found {}", names.len());
    for (ext, f1_floor, titles_floor) in FLOORS {
        let (mut f1_sum, mut titles) = (0.0, 0);
        for name in &names {
            let expected = std::fs::read_to_string(dir.join(format!("{name}.expected.txt"))).expect("expected");
            let headline = expected.lines().next().unwrap_or_default();
            let (title, text) = cleaned(&dir.join(format!("{name}.{ext}")));
            f1_sum += overlap(&words(&text), &words(&expected)).2;
            titles += usize::from(overlap(&words(&title), &words(headline)).2 >= 0.8);
        }
        let f1 = f1_sum / names.len() as f64;
        eprintln!("{ext}: F1 {f1:.3}, headlines right {titles}/{}", names.len());
        assert!(f1 >= f1_floor, "{ext}: F1 {f1:.3} fell below {f1_floor}");
        assert!(titles >= titles_floor, "{ext}: {titles} headlines right, fewer than {titles_floor}");
    }
}

#[test]
fn the_measure_can_fail() {
    let (_, _, f1) = overlap(&words("Home News Sport"), &words("Harbour wall repairs will take two more years"));
    assert_eq!(f1, 0.0);
    assert_eq!(words("It’s a dog's life, I said")["it's"], 1);
}
