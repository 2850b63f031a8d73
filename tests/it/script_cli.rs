//! `readcast script` driven as a user would: the real binary, real files, a scratch folder as
//! the working directory (so no stray `readcast.toml` is read). Text only, no speech engine runs.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path)
}

fn readcast(dir: &Path, args: &[&str]) -> Output {
    common::readcast().current_dir(dir).args(args).output().expect("run readcast")
}

fn stdout_ok(out: &Output) -> String {
    assert!(out.status.success(), "readcast failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

/// The segments of `script --json`: (kind, text, spoken).
fn segments(json: &str) -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    v["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| {
            let field = |k: &str| s[k].as_str().unwrap_or_default().to_string();
            (field("kind"), field("text"), field("spoken"))
        })
        .collect()
}

/// `--explain` lines: (line number, rule, text).
fn explained(out: &str) -> Vec<(usize, String, String)> {
    // The lines after the dropped ones say why a sentence has another voice than the narrator's.
    out.lines()
        .filter(|l| !l.starts_with("voice "))
        .map(|l| {
            let rest = l.strip_prefix("line ").unwrap_or_else(|| panic!("not an explain line: {l:?}"));
            let mut parts = rest.splitn(3, ": ");
            let n = parts.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no line number: {l:?}"));
            let rule = parts.next().unwrap_or_else(|| panic!("no rule: {l:?}")).to_string();
            let text = parts.next().unwrap_or_else(|| panic!("no text: {l:?}")).to_string();
            (n, rule, text)
        })
        .collect()
}

#[test]
fn explain_shows_every_dropped_line_with_its_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = data("clean/news-harbour.page.txt");
    let page_text = std::fs::read_to_string(&page).expect("page");
    let explain = stdout_ok(&readcast(dir.path(), &["script", "--explain", page.to_str().expect("path")]));
    let dropped = explained(&explain);
    assert!(
        dropped.iter().all(|(_, rule, _)| !rule.is_empty() && rule.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
    );

    let json = stdout_ok(&readcast(dir.path(), &["script", "--json", page.to_str().expect("path")]));
    let read: String = segments(&json).iter().map(|(_, text, _)| text.as_str()).collect::<Vec<_>>().join(" ");
    // Every line of the page is either read or listed with the rule that dropped it.
    for (index, line) in page_text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let listed = dropped.iter().any(|(n, _, _)| *n == index + 1);
        assert!(listed || read.contains(line), "line {} is neither read nor explained: {line:?}", index + 1);
    }
    let rule_of = |text: &str| dropped.iter().find(|(_, _, t)| t == text).map(|(_, r, _)| r.clone());
    assert_eq!(rule_of("Advertisement").as_deref(), Some("advertisement"));
    assert_eq!(rule_of("Skip to main content").as_deref(), Some("skip-link"));
    // The headline says why the model chose it: its strongest reasons, by feature name.
    let headline = "Harbour Wall Repairs Will Take Two More Years, Council Admits";
    let title = dropped.iter().find(|(_, _, t)| t.starts_with(headline)).expect("the headline is listed");
    assert_eq!(title.1, "title");
    let why = title.2.strip_prefix(headline).and_then(|w| w.strip_prefix(" (why: ")).expect("the title gives reasons");
    assert!(why.ends_with(')') && why.split(", ").count() >= 1 && why.contains('_'), "{why}");
    assert!(dropped.iter().any(|(_, r, t)| r == "repeated-text" && t.starts_with("\"Nobody wants")));
}

#[test]
fn keep_overrules_the_rules_and_can_be_repeated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = data("clean/news-harbour.page.txt");
    let page = page.to_str().expect("path");
    let plain = stdout_ok(&readcast(dir.path(), &["script", page]));
    assert!(!plain.lines().any(|l| l == "Advertisement"));
    let kept = stdout_ok(&readcast(dir.path(), &["script", "--keep", "^Advertisement$", "--keep", "Most read", page]));
    assert!(kept.lines().any(|l| l == "Advertisement"), "{kept}");
    assert!(kept.lines().any(|l| l == "Most read"), "{kept}");
    let explain = stdout_ok(&readcast(dir.path(), &["script", "--explain", "--keep", "^Advertisement$", page]));
    assert!(!explain.contains(": Advertisement\n"), "{explain}");
}

