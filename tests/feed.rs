//! `readcast feed`: real renders, the feed read back by an independent parser (Python's
//! xml.etree.ElementTree and email.utils for the dates).

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;

use common::{assert_ok, assert_one_line_error, data, read_json, readcast, stderr};
use serde_json::Value;

const BASE: &str = "https://example.org/pod/";

/// Parse a feed with Python and print what it holds as JSON.
const SUMMARY_PY: &str = r#"
import json, sys, email.utils
import xml.etree.ElementTree as ET
IT = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PC = "{https://podcastindex.org/namespace/1.0}"
root = ET.parse(sys.argv[1]).getroot()
ch = root.find("channel")
items = []
for it in ch.findall("item"):
    enc = it.find("enclosure")
    items.append({
        "title": it.findtext("title"),
        "guid": it.findtext("guid"),
        "guid_permalink": it.find("guid").get("isPermaLink"),
        "pub_ts": email.utils.parsedate_to_datetime(it.findtext("pubDate")).timestamp(),
        "description": it.findtext("description"),
        "author": it.findtext(IT + "author"),
        "duration": int(it.findtext(IT + "duration")),
        "enclosure": dict(enc.attrib),
        "transcripts": [dict(t.attrib) for t in it.findall(PC + "transcript")],
        "chapters": [dict(c.attrib) for c in it.findall(PC + "chapters")],
    })
print(json.dumps({
    "version": root.get("version"),
    "title": ch.findtext("title"),
    "link": ch.findtext("link"),
    "author": ch.findtext(IT + "author"),
    "language": ch.findtext("language"),
    "items": items,
}))
"#;

fn summary(feed: &Path) -> Value {
    let out = std::process::Command::new("python3")
        .args(["-c", SUMMARY_PY])
        .arg(feed)
        .stdin(Stdio::null())
        .output()
        .expect("run python3");
    assert!(out.status.success(), "python could not parse the feed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("python's JSON")
}

/// Two fixtures rendered once for the whole file (a render takes seconds).
fn rendered() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = readcast()
            .args(["render", "-q", "--jobs", "2", "-o"])
            .arg(dir.path())
            .arg(data("short-article.txt"))
            .arg(data("second-article.txt"))
            .stdin(Stdio::null())
            .output()
            .expect("run render");
        assert_ok(&out);
        dir
    })
    .path()
}

fn episode_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read out")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("episode.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn feed(dir: &Path, extra: &[&str]) -> std::process::Output {
    readcast().arg("feed").arg("-o").arg(dir).args(extra).stdin(Stdio::null()).output().expect("run feed")
}

#[test]
fn feed_lists_both_episodes_with_real_sizes_durations_and_links() {
    // Its own copy, so the other test's feed.xml cannot be read here.
    let src = rendered();
    let dir = tempfile::tempdir().expect("tempdir");
    for episode in episode_dirs(src) {
        let to = dir.path().join(episode.file_name().expect("name"));
        std::fs::create_dir(&to).expect("mkdir");
        for file in std::fs::read_dir(&episode).expect("read episode") {
            let file = file.expect("entry").path();
            std::fs::copy(&file, to.join(file.file_name().expect("name"))).expect("copy");
        }
    }
    let out = feed(dir.path(), &["--base-url", BASE, "--show-title", "Town Notes", "--show-author", "Ada Brook"]);
    assert_ok(&out);
    let feed = summary(&dir.path().join("feed.xml"));
    assert_eq!(feed["version"], "2.0");
    assert_eq!(feed["title"], "Town Notes");
    assert_eq!(feed["author"], "Ada Brook");
    assert_eq!(feed["link"], BASE);
    let items = feed["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{feed}");

    let mut titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().expect("title")).collect();
    titles.sort();
    assert_eq!(titles, ["Council Approves New Cycle Lanes", "Night Ferry Returns to the Island Route"]);
    let dates: Vec<f64> = items.iter().map(|i| i["pub_ts"].as_f64().expect("date")).collect();
    assert!(dates[0] >= dates[1], "newest first: {dates:?}");
    assert_ne!(items[0]["guid"], items[1]["guid"]);

    for item in items {
        let enclosure = &item["enclosure"];
        let url = enclosure["url"].as_str().expect("url");
        let relative = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url} is not under {BASE}"));
        let folder = dir.path().join(relative.strip_suffix("/episode.mp3").expect("an mp3 enclosure"));
        let mp3_len = std::fs::metadata(folder.join("episode.mp3")).expect("mp3").len();
        assert_eq!(enclosure["length"].as_str(), Some(mp3_len.to_string().as_str()));
        assert_eq!(enclosure["type"], "audio/mpeg");

        let manifest = read_json(&folder.join("episode.json"));
        assert_eq!(item["title"], manifest["title"]);
        let duration = manifest["duration_s"].as_f64().expect("duration_s");
        let said = item["duration"].as_f64().expect("duration");
        assert!(duration > 3.0 && (said - duration).abs() <= 1.0, "{said} vs {duration}");
        assert_eq!(item["author"], "Ada Brook", "the fixtures name no author");
        assert_eq!(item["guid_permalink"], "false");
        let first_sentence = manifest["segments"]
            .as_array()
            .expect("segments")
            .iter()
            .find(|s| s["kind"] == "sentence")
            .and_then(|s| s["text"].as_str())
            .expect("a sentence");
        assert!(item["description"].as_str().expect("description").starts_with(first_sentence));

        let base = url.strip_suffix("episode.mp3").expect("base");
        let transcripts = item["transcripts"].as_array().expect("transcripts");
        let want = [(format!("{base}transcript.json"), "application/json"), (format!("{base}episode.vtt"), "text/vtt")];
        for (want_url, want_type) in &want {
            assert!(
                transcripts.iter().any(|t| t["url"] == want_url.as_str() && t["type"] == *want_type),
                "{want_url} missing: {transcripts:?}"
            );
            assert!(dir.path().join(want_url.strip_prefix(BASE).expect("under base")).is_file());
        }
        let chapters = &item["chapters"][0];
        assert_eq!(chapters["url"], format!("{base}chapters.json").as_str());
        assert_eq!(chapters["type"], "application/json+chapters");
    }
}

