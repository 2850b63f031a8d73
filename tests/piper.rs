//! Issue 5: Piper, installed by scripts/install-piper.sh (scripts/test.sh runs it first). These
//! tests need that installation: without it they fail with a pointer to the script, unless
//! READCAST_SKIP_PIPER=1 says on purpose that this machine has no Piper.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use readcast::synth::{Backend, BackendOptions, Piper, SpeechRequest, piper};

const FIXTURE: &str = "tests/data/lighthouse.txt";

/// The installed default voice's model, or `None` when the run opted out of Piper.
fn installed_model() -> Option<PathBuf> {
    if std::env::var_os("READCAST_SKIP_PIPER").is_some_and(|v| v == "1") {
        eprintln!("READCAST_SKIP_PIPER=1: Piper tests skipped");
        return None;
    }
    let home = piper::piper_home().expect("a data folder for Piper");
    let model = home.join("voices").join(format!("{}.onnx", piper::DEFAULT_VOICE));
    assert!(model.is_file(), "Piper is not installed at {}: run scripts/install-piper.sh", home.display());
    Some(model)
}

fn options(voice: Option<String>, jobs: usize) -> BackendOptions {
    BackendOptions { voice, rate: 175, timeout: Duration::from_secs(120), jobs, command: None }
}

fn probe_duration(wav: &std::path::Path) -> (String, f64) {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "stream=sample_rate:format=duration", "-of", "default=nw=1"])
        .arg(wav)
        .output()
        .unwrap();
    assert!(out.status.success(), "ffprobe: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let duration = text.lines().find_map(|l| l.strip_prefix("duration=")).unwrap().parse().unwrap();
    (text, duration)
}

#[test]
fn piper_renders_the_fixture_with_the_default_voice() {
    if installed_model().is_none() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let result = common::readcast()
        .args(["render", "-q", "--jobs", "2", "--backend", "piper", "-o"])
        .arg(out.path())
        .arg(FIXTURE)
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let wav = out.path().join("the-lighthouse-keeper-s-garden").join("episode.wav");
    let (text, duration) = probe_duration(&wav);
    assert!(text.contains("sample_rate=44100"), "{text}");
    // Piper speaks at 22.05 kHz; unconverted, the episode would be half as long.
    let words = std::fs::read_to_string(FIXTURE).unwrap().split_whitespace().count() as f64;
    let speech = words * 60.0 / 175.0;
    assert!(duration > 0.6 * speech && duration < 1.6 * speech + 6.0, "{duration:.1} s for ~{speech:.1} s of speech");
    let manifest = std::fs::read_to_string(wav.with_file_name("episode.json")).unwrap();
    assert!(manifest.contains("\"backend\": \"piper\"") || manifest.contains("\"backend\":\"piper\""), "{manifest}");
    assert!(manifest.contains(piper::DEFAULT_VOICE), "{manifest}");
}

#[test]
fn each_worker_loads_the_model_once_for_many_segments() {
    let Some(model) = installed_model() else { return };
    // The voice given as a model path, as `--voice x.onnx` does.
    let backend = Piper::new(&options(Some(model.to_string_lossy().into_owned()), 2));
    let sentences = [
        "The ferry left at noon.",
        "Gulls followed it past the breakwater.",
        "A child counted the waves.",
        "The keeper waved from the rocks.",
        "Then the fog came down.",
        "Everyone went inside.",
    ];
    let clips: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = sentences
            .chunks(3)
            .map(|chunk| {
                let backend = &backend;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .enumerate()
                        .map(|(i, text)| {
                            backend.synthesize(&SpeechRequest { segment_id: &format!("s{i}"), text }).unwrap()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(clips.len(), 6);
    for clip in &clips {
        assert_eq!(clip.sample_rate.0, 22_050);
        let seconds = clip.samples.len() as f64 / 22_050.0;
        assert!(seconds > 0.5 && seconds < 6.0, "{seconds:.2} s");
    }
    // Six segments from two threads: two workers at most, each loading the model once.
    assert!((1..=2).contains(&backend.workers_started()), "{} workers", backend.workers_started());
}

#[test]
fn an_unknown_piper_voice_is_one_clear_error() {
    if installed_model().is_none() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let result = common::readcast()
        .args(["render", "-q", "--backend", "piper", "--voice", "en_XX-nobody-low", "-o"])
        .arg(out.path())
        .arg(FIXTURE)
        .output()
        .unwrap();
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("en_XX-nobody-low") && stderr.contains(piper::DEFAULT_VOICE), "{stderr}");
    let voices = common::readcast().args(["voices", "--backend", "piper"]).output().unwrap();
    assert!(String::from_utf8_lossy(&voices.stdout).contains("en_US-joe-medium\ten_US"));
}
