//! The whole pipeline with the real espeak-ng: render fixtures and check the WAV against the
//! manifest, the pauses at every boundary, and the pace of speech.

use crate::common::*;
use serde_json::Value;

/// Samples at or below this count as silence when checking pauses (about -54 dBFS).
const QUIET: i16 = 64;

fn render_fixture(name: &str, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let input = data(name);
    let mut args = vec!["render", "-q", "--jobs", "2", "-o", out.path().to_str().unwrap(), input.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert_ok(&result);
    let dirs: Vec<_> = std::fs::read_dir(out.path()).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(dirs.len(), 1, "one episode folder expected: {dirs:?}");
    let dir = dirs[0].clone();
    (out, dir)
}

fn segments(manifest: &Value) -> &Vec<Value> {
    manifest["segments"].as_array().expect("segments array")
}

fn secs(v: &Value) -> f64 {
    v.as_f64().expect("number")
}

#[test]
fn renders_a_fixture_to_a_wav_that_matches_its_manifest() {
    let (_out, dir) = render_fixture("short-article.txt", &[]);
    assert_eq!(dir.file_name().unwrap(), "night-ferry-returns-to-the-island-route");
    let wav = read_wav(&dir.join("episode.wav"));
    assert_eq!((wav.rate, wav.channels, wav.bits), (44_100, 1, 16));
    let manifest = read_json(&dir.join("episode.json"));
    assert_eq!(manifest["title"], "Night Ferry Returns to the Island Route");
    assert_eq!(manifest["backend"], "espeak-ng");
    assert_eq!(manifest["voice"], "en-us");
    assert_eq!(manifest["sample_rate"], 44_100);
    assert!(manifest["source"].as_str().unwrap().ends_with("short-article.txt"));

    let wav_seconds = wav.samples.len() as f64 / 44_100.0;
    assert!((secs(&manifest["duration_s"]) - wav_seconds).abs() < 0.010, "duration mismatch");

    let segs = segments(&manifest);
    let kinds: Vec<&str> = segs.iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["title", "sentence", "sentence", "sentence", "sentence"]);
    // The title is spoken first; the pull quote is read once, at its place in the body.
    assert_eq!(segs[0]["text"], "Night Ferry Returns to the Island Route");
    let quotes = segs.iter().filter(|s| s["text"].as_str().unwrap().contains("crossing takes")).count();
    assert_eq!(quotes, 1);
    for s in segs {
        for key in ["id", "kind", "text", "spoken", "start_s", "end_s"] {
            assert!(!s[key].is_null(), "segment lacks {key}: {s}");
        }
    }
    // The last segment ends where the audio ends (no trailing pause after it).
    assert!((secs(&segs[segs.len() - 1]["end_s"]) - wav_seconds).abs() < 0.010);
}

#[test]
fn every_boundary_has_exactly_the_configured_pause() {
    let (_out, dir) = render_fixture(
        "short-article.txt",
        &["--sentence-pause", "300", "--paragraph-pause", "800", "--heading-pause", "1500"],
    );
    let wav = read_wav(&dir.join("episode.wav"));
    let manifest = read_json(&dir.join("episode.json"));
    let segs = segments(&manifest);
    // title | sentence sentence (paragraph) | sentence sentence
    let expected_ms = [1500.0, 300.0, 800.0, 300.0];
    for (i, pair) in segs.windows(2).enumerate() {
        let end = secs(&pair[0]["end_s"]);
        let start = secs(&pair[1]["start_s"]);
        let gap_ms = (start - end) * 1000.0;
        assert!((gap_ms - expected_ms[i]).abs() < 10.0, "boundary {i}: gap {gap_ms} ms, expected {}", expected_ms[i]);
        let from = (end * 44_100.0).round() as usize;
        let to = (start * 44_100.0).round() as usize;
        let loudest = wav.samples[from..to].iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
        assert!(loudest <= QUIET as u16, "boundary {i}: pause is not silent (peak {loudest})");
        // Speech stands right at both edges of the pause: the engine's own silence was trimmed.
        let before = &wav.samples[from.saturating_sub(441)..from];
        let after = &wav.samples[to..to + 441];
        assert!(before.iter().any(|s| s.unsigned_abs() > QUIET as u16), "boundary {i}: no speech before the pause");
        assert!(after.iter().any(|s| s.unsigned_abs() > QUIET as u16), "boundary {i}: no speech after the pause");
    }
}

