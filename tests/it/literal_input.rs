//! Input that must be refused cleanly, and input that must be read literally and rendered with
//! the real espeak-ng: legacy encodings, BOMs, CRLF, markup that looks like SSML, shell
//! metacharacters, sentences that look like options, a 300-character word, a 2 MB line.

use crate::common;

use std::path::Path;

use crate::common::*;

fn render(out: &Path, input: &Path) -> std::process::Output {
    run(&["render", "-q", "--no-cache", "--jobs", "2", "-o", out.to_str().unwrap(), input.to_str().unwrap()])
}

fn only_manifest(out: &Path) -> serde_json::Value {
    let files = files_under(out);
    let manifest = files.iter().find(|f| f.ends_with("episode.json")).expect("a manifest");
    read_json(&out.join(manifest))
}

fn spoken_texts(manifest: &serde_json::Value) -> Vec<String> {
    manifest["segments"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap().to_string()).collect()
}

fn assert_refused(bytes: &[u8], expected: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input.txt");
    std::fs::write(&input, bytes).unwrap();
    let out = tmp.path().join("out");
    let line = assert_one_line_error(&render(&out, &input));
    assert!(line.contains(expected), "expected '{expected}' in: {line}");
    assert!(files_under(&out).is_empty(), "written: {:?}", files_under(&out));
}

#[test]
fn empty_and_whitespace_only_text_are_refused() {
    assert_refused(b"", "is empty");
    assert_refused(b"  \n\r\n\t \n", "is empty");
}

#[test]
fn binary_files_are_refused() {
    assert_refused(b"PK\x03\x04\x14\x00\x00\x00binary", "binary");
    let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 | 1).collect();
    assert_refused(&noise, "binary");
}

#[test]
fn a_full_disk_fails_cleanly_with_nothing_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    // A soft file-size limit of 100 KiB stands in for a full disk: the episode WAV cannot fit.
    // espeak-ng itself cannot run under such a limit, so it runs through a wrapper that lifts
    // the soft limit again; only readcast's own writes meet the "full disk".
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let real = std::process::Command::new("sh").args(["-c", "command -v espeak-ng"]).output().unwrap().stdout;
    let real = String::from_utf8(real).unwrap();
    let wrapper = bin.join("espeak-ng");
    std::fs::write(&wrapper, format!("#!/bin/sh\nulimit -S -f unlimited\nexec {} \"$@\"\n", real.trim())).unwrap();
    std::fs::set_permissions(&wrapper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let cmd = format!(
        "ulimit -S -f 200; exec \"{}\" render -q --no-cache -o \"{}\" \"{}\"",
        env!("CARGO_BIN_EXE_readcast"),
        out.display(),
        data("short-article.txt").display()
    );
    let result = std::process::Command::new("sh")
        .args(["-c", &cmd])
        .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()))
        .env("XDG_CACHE_HOME", test_cache_home())
        .env("READCAST_DATA_DIR", common::no_voices_home())
        .output()
        .unwrap();
    let line = assert_one_line_error(&result);
    // The first file to meet the limit is the episode's working copy, in the staging folder
    // the episode is written into (`out/.<slug>.render-<pid>/`).
    assert!(
        line.contains("/.night-ferry-returns-to-the-island-route.render-") && line.to_lowercase().contains("too large"),
        "{line}"
    );
    let left: Vec<String> = files_under(&out);
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn windows_1252_text_is_detected_said_and_rendered() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("cafe.txt");
    // "Caf\u{e9} Opens on the Square" and a sentence with curly quotes and a euro sign, in cp1252.
    std::fs::write(
        &input,
        b"Caf\xe9 Opens on the Square\n\n\x93It is a fine caf\xe9,\x94 said the owner. Coffee costs two \x80 here.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let result = render(&out, &input);
    assert_ok(&result);
    assert!(stderr(&result).contains("windows-1252"), "{}", stderr(&result));
    let manifest = only_manifest(&out);
    assert_eq!(manifest["title"], "Caf\u{e9} Opens on the Square");
    assert!(files_under(&out).iter().any(|f| f.starts_with("cafe-opens-on-the-square/")));
}

#[test]
fn utf8_bom_and_crlf_line_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("bom.txt");
    std::fs::write(&input, "\u{feff}Windows Notes Arrive\r\n\r\nThe first line of this note ends in a carriage return and a line feed.\r\nIt goes on here with a second sentence of the very same paragraph.\r\n").unwrap();
    let out = tmp.path().join("out");
    assert_ok(&render(&out, &input));
    let manifest = only_manifest(&out);
    assert_eq!(manifest["title"], "Windows Notes Arrive");
    assert_eq!(
        spoken_texts(&manifest)[1..],
        [
            "The first line of this note ends in a carriage return and a line feed.",
            "It goes on here with a second sentence of the very same paragraph."
        ]
    );
}

