//! Issue 5: how the Piper backend handles a worker that dies or hangs. A fake interpreter
//! (a shell script standing in for the venv's python) injects the faults; everything else is
//! the real binary. READCAST_PIPER_HOME points readcast at the fake installation.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

const FIXTURE: &str = "tests/data/lighthouse.txt";

/// A fake Piper installation whose "python" answers `check` and then behaves as `worker` says.
fn fake_piper(home: &Path, worker: &str) {
    let bin = home.join("venv").join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(home.join("voices")).unwrap();
    std::fs::write(home.join("voices").join("en_US-joe-medium.onnx"), b"not a model").unwrap();
    std::fs::write(home.join("voices").join("en_US-joe-medium.onnx.json"), br#"{"language": {"code": "en_US"}}"#)
        .unwrap();
    let script = format!(
        "#!/bin/sh\n# readcast runs `python -c CHECK` for doctor/check and `python -u -c WORKER ...` for workers.\nif [ \"$1\" = -c ]; then echo 9.9-fake; exit 0; fi\n{worker}\n"
    );
    let python = bin.join("python");
    std::fs::write(&python, script).unwrap();
    std::fs::set_permissions(&python, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn render_with(home: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    common::readcast()
        .env("READCAST_PIPER_HOME", home)
        .args(["render", "-q", "--jobs", "2", "--backend", "piper", "-o"])
        .arg(out)
        .args(extra)
        .arg(FIXTURE)
        .output()
        .unwrap()
}

#[test]
fn a_worker_that_dies_is_reported_with_its_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("piper");
    fake_piper(&home, "echo '{\"ready\": true, \"sample_rate\": 22050}'\nread line\necho 'model exploded' >&2\nexit 3");
    let out = dir.path().join("out");
    let result = render_with(&home, &out, &[]);
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("worker exited (exit code 3)") && stderr.contains("model exploded"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!out.join("the-lighthouse-keeper-s-garden").exists());
}

#[test]
fn a_hung_worker_is_stopped_at_the_segment_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("piper");
    fake_piper(&home, "echo '{\"ready\": true, \"sample_rate\": 22050}'\nexec sleep 60");
    let started = Instant::now();
    let result = render_with(&home, &dir.path().join("out"), &["--segment-timeout", "1"]);
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("took longer than 1 s"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
}

#[test]
fn doctor_reads_the_version_from_the_installation() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("piper");
    fake_piper(&home, "exit 1");
    let out =
        common::readcast().env("READCAST_PIPER_HOME", &home).args(["doctor", "--backend", "piper"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.lines().any(|l| l.starts_with("* piper") && l.contains("9.9-fake")), "{report}");

    // An empty folder is no installation: doctor says how to install and fails.
    let empty = dir.path().join("nothing");
    let missing =
        common::readcast().env("READCAST_PIPER_HOME", &empty).args(["doctor", "--backend", "piper"]).output().unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stdout).contains("install-piper.sh"));
}

/// The audio head of a frame (`src/synth/pcm_frame.rs`) in printf's octal escapes: "RCPM", status
/// 0, a 10-byte body, 22050 Hz, one channel, and a frame count.
fn audio_head(frames_octal: &str) -> String {
    format!("RCPM\\000\\012\\000\\000\\000\\042\\126\\000\\000\\001\\000{frames_octal}")
}

#[test]
fn a_worker_that_miscounts_its_samples_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("piper");
    // Every answer claims five frames and carries none.
    let worker = format!(
        "echo '{{\"ready\": true, \"sample_rate\": 22050}}'\nwhile read line; do printf '{}'; done",
        audio_head("\\005\\000\\000\\000")
    );
    fake_piper(&home, &worker);
    let out = dir.path().join("out");
    let result = render_with(&home, &out, &[]);
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("wrong sample count") && stderr.contains("5 frames"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!out.join("the-lighthouse-keeper-s-garden").exists());
}

#[test]
fn a_worker_that_dies_inside_a_frame_or_prints_text_is_one_clear_error() {
    for (worker, expected) in [
        // The head is cut off after the status byte; the reason reaches stderr only after
        // stdout has closed, so it must be waited for.
        (
            "read line\nprintf 'RCPM\\000'\nexec 1>&-\nsleep 0.3\necho 'out of memory' >&2\nexit 0",
            "truncated answer frame",
        ),
        // Text on stdout where a frame belongs, as a chatty library would print.
        ("read line\necho 'Loading voice...'\nexit 0", "not an answer frame"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("piper");
        fake_piper(&home, &format!("echo '{{\"ready\": true, \"sample_rate\": 22050}}'\n{worker}"));
        let result = render_with(&home, &dir.path().join("out"), &[]);
        assert!(!result.status.success());
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(stderr.contains(expected), "{stderr}");
        if expected.starts_with("truncated") {
            assert!(stderr.contains("out of memory"), "the dying worker's last words: {stderr}");
        }
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}
