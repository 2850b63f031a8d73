//! One small page of our own rendered with the real espeak-ng: the cleaned, spoken script is
//! what reaches the engine, and the episode it makes is real audio (checked with ffprobe).

mod common;

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
    // Four sentences and a title at 175 words a minute take well over five seconds.
    assert!(seconds > 5.0 && seconds < 120.0, "episode lasts {seconds} s");
}
