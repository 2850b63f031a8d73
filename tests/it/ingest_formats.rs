//! Issue 7: HTML, Markdown, URLs and many inputs at once, driven through the real binary.
//!
//! Extraction quality is measured on fixture pages of our own (tests/data/html/*.html, each with
//! the article's own text in *.expected.txt): word-level precision and recall of the script
//! against that text. Rendering tests use the real espeak-ng on short fixtures.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common;
use crate::common::http_server::{response, serve};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(rel)
}

fn readcast(args: &[&str]) -> Output {
    common::readcast().args(args).output().expect("run readcast")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn script_json(input: &str, extra: &[&str]) -> Value {
    let mut args = vec!["script", input, "--json"];
    args.extend_from_slice(extra);
    let out = readcast(&args);
    assert!(out.status.success(), "script {input} failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("script JSON")
}

fn segment_texts(json: &Value) -> Vec<String> {
    json["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| s["text"].as_str().unwrap_or("").to_string())
        .collect()
}

fn kinds(manifest: &Value) -> Vec<String> {
    manifest["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| s["kind"].as_str().unwrap_or("").to_string())
        .collect()
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()) {
        *bag.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// (matched words, words spoken, words expected): precision is matched/spoken, recall
/// matched/expected, over bags of lowercased words.
fn overlap(spoken: &str, expected: &str) -> (usize, usize, usize) {
    let (s, e) = (words(spoken), words(expected));
    let matched = s.iter().map(|(w, n)| (*n).min(*e.get(w).unwrap_or(&0))).sum();
    (matched, s.values().sum(), e.values().sum())
}

const NOTES: [&str; 2] = ["A table is left out.", "A code block is left out."];

const PAGES: [&str; 6] =
    ["harbour-ferry", "sourdough-blog", "council-budget", "moth-survey", "orchard-heritage", "river-newsletter"];

#[test]
fn html_pages_meet_word_precision_and_recall() {
    let (mut matched_all, mut spoken_all, mut expected_all, mut notes_all) = (0, 0, 0, 0);
    for page in PAGES {
        let json = script_json(data(&format!("html/{page}.html")).to_str().unwrap(), &[]);
        let texts = segment_texts(&json);
        let (notes, body): (Vec<&String>, Vec<&String>) = texts.iter().partition(|t| NOTES.contains(&t.as_str()));
        let spoken = body.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" ");
        let expected = std::fs::read_to_string(data(&format!("html/{page}.expected.txt"))).unwrap();
        let (matched, spoken_n, expected_n) = overlap(&spoken, &expected);
        let note_words: usize = notes.iter().map(|n| words(n).values().sum::<usize>()).sum();
        let precision = matched as f64 / spoken_n as f64;
        let recall = matched as f64 / expected_n as f64;
        eprintln!(
            "{page}: precision {precision:.3} recall {recall:.3} (with spoken notes counted as extra: precision {:.3})",
            matched as f64 / (spoken_n + note_words) as f64
        );
        assert!(precision >= 0.96, "{page}: precision {precision:.3}\n{spoken}");
        assert!(recall >= 0.96, "{page}: recall {recall:.3}\n{spoken}");
        (matched_all, spoken_all, expected_all, notes_all) =
            (matched_all + matched, spoken_all + spoken_n, expected_all + expected_n, notes_all + note_words);
    }
    let precision = matched_all as f64 / spoken_all as f64;
    let recall = matched_all as f64 / expected_all as f64;
    let with_notes = matched_all as f64 / (spoken_all + notes_all) as f64;
    eprintln!("all pages: precision {precision:.3} recall {recall:.3} (notes counted: precision {with_notes:.3})");
    assert!(with_notes >= 0.96, "precision with notes {with_notes:.3}");
}

#[test]
fn the_measure_can_fail() {
    // The figures above are only worth something if a wrong extraction scores low.
    let expected = std::fs::read_to_string(data("html/harbour-ferry.expected.txt")).unwrap();
    let half: String = expected.split_whitespace().take(150).collect::<Vec<_>>().join(" ");
    let (m, s, e) = overlap(&half, &expected);
    assert!((m as f64 / e as f64) < 0.6, "recall of half the text must be low");
    let padded = format!("{expected} {}", "Subscribe now for our newsletter and offers. ".repeat(20));
    let (m, s2, _) = overlap(&padded, &expected);
    assert!((m as f64 / s2 as f64) < 0.9 && s > 0, "precision with page furniture must be low");
}

#[test]
fn html_reads_headings_items_and_notes_and_flags_read_more() {
    let page = data("html/council-budget.html");
    let json = script_json(page.to_str().unwrap(), &[]);
    let texts = segment_texts(&json);
    assert_eq!(json["title"], "Council approves library hours cut despite petition");
    assert!(texts.contains(&"A table is left out.".to_string()), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("figure caption")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("Orchard Road") && t.contains("26")));
    let kinds: Vec<&str> = json["segments"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "heading").count(), 2);

    let json = script_json(page.to_str().unwrap(), &["--read-tables", "--read-captions"]);
    let texts = segment_texts(&json);
    assert!(texts.iter().any(|t| t.starts_with("Eastfield, Monday, Wednesday, 30")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("Eastfield branch library will close")));
    assert!(!texts.iter().any(|t| NOTES.contains(&t.as_str())));
}

#[test]
fn markdown_front_matter_is_metadata_and_code_is_a_note() {
    let md = data("markdown/garden-notes.md");
    let json = script_json(md.to_str().unwrap(), &[]);
    let texts = segment_texts(&json);
    assert_eq!(json["title"], "Three Things the Garden Taught Me");
    assert_eq!(texts[1], "A short note on a long spring, written for the allotment newsletter.");
    let all = texts.join(" ");
    for unspoken in ["Ada Brook", "tags", "example.org", "not spoken", "*", "corner.jpg", "A corner of long grass"] {
        assert!(!all.contains(unspoken), "{unspoken:?} was spoken: {all}");
    }
    assert!(texts.contains(&"A code block is left out.".to_string()));
    let json = script_json(md.to_str().unwrap(), &["--read-code", "--read-alt"]);
    let all = segment_texts(&json).join(" ");
    assert!(all.contains("echo \"not spoken\"") && all.contains("A corner of long grass"), "{all}");
}

/// A Markdown article with three headings, an HTML page and a missing file in one render: the
/// good ones become episodes with their metadata in the manifest, the missing one is reported at
/// the end, and the exit code says something failed.
#[test]
fn many_inputs_render_with_metadata_and_a_failure_reported_at_the_end() {
    let out_dir = tempfile::tempdir().unwrap();
    let md = data("markdown/garden-notes.md");
    let html = data("html/short-page.html");
    let missing = out_dir.path().join("no-such-article.txt");
    let out = readcast(&[
        "render",
        md.to_str().unwrap(),
        missing.to_str().unwrap(),
        html.to_str().unwrap(),
        "-o",
        out_dir.path().to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no-such-article.txt: file not found"), "{err}");
    assert!(err.contains("1 of 3 inputs failed"), "{err}");
    // The failure is reported after the episodes, not when it happened.
    let failure_at = err.find("no-such-article").unwrap();
    let done_at = err.find("short-page.html:").expect("episode line");
    assert!(failure_at > done_at, "{err}");

    let manifest: Value = serde_json::from_slice(
        &std::fs::read(out_dir.path().join("three-things-the-garden-taught-me/episode.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["author"], "Ada Brook");
    assert_eq!(manifest["date"], "2026-04-12");
    let kinds = kinds(&manifest);
    assert_eq!(kinds[0], "title");
    let headings: Vec<&str> = manifest["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "heading")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(headings, vec!["Water early", "Mulch everything", "Leave a wild corner"]);
    // Wherever chapters are written, the three headings are three chapters after the title's.
    let episode = out_dir.path().join("three-things-the-garden-taught-me");
    let chapters: Value = serde_json::from_slice(&std::fs::read(episode.join("chapters.json")).unwrap()).unwrap();
    let titles: Vec<&str> =
        chapters["chapters"].as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        vec!["Three Things the Garden Taught Me", "Water early", "Mulch everything", "Leave a wild corner"]
    );
    let probe = std::process::Command::new("ffprobe")
        .args(["-v", "error", "-show_chapters", "-show_format", "-of", "json"])
        .arg(episode.join("episode.mp3"))
        .output()
        .expect("ffprobe runs");
    assert!(probe.status.success(), "{}", String::from_utf8_lossy(&probe.stderr));
    let probed: Value = serde_json::from_slice(&probe.stdout).unwrap();
    let mp3_titles: Vec<&str> =
        probed["chapters"].as_array().unwrap().iter().map(|c| c["tags"]["title"].as_str().unwrap()).collect();
    assert_eq!(mp3_titles, titles);
    // The article's author is the MP3's artist.
    assert_eq!(probed["format"]["tags"]["artist"], "Ada Brook");

    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out_dir.path().join("bell-tower-clock-restored/episode.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["title"], "Bell Tower Clock Restored");
    assert_eq!(manifest["author"], "Tom Reeve");
    assert_eq!(manifest["site"], "Parish Post");
    assert_eq!(manifest["date"], "2026-06-01T09:00:00Z");
    assert!(manifest["duration_s"].as_f64().unwrap() > 3.0);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().filter(|l| l.ends_with("episode.json")).count(), 2, "{stdout}");
}

#[test]
fn a_folder_is_every_article_file_inside() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("saved");
    std::fs::create_dir_all(folder.join("more")).unwrap();
    std::fs::copy(data("text/ferry-note.txt"), folder.join("ferry-note.txt")).unwrap();
    std::fs::write(folder.join("more/kiln.md"), "# Kiln Day\n\nThe kiln was fired on Saturday.\n").unwrap();
    std::fs::write(folder.join("photo.jpg"), b"\xff\xd8not read").unwrap();
    let out_dir = work.path().join("out");
    let out = readcast(&["render", folder.to_str().unwrap(), "-o", out_dir.to_str().unwrap(), "--jobs", "2", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut episodes: Vec<String> =
        std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    episodes.sort();
    assert_eq!(episodes, vec!["ferry-timetable-changes", "kiln-day"]);
    for episode in &episodes {
        assert!(out_dir.join(episode).join("episode.wav").metadata().unwrap().len() > 10_000);
    }

    let empty = work.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = readcast(&["render", empty.to_str().unwrap(), "-o", out_dir.to_str().unwrap(), "-q"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("holds no .txt, .md or .html files"), "{}", stderr(&out));
}

#[test]
fn urls_are_fetched_and_read_the_html_way() {
    let page = std::fs::read(data("html/harbour-ferry.html")).unwrap();
    let redirect = b"HTTP/1.1 302 Found\r\nLocation: /story\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec();
    let base = serve(vec![("/go", Some(redirect)), ("/story", Some(response("text/html; charset=utf-8", &page)))], 2);
    let json = script_json(&format!("{base}/go"), &[]);
    assert_eq!(json["title"], "Night Ferry Returns to the Northern Islands After Six Years");
    let texts = segment_texts(&json);
    assert!(texts.iter().any(|t| t.starts_with("The overnight ferry")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("harbourwatcher")));
}

#[test]
fn bad_urls_fail_with_one_clear_line() {
    let big = vec![b'a'; 2 * 1024 * 1024];
    let loop_response =
        b"HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec();
    let base = serve(
        vec![
            ("/image", Some(response("image/png", b"\x89PNG...."))),
            ("/big", Some(response("text/html", &big))),
            ("/loop", Some(loop_response)),
            ("/silent", None),
        ],
        16,
    );
    let cases: [(&str, &[&str], &str); 5] = [
        ("/missing", &[], "HTTP 404"),
        ("/image", &[], "content type is image/png"),
        ("/big", &["--max-download-mb", "1"], "larger than the 1 MB"),
        ("/loop", &[], "redirects"),
        ("/silent", &["--fetch-timeout", "1"], "within 1 s"),
    ];
    for (path, extra, expected) in cases {
        let url = format!("{base}{path}");
        let mut args = vec!["script", url.as_str()];
        args.extend_from_slice(extra);
        let started = Instant::now();
        let out = readcast(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{path}: {err}");
        assert!(err.contains(expected), "{path}: expected {expected:?} in {err}");
        assert_eq!(err.trim().lines().count(), 1, "{path}: {err}");
        assert!(started.elapsed() < Duration::from_secs(20), "{path} took too long");
    }
}

#[test]
fn every_left_out_block_gets_its_note() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("two-listings.md");
    std::fs::write(
        &md,
        "# Two Listings\n\nThe first listing follows.\n\n```\nls\n```\n\nThe second listing follows.\n\n```\npwd\n```\n",
    )
    .unwrap();
    let texts = segment_texts(&script_json(md.to_str().unwrap(), &[]));
    let notes = texts.iter().filter(|t| *t == "A code block is left out.").count();
    assert_eq!(notes, 2, "{texts:?}");
}