fn seconds_per_word(dir: &std::path::Path) -> f64 {
    let manifest = read_json(&dir.join("episode.json"));
    let (mut words, mut seconds) = (0usize, 0.0);
    for s in segments(&manifest) {
        words += s["spoken"].as_str().unwrap().split_whitespace().count();
        seconds += secs(&s["end_s"]) - secs(&s["start_s"]);
    }
    seconds / words as f64
}

#[test]
fn speech_pace_is_plausible_for_the_rate() {
    let (_slow_out, slow) = render_fixture("second-article.txt", &["--rate", "120"]);
    let (_fast_out, fast) = render_fixture("second-article.txt", &["--rate", "300"]);
    let (slow_spw, fast_spw) = (seconds_per_word(&slow), seconds_per_word(&fast));
    // 120 wpm is 0.5 s a word and 300 wpm 0.2 s; trimmed speech without pauses runs a little faster.
    assert!((0.25..0.75).contains(&slow_spw), "120 wpm gave {slow_spw:.3} s per word");
    assert!((0.10..0.30).contains(&fast_spw), "300 wpm gave {fast_spw:.3} s per word");
    assert!(slow_spw > fast_spw * 1.6, "rate has too little effect: {slow_spw:.3} vs {fast_spw:.3}");
}

#[test]
fn two_inputs_give_two_episodes_and_paths_are_printed() {
    let out = tempfile::tempdir().unwrap();
    let a = data("short-article.txt");
    let b = data("second-article.txt");
    let result = run(&["render", "-q", "-o", out.path().to_str().unwrap(), a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_ok(&result);
    let files = files_under(out.path());
    let per_episode = [
        "chapters.json",
        "episode.json",
        "episode.mp3",
        "episode.srt",
        "episode.vtt",
        "episode.wav",
        "transcript.json",
    ];
    let expected: Vec<String> = ["council-approves-new-cycle-lanes", "night-ferry-returns-to-the-island-route"]
        .iter()
        .flat_map(|slug| per_episode.iter().map(move |f| format!("{slug}/{f}")))
        .collect();
    assert_eq!(files, expected);
    let printed = stdout(&result);
    for f in &files {
        assert!(printed.contains(f.as_str()), "{f} not printed in: {printed}");
    }
}

#[test]
fn standard_input_and_title_override() {
    let out = tempfile::tempdir().unwrap();
    let mut child = readcast()
        .args(["render", "-q", "--title", "Cycle Lanes: The Vote", "-o", out.path().to_str().unwrap(), "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&std::fs::read(data("second-article.txt")).unwrap()).unwrap();
    let result = child.wait_with_output().unwrap();
    assert_ok(&result);
    let manifest = read_json(&out.path().join("cycle-lanes-the-vote/episode.json"));
    assert_eq!(manifest["title"], "Cycle Lanes: The Vote");
    // Standard input is known by its content (a hash of the cleaned text), not by `-`.
    let source = manifest["source"].as_str().unwrap();
    assert!(source.starts_with("stdin:sha256:") && source.len() == "stdin:sha256:".len() + 16, "{source}");
    assert_eq!(segments(&manifest)[0]["text"], "Cycle Lanes: The Vote");
    // The detected headline is not read a second time in the body.
    assert!(segments(&manifest).iter().all(|s| s["text"] != "Council Approves New Cycle Lanes"));
}
