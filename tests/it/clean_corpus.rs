//! The cleaning corpus: scraped pages of different kinds (tests/data/clean/NAME.page.txt), each
//! with the text a narrator should read (NAME.expected.txt: the title, then the article). The
//! test cleans every page with the library and measures word-level precision and recall of the
//! script's text against the expected text over the whole corpus.
//!
//! Words are compared as multisets of lower-case words, so the order of units and punctuation do
//! not count, but a word read twice or a menu item read once do.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use readcast::clean::{CleanOptions, clean};
use readcast::ingest::{InputSource, read_document};
use readcast::script::{ScriptOptions, build_script};

const TARGET: f64 = 0.95;

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *counts.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// The script's text (as written, not spoken): title, headings and sentences.
fn script_text(page: &Path) -> String {
    let doc = read_document(&InputSource::parse(&page.to_string_lossy())).expect("read page");
    let article = clean(&doc, &CleanOptions::default()).expect("clean page");
    let script = build_script(&article, &ScriptOptions::default());
    let mut out = Vec::new();
    for section in &script.sections {
        out.push(section.heading.text.clone());
        for p in &section.paragraphs {
            out.extend(p.sentences.iter().map(|s| s.text.clone()));
        }
    }
    out.join("\n")
}

fn corpus() -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/clean");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".page.txt"))
        .collect();
    pages.sort();
    pages
        .into_iter()
        .map(|page| {
            let expected = PathBuf::from(page.to_string_lossy().replace(".page.txt", ".expected.txt"));
            (page, expected)
        })
        .collect()
}

#[test]
fn corpus_precision_and_recall_reach_the_target() {
    let pages = corpus();
    assert!(pages.len() >= 12, "the corpus needs at least 12 pages, found {}", pages.len());
    let (mut hit, mut got_total, mut want_total) = (0usize, 0usize, 0usize);
    for (page, expected) in &pages {
        let got = words(&script_text(page));
        let want = words(&std::fs::read_to_string(expected).expect("expected text"));
        let page_hit: usize = got.iter().map(|(w, n)| (*n).min(want.get(w).copied().unwrap_or(0))).sum();
        let page_got: usize = got.values().sum();
        let page_want: usize = want.values().sum();
        let name = page.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let missing: Vec<&String> = want.keys().filter(|w| got.get(*w).copied().unwrap_or(0) < want[*w]).collect();
        let extra: Vec<&String> = got.keys().filter(|w| want.get(*w).copied().unwrap_or(0) < got[*w]).collect();
        eprintln!(
            "{name:32} precision {:.3} recall {:.3}  extra {:?} missing {:?}",
            page_hit as f64 / page_got.max(1) as f64,
            page_hit as f64 / page_want.max(1) as f64,
            extra.iter().take(12).collect::<Vec<_>>(),
            missing.iter().take(12).collect::<Vec<_>>()
        );
        hit += page_hit;
        got_total += page_got;
        want_total += page_want;
    }
    let precision = hit as f64 / got_total.max(1) as f64;
    let recall = hit as f64 / want_total.max(1) as f64;
    eprintln!("corpus of {} pages: precision {precision:.3} recall {recall:.3}", pages.len());
    assert!(precision >= TARGET, "precision {precision:.3} is below {TARGET}");
    assert!(recall >= TARGET, "recall {recall:.3} is below {TARGET}");
}

#[test]
fn a_page_of_only_furniture_scores_zero_recall_against_an_article() {
    // The measure itself can fail: an empty result against a real expected text has recall 0.
    let want = words("Harbour wall repairs will take two more years");
    let got = words("Home News Sport");
    let hit: usize = got.iter().map(|(w, n)| (*n).min(want.get(w).copied().unwrap_or(0))).sum();
    assert_eq!(hit, 0);
}