#[test]
fn bad_keep_pattern_is_one_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out =
        readcast(dir.path(), &["script", "--keep", "(unclosed", data("spoken/small-page.txt").to_str().expect("path")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--keep") && err.lines().count() == 1, "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn spoken_form_changes_spoken_but_not_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json =
        stdout_ok(&readcast(dir.path(), &["script", "--json", data("spoken/small-page.txt").to_str().expect("path")]));
    let segs = segments(&json);
    let (kind, title_text, title_spoken) = &segs[0];
    assert_eq!(kind, "title");
    assert_eq!(title_text, "Ferry Fares Rise for the First Time Since 2019");
    assert_eq!(title_spoken, "Ferry Fares Rise for the First Time Since twenty nineteen");
    let first = &segs[1];
    assert!(first.1.contains("$3.50") && first.1.contains("12%"), "text as written: {}", first.1);
    assert!(first.2.contains("three dollars fifty cents") && first.2.contains("twelve percent"), "{}", first.2);
    assert!(first.2.contains("from the first of May"), "{}", first.2);
    let all_spoken: String = segs.iter().map(|s| s.2.as_str()).collect::<Vec<_>>().join(" ");
    assert!(all_spoken.contains("Doctor Okafor"), "{all_spoken}");
    assert!(all_spoken.contains("U-S-owned"), "{all_spoken}");
    assert!(all_spoken.contains("nineteen nineties"), "{all_spoken}");
    assert!(all_spoken.contains("one million dollars"), "{all_spoken}");
    assert!(all_spoken.contains("island ferry dot example"), "{all_spoken}");
    assert!(!all_spoken.contains("Share on Facebook") && !all_spoken.contains("Advertisement"));
}

#[test]
fn non_english_voice_gets_the_text_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("de.txt");
    std::fs::write(&page, "Radwege für die Stadt\n\nAm 12.03.2024 beschloss der Rat 1.200 Meter neue Wege für 8 Mio. €, sagte Dr. Roth.\n").expect("write");
    let json = stdout_ok(&readcast(dir.path(), &["script", "--json", "--voice", "de", page.to_str().expect("path")]));
    for (_, text, spoken) in segments(&json) {
        assert_eq!(text, spoken);
    }
    // An English voice reads the German paragraph as German (role language:de, no English
    // rules) and applies its rules to the English one.
    std::fs::write(
        &page,
        "Radwege für die Stadt\n\nAm 12.03.2024 beschloss der Rat 1.200 Meter neue Wege für 8 Mio. €, sagte Dr. Roth.\n\nThe council spent 8 million euros on 1,200 metres of cycle paths.\n",
    )
    .expect("write");
    let json =
        stdout_ok(&readcast(dir.path(), &["script", "--json", "--voice", "en-gb", page.to_str().expect("path")]));
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    for segment in value["segments"].as_array().expect("segments") {
        let (text, spoken, role) = (&segment["text"], &segment["spoken"], segment["role"].as_str().unwrap_or_default());
        if text.as_str().is_some_and(|t| t.starts_with("The council")) {
            assert_ne!(text, spoken, "English rules apply to English text for en-gb");
            assert_eq!(role, "narrator");
        } else if text.as_str().is_some_and(|t| t.contains("beschloss")) {
            assert_eq!(text, spoken, "German is read as written");
            assert_eq!(role, "language:de");
        }
    }
}

#[test]
fn lexicon_file_and_config_table_change_spoken_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lexicon = dir.path().join("lexicon.toml");
    std::fs::write(&lexicon, "okafor = \"oh kah for\"\nFerry = \"FERRY-BOAT\"\n").expect("write lexicon");
    let page = data("spoken/small-page.txt");
    let page = page.to_str().expect("path");
    let json =
        stdout_ok(&readcast(dir.path(), &["script", "--json", "--lexicon", lexicon.to_str().expect("path"), page]));
    let segs = segments(&json);
    let spoken: String = segs.iter().map(|s| s.2.as_str()).collect::<Vec<_>>().join(" ");
    let text: String = segs.iter().map(|s| s.1.as_str()).collect::<Vec<_>>().join(" ");
    // Case-insensitive for a lower-case entry; exact case for an entry with capitals.
    // A replacement takes the capital of the word it replaces, so "Dr." still reads as a title.
    assert!(spoken.contains("Doctor Oh kah for"), "{spoken}");
    assert!(spoken.contains("FERRY-BOAT Fares"), "{spoken}");
    assert!(spoken.contains("The island ferry"), "lower-case 'ferry' does not match 'Ferry': {spoken}");
    assert!(text.contains("Dr. Okafor") && !text.contains("oh kah for"), "text stays as written");

    let config = dir.path().join("readcast.toml");
    std::fs::write(&config, "[lexicon]\nokafor = \"oh kah for\"\n").expect("write config");
    let json = stdout_ok(&readcast(dir.path(), &["script", "--json", page]));
    assert!(segments(&json).iter().any(|s| s.2.contains("Oh kah for")), "readcast.toml [lexicon] applies");

    std::fs::write(&lexicon, "okafor = [1, 2]\n").expect("write bad lexicon");
    let out = readcast(dir.path(), &["script", "--lexicon", lexicon.to_str().expect("path"), page]);
    assert!(!out.status.success(), "a bad lexicon is refused");
}