/// The longest run of silence inside any segment's speech, in seconds.
fn longest_inner_silence(out: &Path) -> f64 {
    let manifest = only_manifest(out);
    let wav_name = files_under(out).into_iter().find(|f| f.ends_with(".wav")).unwrap();
    let wav = read_wav(&out.join(wav_name));
    let mut longest = 0usize;
    for seg in manifest["segments"].as_array().unwrap() {
        let from = (seg["start_s"].as_f64().unwrap() * 44_100.0) as usize;
        let to = (seg["end_s"].as_f64().unwrap() * 44_100.0) as usize;
        let mut run = 0;
        for s in &wav.samples[from..to] {
            if s.unsigned_abs() <= 64 {
                run += 1;
                longest = longest.max(run)
            } else {
                run = 0
            }
        }
    }
    longest as f64 / 44_100.0
}

#[test]
fn markup_that_looks_like_ssml_is_read_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("ssml.txt");
    std::fs::write(
        &input,
        "Markup in the Text\n\n<speak>Wait <break time=\"3s\"/> for it.</speak> The end came soon.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    assert_ok(&render(&out, &input));
    let texts = spoken_texts(&only_manifest(&out));
    assert!(texts.iter().any(|t| t.contains("<break time=\"3s\"/>")), "{texts:?}");
    // Had the engine obeyed the tag, a three-second silence would sit inside the speech.
    let silence = longest_inner_silence(&out);
    assert!(silence < 1.0, "an inner silence of {silence:.2} s: the markup was obeyed");
}

#[test]
fn shell_metacharacters_never_reach_a_shell() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = tmp.path().join("pwned");
    let keep = tmp.path().join("keep-me");
    std::fs::create_dir(&keep).unwrap();
    let input = tmp.path().join("shell.txt");
    let text = format!(
        "Shell Characters in Prose\n\nThe cost was $(touch {m}) dollars. Then `touch {m}` appeared; rm -rf {k} was typed. A pipe | and a && b > c.\n",
        m = marker.display(),
        k = keep.display()
    );
    std::fs::write(&input, text).unwrap();
    let out = tmp.path().join("out");
    assert_ok(&render(&out, &input));
    assert!(!marker.exists(), "a command in the text was run");
    assert!(keep.exists(), "a command in the text was run");
    let texts = spoken_texts(&only_manifest(&out));
    assert!(texts.iter().any(|t| t.contains("$(touch")), "{texts:?}");
}

#[test]
fn sentences_that_start_like_options_are_spoken() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("dashes.txt");
    std::fs::write(&input, "Flags Are Just Words\n\n--help is what the manual suggested that we should type first.\n\n-v means verbose to most of the programs that people use every day.\n\n--version and --stdout -w out.wav are words in this sentence, not options for the engine.\n").unwrap();
    let out = tmp.path().join("out");
    assert_ok(&render(&out, &input));
    let manifest = only_manifest(&out);
    let segs = manifest["segments"].as_array().unwrap();
    assert_eq!(segs.len(), 4);
    for s in &segs[1..] {
        let seconds = s["end_s"].as_f64().unwrap() - s["start_s"].as_f64().unwrap();
        let words = s["text"].as_str().unwrap().split_whitespace().count() as f64;
        assert!(seconds > 0.2 * words, "{:?} lasted {seconds:.2} s: not spoken", s["text"]);
    }
}

#[test]
fn a_300_character_word_is_rendered_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("word.txt");
    let word = "abc".repeat(100);
    std::fs::write(&input, format!("One Long Word\n\nThe word is {word} and that is all.\n")).unwrap();
    let out = tmp.path().join("out");
    assert_ok(&render(&out, &input));
    let texts = spoken_texts(&only_manifest(&out));
    assert!(texts.iter().any(|t| t.contains(&word)), "the word was cut: {texts:?}");
}

#[test]
fn a_two_megabyte_single_line_is_segmented_and_a_long_line_rendered() {
    let tmp = tempfile::tempdir().unwrap();
    let sentences = [
        "The river rose by 3.5 metres overnight, said Dr. Ames of the U.S. survey.",
        "Boats were moved to higher ground before dawn.",
        "Nobody was hurt, and the bridge stayed open to traffic all day.",
    ];
    let mut line = String::new();
    let mut i = 0;
    while line.len() < 2 * 1024 * 1024 {
        line.push_str(sentences[i % 3]);
        line.push(' ');
        i += 1;
    }
    let big = tmp.path().join("big.txt");
    std::fs::write(&big, &line).unwrap();
    let result = run(&["script", "--json", big.to_str().unwrap()]);
    assert_ok(&result);
    let json: serde_json::Value = serde_json::from_str(&stdout(&result)).unwrap();
    let segs = json["segments"].as_array().unwrap();
    assert_eq!(segs.len(), i + 1, "one segment per sentence plus the title");
    assert!(segs.iter().all(|s| s["text"].as_str().unwrap().len() <= 400));

    // Rendering the whole 2 MB would be some 30 hours of audio; a 4 KB single line is rendered.
    let small = tmp.path().join("line.txt");
    std::fs::write(&small, &line[..line[..4096].rfind(". ").unwrap() + 1]).unwrap();
    let out = tmp.path().join("out");
    let result = run(&["render", "-q", "-o", out.to_str().unwrap(), small.to_str().unwrap()]);
    assert_ok(&result);
    let manifest = only_manifest(&out);
    assert_eq!(manifest["title"], "line", "a single long line has no headline: the file name stands in");
    assert!(manifest["duration_s"].as_f64().unwrap() > 60.0);
}
