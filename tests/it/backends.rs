//! Issue 5: every engine renders the same short article into a valid episode whose length fits
//! its text. ffprobe checks the WAV independently of our own reader; the engines are real.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = "tests/data/lighthouse.txt";

fn readcast(args: &[&str]) -> Output {
    common::readcast().args(args).output().expect("run readcast")
}

fn fixture_words() -> usize {
    std::fs::read_to_string(FIXTURE).unwrap().split_whitespace().count()
}

/// Render the fixture with `args`; return the episode WAV path and its folder's temp dir.
fn render(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap().to_string();
    let mut all = vec!["render", "-q", "--jobs", "2", "-o", &out_dir];
    all.extend_from_slice(args);
    all.push(FIXTURE);
    let result = readcast(&all);
    assert!(result.status.success(), "readcast {all:?} failed: {}", String::from_utf8_lossy(&result.stderr));
    let wav = out.path().join("the-lighthouse-keeper-s-garden").join("episode.wav");
    assert!(wav.is_file(), "no episode at {}", wav.display());
    (out, wav)
}

/// ffprobe's view of a WAV: (sample rate, channels, duration in seconds).
fn probe(wav: &Path) -> (u32, u32, f64) {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "a:0",
            "-show_entries",
            "stream=sample_rate,channels:format=duration",
            "-of",
            "default=nw=1",
        ])
        .arg(wav)
        .output()
        .expect("run ffprobe");
    assert!(out.status.success(), "ffprobe refused {}: {}", wav.display(), String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| -> String {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} in {text}"))
            .to_string()
    };
    (field("sample_rate").parse().unwrap(), field("channels").parse().unwrap(), field("duration").parse().unwrap())
}

/// A valid 44.1 kHz mono episode whose length fits the fixture at `wpm` words a minute: a wrong
/// rate conversion (8, 16 or 22.05 kHz taken as 44.1) would make it two to five times too short.
fn assert_plausible_episode(wav: &Path, wpm: f64) -> f64 {
    let (rate, channels, duration) = probe(wav);
    assert_eq!((rate, channels), (44_100, 1), "{}", wav.display());
    let speech = fixture_words() as f64 * 60.0 / wpm;
    assert!(
        duration > 0.6 * speech && duration < 1.6 * speech + 6.0,
        "{}: {duration:.1} s of audio for about {speech:.1} s of speech",
        wav.display()
    );
    // The manifest's duration agrees with what ffprobe measures.
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(wav.with_file_name("episode.json")).unwrap()).unwrap();
    let listed = manifest["duration_s"].as_f64().unwrap();
    assert!((listed - duration).abs() < 0.05, "manifest {listed} vs ffprobe {duration}");
    duration
}

fn manifest_field(wav: &Path, field: &str) -> String {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(wav.with_file_name("episode.json")).unwrap()).unwrap();
    manifest[field].as_str().unwrap_or_default().to_string()
}

#[test]
fn espeak_ng_renders_the_fixture() {
    let (_dir, wav) = render(&["--backend", "espeak-ng"]);
    assert_plausible_episode(&wav, 175.0);
}

#[test]
fn flite_renders_at_16k_and_8k() {
    // slt speaks at 16 kHz, kal at 8 kHz (and writes a wrong byte rate that readcast repairs).
    for voice in ["slt", "kal"] {
        let (_dir, wav) = render(&["--backend", "flite", "--voice", voice]);
        assert_plausible_episode(&wav, 175.0);
        assert_eq!(manifest_field(&wav, "voice"), voice);
    }
}

#[test]
fn festival_renders_the_fixture() {
    let (_dir, wav) = render(&["--backend", "festival"]);
    assert_plausible_episode(&wav, 175.0);
    assert_eq!(manifest_field(&wav, "backend"), "festival");
}

#[test]
fn a_command_template_drives_espeak_ng_with_rate_and_voice() {
    let template = "espeak-ng -v {voice} -s {rate} -w {wav} -f {text_file}";
    let (_slow_dir, slow) = render(&["--command", template, "--voice", "en-gb", "--rate", "120"]);
    let (_fast_dir, fast) = render(&["--command", template, "--voice", "en-gb", "--rate", "300"]);
    let slow_s = assert_plausible_episode(&slow, 120.0);
    let fast_s = assert_plausible_episode(&fast, 300.0);
    // {rate} reached the engine: the slow reading is much longer.
    assert!(slow_s > fast_s * 1.6, "slow {slow_s:.1} s vs fast {fast_s:.1} s");
    assert_eq!(manifest_field(&slow, "backend"), "command");
    assert_eq!(manifest_field(&slow, "voice"), "en-gb");
}