/// The shared sample page, when this checkout sits beside it. Its text is never copied here: the
/// checks derive what to expect from the file itself.
#[test]
fn shared_scraped_sample_reads_title_once_pull_quote_once_and_every_sentence() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/scraped-article.txt");
    let Ok(raw) = std::fs::read_to_string(&sample) else {
        eprintln!("skipped: {} is not there", sample.display());
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let json = stdout_ok(&readcast(dir.path(), &["script", "--json", sample.to_str().expect("path")]));
    let segs = segments(&json);
    let norm = |s: &str| {
        s.replace(['\u{2019}', '\u{2018}'], "'")
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let read = format!(" {} ", segs.iter().map(|s| norm(&s.1)).collect::<Vec<_>>().join(" "));
    let lines: Vec<&str> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    // The title: the last line above the first paragraph that does not end like a sentence.
    let first_paragraph = lines.iter().position(|l| l.split_whitespace().count() >= 12).expect("a paragraph");
    let title =
        lines[..first_paragraph].iter().rev().find(|l| !l.ends_with(['.', ',', ':', '?', '!'])).expect("title line");
    assert_eq!(segs[0].0, "title");
    assert_eq!(norm(&segs[0].1), norm(title));
    assert_eq!(read.matches(&format!(" {} ", norm(title))).count(), 1, "title read once");
    // Lines printed twice (the pull quote) are read once.
    for line in &lines {
        let key = norm(line);
        if lines.iter().filter(|l| norm(l) == key).count() > 1
            || lines.iter().filter(|l| norm(l).replace(' ', "") == key.replace(' ', "")).count() > 1
        {
            assert_eq!(read.matches(&format!(" {key} ")).count(), 1, "repeated line read once: {line}");
        }
    }
    // Every long line (the article's paragraphs) is read in full.
    for line in lines.iter().filter(|l| l.split_whitespace().count() >= 12) {
        assert!(read.contains(&format!(" {} ", norm(line))), "paragraph missing: {line}");
    }
    // Short lines that are not the title or a sentence are page furniture and are not read.
    for line in
        lines.iter().filter(|l| l.split_whitespace().count() < 12 && !l.ends_with(['.', '?', '!', ')']) && *l != title)
    {
        assert!(!read.contains(&format!(" {} ", norm(line))), "furniture read: {line}");
    }
}

#[test]
fn a_headline_over_its_standfirst_is_chosen_and_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.txt");
    std::fs::write(
        &page,
        "Harbour Wall Repairs Delayed\n\n\
         The council says the work on the old wall has to wait for the spring tides\n\n\
         Residents were told on Tuesday that the repairs to the harbour wall will take two more years. \
         The council agreed to pay for a temporary barrier in the meantime, and the fishing boats will moor inside it.\n\n\
         The work starts in March, when the tides are low and the weather is calmer than in the winter months.\n",
    )
    .expect("write page");
    let explain = stdout_ok(&readcast(dir.path(), &["script", "--explain", page.to_str().expect("path")]));
    let dropped = explained(&explain);
    let title = dropped.iter().find(|(_, rule, _)| rule == "title").expect("a title line");
    assert_eq!(title.0, 1, "{explain}");
    assert!(title.2.starts_with("Harbour Wall Repairs Delayed (why: over its standfirst below, "), "{explain}");
    // The standfirst is read, not taken for the headline.
    let read = stdout_ok(&readcast(dir.path(), &["script", page.to_str().expect("path")]));
    assert!(read.contains("The council says the work on the old wall"), "{read}");
}