#[test]
fn escaped_titles_wav_only_episodes_and_episodes_without_audio() {
    let src = episode_dirs(rendered()).remove(0);
    let dir = tempfile::tempdir().expect("tempdir");
    // One episode with a hostile title, only its WAV; one with no audio at all.
    let wav_only = dir.path().join("fish");
    let silent = dir.path().join("silent");
    for to in [&wav_only, &silent] {
        std::fs::create_dir(to).expect("mkdir");
    }
    let mut manifest = read_json(&src.join("episode.json"));
    manifest["title"] = "Fish & <Chips> \"Tonight\"".into();
    manifest["author"] = "Bo & Co".into();
    manifest["date"] = "2026-02-01".into();
    let text = serde_json::to_string(&manifest).expect("json");
    std::fs::write(wav_only.join("episode.json"), &text).expect("write");
    std::fs::write(silent.join("episode.json"), &text).expect("write");
    std::fs::copy(src.join("episode.wav"), wav_only.join("episode.wav")).expect("copy wav");

    let out = feed(dir.path(), &["--show-title", "A < B & C"]);
    assert_ok(&out);
    assert!(stderr(&out).contains("silent"), "the skipped episode is named: {}", stderr(&out));
    let feed = summary(&dir.path().join("feed.xml"));
    assert_eq!(feed["title"], "A < B & C");
    let items = feed["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{feed}");
    assert_eq!(items[0]["title"], "Fish & <Chips> \"Tonight\"");
    assert_eq!(items[0]["author"], "Bo & Co");
    assert_eq!(items[0]["pub_ts"].as_f64(), Some(1_769_904_000.0), "2026-02-01T00:00:00Z");
    let enclosure = &items[0]["enclosure"];
    assert_eq!(enclosure["url"], "fish/episode.wav", "relative without --base-url");
    assert_eq!(enclosure["type"], "audio/wav");
    let wav_len = std::fs::metadata(wav_only.join("episode.wav")).expect("wav").len();
    assert_eq!(enclosure["length"].as_str(), Some(wav_len.to_string().as_str()));
    assert_eq!(items[0]["transcripts"].as_array().map(Vec::len), Some(0), "no transcript files were copied");
}

#[test]
fn an_empty_folder_or_a_bad_base_url_fails_in_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = assert_one_line_error(&feed(dir.path(), &[]));
    assert!(line.contains("no episodes found"), "{line}");
    let line = assert_one_line_error(&feed(dir.path(), &["--base-url", "example.org/pod"]));
    assert!(line.contains("--base-url"), "{line}");
    assert_eq!(common::files_under(dir.path()), Vec::<String>::new());
}
