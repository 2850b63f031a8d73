//! Helpers shared by the integration tests: run the real binary, read what it wrote.

pub mod http_server;
pub mod nats_jwt;
pub mod nats_server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The user's cache folder as the tests see it: a fresh folder per test process, so tests never
/// touch the real `~/.cache/readcast` and never depend on an earlier run.
pub fn test_cache_home() -> &'static Path {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("temp cache home")).path()
}

/// An empty data folder: readcast as on a machine without the natural voices.
pub fn no_voices_home() -> &'static Path {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("temp data home")).path()
}

/// readcast as on a machine without the natural voices: the engine it picks by itself is
/// espeak-ng, quick and the same everywhere, which most tests are about. Tests of the natural
/// voices use [`readcast_with_voices`].
pub fn readcast() -> Command {
    let mut cmd = readcast_with_voices();
    cmd.env("READCAST_DATA_DIR", no_voices_home());
    cmd
}

/// readcast with the user's data folder, where `scripts/install-voices.sh` installed Kokoro and
/// Piper (scripts/test.sh runs it first).
pub fn readcast_with_voices() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_readcast"));
    // Tests run from the crate root, which holds no readcast.toml.
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("XDG_CACHE_HOME", test_cache_home());
    cmd
}

/// Whether the natural voices are installed; without them the tests that need them fail with a
/// pointer to the install script, unless READCAST_SKIP_NATURAL=1 says on purpose that this
/// machine has none.
pub fn natural_voices_installed() -> bool {
    if std::env::var_os("READCAST_SKIP_NATURAL").is_some_and(|v| v == "1") {
        eprintln!("READCAST_SKIP_NATURAL=1: natural-voice tests skipped");
        return false;
    }
    let model = readcast::synth::voice_data::KOKORO_MODEL.path().expect("a data folder");
    assert!(model.is_file(), "Kokoro is not installed ({} is missing): run scripts/install-voices.sh", model.display());
    true
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

pub fn run(args: &[&str]) -> Output {
    readcast().args(args).stdin(Stdio::null()).output().expect("run readcast")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Assert success, showing stderr otherwise.
pub fn assert_ok(out: &Output) {
    assert!(out.status.success(), "readcast failed ({:?}): {}", out.status, stderr(out));
}

/// Assert a clean failure: non-zero exit, exactly one line on stderr, no panic or backtrace.
pub fn assert_one_line_error(out: &Output) -> String {
    assert!(!out.status.success(), "expected failure, got success; stdout: {}", stdout(out));
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line on stderr, got: {err}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "panic: {err}");
    lines[0].to_string()
}

pub struct Wav {
    pub rate: u32,
    pub channels: u16,
    pub bits: u16,
    pub samples: Vec<i16>,
}

pub fn read_wav(path: &Path) -> Wav {
    let reader = hound::WavReader::open(path).expect("open wav");
    let spec = reader.spec();
    let samples = reader.into_samples::<i16>().map(|s| s.expect("sample")).collect();
    Wav { rate: spec.sample_rate, channels: spec.channels, bits: spec.bits_per_sample, samples }
}

pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read json")).expect("parse json")
}

/// All regular files under `dir`, recursively, relative paths sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(path.strip_prefix(base).unwrap_or(&path).display().to_string());
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Make an image of `width` x `height` pixels with ffmpeg (the format follows the extension).
pub fn make_image(path: &Path, width: u32, height: u32) {
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!("color=c=0x1f4e79:s={width}x{height}"))
        .args(["-frames:v", "1"])
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .expect("run ffmpeg (apt-get install ffmpeg)");
    assert!(out.status.success(), "ffmpeg could not make {}: {}", path.display(), stderr(&out));
}

/// The duration of a media file as ffprobe reads it, in seconds.
pub fn ffprobe_duration(path: &Path) -> f64 {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1"])
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .expect("run ffprobe");
    assert!(out.status.success(), "ffprobe {}: {}", path.display(), stderr(&out));
    stdout(&out).trim().parse().expect("ffprobe's duration")
}

/// The base URL the publishing tests serve their shows from.
pub const SHOW_BASE_URL: &str = "https://example.org/pod/";

/// The flags of a complete show, with `cover` as its art.
pub fn show_flags(cover: &Path) -> Vec<String> {
    [
        "--show-title",
        "Harbour & Hills <Weekly>",
        "--show-description",
        "Stories from the coast, read aloud.",
        "--show-author",
        "Ada Brook",
        "--show-email",
        "ada@example.org",
        "--language",
        "en-GB",
        "--category",
        "society & culture",
        "--subcategory",
        "places & travel",
        "--base-url",
        SHOW_BASE_URL,
        "--copyright",
        "© 2026 Ada Brook",
        "--cover",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([cover.to_string_lossy().into_owned()])
    .collect()
}

/// A working folder for a show: a 1400-pixel cover and a readcast.toml written by
/// `readcast init` with every show setting; episodes go to `<work>/output`.
pub fn show_folder() -> tempfile::TempDir {
    let work = tempfile::tempdir().expect("tempdir");
    make_image(&work.path().join("art.png"), 1400, 1400);
    let out = readcast()
        .current_dir(work.path())
        .arg("init")
        .args(show_flags(Path::new("art.png")))
        .stdin(Stdio::null())
        .output()
        .expect("run init");
    assert_ok(&out);
    work
}

/// `readcast ARGS` run in `work` (so its readcast.toml applies).
pub fn run_in(work: &Path, args: &[&str]) -> Output {
    readcast().current_dir(work).args(args).stdin(Stdio::null()).output().expect("run readcast")
}