#[test]
fn a_command_template_without_text_file_gets_the_text_on_stdin() {
    let (_dir, wav) = render(&["--command", "flite -voice slt -o {wav} -f /dev/stdin"]);
    assert_plausible_episode(&wav, 175.0);
}

#[test]
fn text_that_looks_like_options_is_spoken_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dashes.txt");
    std::fs::write(&input, "Options\n\n--version is what the keeper typed.\n\n-h means help, she said.\n").unwrap();
    let out = dir.path().join("out");
    for args in [
        vec!["--backend", "flite"],
        vec!["--command", "espeak-ng -w {wav} -f {text_file}"],
        vec!["--command", "espeak-ng -w {wav} --stdin"],
    ] {
        let mut all = vec!["render", "-q", "--jobs", "2", "-o", out.to_str().unwrap()];
        all.extend(args.iter().copied());
        all.push(input.to_str().unwrap());
        let result = readcast(&all);
        assert!(result.status.success(), "{args:?}: {}", String::from_utf8_lossy(&result.stderr));
        let episode = std::fs::read_dir(&out).unwrap().next().unwrap().unwrap().path();
        let (_, _, duration) = probe(&episode.join("episode.wav"));
        // About fourteen spoken words, not a version string or a help screen.
        assert!(duration > 2.0 && duration < 15.0, "{args:?}: {duration:.1} s");
        std::fs::remove_dir_all(episode).unwrap();
    }
}

#[test]
fn a_failing_command_is_one_clear_error_and_leaves_no_episode() {
    let out = tempfile::tempdir().unwrap();
    let result = readcast(&[
        "render",
        "-q",
        "--jobs",
        "2",
        "-o",
        out.path().to_str().unwrap(),
        "--command",
        "sh -c 'echo engine broke >&2; exit 3' {wav}",
        FIXTURE,
    ]);
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("exit code 3") && stderr.contains("engine broke"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!out.path().join("the-lighthouse-keeper-s-garden").exists());

    let bad = readcast(&[
        "render",
        "-q",
        "-o",
        out.path().to_str().unwrap(),
        "--command",
        "espeak-ng -f {text_file}",
        FIXTURE,
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no {wav}"));
}

#[test]
fn voices_lists_names_and_languages() {
    for (backend, expected) in [("flite", "slt"), ("festival", "kal_diphone"), ("espeak-ng", "en-us")] {
        let out = readcast(&["voices", "--backend", backend]);
        assert!(out.status.success(), "{backend}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        let line = text.lines().find(|l| l.split('\t').next() == Some(expected));
        let line = line.unwrap_or_else(|| panic!("{backend}: no {expected} in {text}"));
        assert!(!line.split('\t').nth(1).unwrap_or("").is_empty(), "{backend}: no language in {line:?}");
    }
}

#[test]
fn doctor_reports_every_backend_and_fails_for_a_missing_configured_one() {
    let ok = readcast(&["doctor"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let report = String::from_utf8_lossy(&ok.stdout);
    for name in ["kokoro", "piper", "espeak-ng", "flite", "festival", "say", "sapi", "command"] {
        assert!(report.lines().any(|l| l[2..].starts_with(name)), "no {name} in {report}");
    }
    let espeak_line = report.lines().find(|l| l.starts_with("* espeak-ng")).unwrap_or_else(|| panic!("{report}"));
    assert!(espeak_line.contains("installed"), "{espeak_line}");

    // `sapi` exists only on Windows: configured here, doctor must fail.
    if !cfg!(windows) {
        let missing = readcast(&["doctor", "--backend", "sapi"]);
        assert!(!missing.status.success());
        assert!(String::from_utf8_lossy(&missing.stderr).contains("sapi is not installed"));
    }
    // `command` needs a template; with one whose program exists it is installed.
    assert!(!readcast(&["doctor", "--backend", "command"]).status.success());
    let with_template = readcast(&["doctor", "--command", "espeak-ng -w {wav} -f {text_file}"]);
    assert!(with_template.status.success(), "{}", String::from_utf8_lossy(&with_template.stderr));
    let report = String::from_utf8_lossy(&with_template.stdout);
    assert!(report.lines().any(|l| l.starts_with("* command") && l.contains("installed")), "{report}");
    let absent = readcast(&["doctor", "--command", "no-such-engine-xyz -w {wav}"]);
    assert!(!absent.status.success());
    assert!(String::from_utf8_lossy(&absent.stderr).contains("no-such-engine-xyz"));

    let bad_voice = readcast(&["doctor", "--backend", "flite", "--voice", "nosuchvoice"]);
    assert!(!bad_voice.status.success());
    assert!(String::from_utf8_lossy(&bad_voice.stderr).contains("nosuchvoice"));
}
