//! One small page of our own rendered with the real espeak-ng: the cleaned, spoken script is
//! what reaches the engine, and the episode it makes is real audio (checked with ffprobe).

use crate::common;

use std::path::Path;
use std::process::Command;

#[test]
fn small_page_renders_with_espeak_and_speaks_the_spoken_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/spoken/small-page.txt");
    let out = common::readcast()
        .current_dir(dir.path())
        .args(["--quiet", "render", "--jobs", "2", "--out", "episodes"])
        .arg(&page)
        .output()
        .expect("run readcast");
    assert!(out.status.success(), "render failed: {}", String::from_utf8_lossy(&out.stderr));

    let episode = dir.path().join("episodes/ferry-fares-rise-for-the-first-time-since-2019");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(episode.join("episode.json")).expect("manifest")).expect("json");
    let segments = manifest["segments"].as_array().expect("segments");
    let spoken: Vec<&str> = segments.iter().filter_map(|s| s["spoken"].as_str()).collect();
    assert!(spoken[0].ends_with("Since twenty nineteen"), "{spoken:?}");
    assert!(spoken.iter().any(|s| s.contains("three dollars fifty cents")), "{spoken:?}");
    assert!(!spoken.iter().any(|s| s.contains("Advertisement") || s.contains("Share on")), "{spoken:?}");

    let probe = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1"])
        .arg(episode.join("episode.wav"))
        .output()
        .expect("run ffprobe");
    let seconds: f64 = String::from_utf8_lossy(&probe.stdout).trim().parse().expect("duration");
    // The episode is as long as the manifest says, and its speech as long as the spoken words take
    // at espeak-ng's default 175 words a minute. Trimmed speech without its pauses runs a little
    // faster than the nominal rate; a clip at the wrong sample rate or a segment spoken twice or
    // not at all would be off by half or more.
    let listed = manifest["duration_s"].as_f64().expect("duration_s");
    assert!((listed - seconds).abs() < 0.05, "manifest says {listed} s, ffprobe {seconds} s");
    let words: usize = spoken.iter().map(|s| s.split_whitespace().count()).sum();
    let speech: f64 = segments.iter().map(|s| s["end_s"].as_f64().unwrap() - s["start_s"].as_f64().unwrap()).sum();
    let expected = words as f64 * 60.0 / 175.0;
    assert!(
        (0.75 * expected..1.25 * expected).contains(&speech),
        "{words} words spoken in {speech:.2} s, expected about {expected:.2} s"
    );
    // The rest of the episode is the pauses between segments: silence, not missing audio.
    let pauses = seconds - speech;
    assert!(
        (0.2 * (segments.len() - 1) as f64..1.3 * segments.len() as f64).contains(&pauses),
        "{pauses:.2} s of pauses"
    );
    eprintln!(
        "PROBE words {words} speech {speech:.3} expected {expected:.3} ratio {:.3} seconds {seconds:.3} pauses {pauses:.3} segs {}",
        speech / expected,
        segments.len()
    );
}
