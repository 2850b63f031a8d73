//! Never lose work: the segment cache, resuming after Ctrl-C or SIGTERM, retries, time limits,
//! and two renders sharing one cache. The real espeak-ng speaks everything; a stand-in engine
//! (a shell wrapper around the real one) is used only to inject faults.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

fn render_args<'a>(out: &'a Path, cache: &'a Path, input: &'a Path) -> Vec<String> {
    ["render", "-q", "-o", out.to_str().unwrap(), "--cache-dir", cache.to_str().unwrap(), input.to_str().unwrap()]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn manifest_of(out: &Path) -> serde_json::Value {
    let dir = std::fs::read_dir(out).unwrap().flatten().find(|e| e.path().is_dir()).expect("episode folder").path();
    read_json(&dir.join("episode.json"))
}

fn counts(manifest: &serde_json::Value) -> (u64, u64) {
    (manifest["synthesized"].as_u64().unwrap(), manifest["cached"].as_u64().unwrap())
}

/// An article of our own with many short paragraphs, slow enough to interrupt with --jobs 1.
fn long_article(dir: &Path) -> PathBuf {
    let mut text = String::from("Skip to content\n\nThe Long Evening at the Town Hall\n\n");
    for i in 0..30 {
        text.push_str(&format!(
            "Speaker number {i} rose to talk about the river path and the lights along it. The chair thanked them and called the next name.\n\n"
        ));
    }
    let path = dir.join("long.txt");
    std::fs::write(&path, text).unwrap();
    path
}

fn count_entries(cache: &Path) -> usize {
    files_under(cache).iter().filter(|f| f.ends_with(".clip")).count()
}

#[test]
fn rerender_synthesizes_nothing_and_an_edit_only_its_segments() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let input = tmp.path().join("article.txt");
    std::fs::copy(data("short-article.txt"), &input).unwrap();

    let first = tmp.path().join("first");
    assert_ok(&readcast().args(render_args(&first, &cache, &input)).output().unwrap());
    let m1 = manifest_of(&first);
    let total = m1["segments"].as_array().unwrap().len() as u64;
    assert_eq!(counts(&m1), (total, 0));

    let second = tmp.path().join("second");
    let out = readcast().args(render_args(&second, &cache, &input)).output().unwrap();
    assert_ok(&out);
    assert_eq!(counts(&manifest_of(&second)), (0, total));
    let wav = |dir: &Path| std::fs::read(dir.join("night-ferry-returns-to-the-island-route/episode.wav")).unwrap();
    assert_eq!(wav(&first), wav(&second), "a cached render gives the same audio");

    // Edit one sentence of one paragraph: only that segment is spoken again.
    let text = std::fs::read_to_string(&input).unwrap().replace("six weeks", "seven weeks");
    std::fs::write(&input, text).unwrap();
    let third = tmp.path().join("third");
    let out = readcast().args(render_args(&third, &cache, &input)).arg("--title").arg("Ferry").output().unwrap();
    assert_ok(&out);
    assert_eq!(counts(&manifest_of(&third)), (1 + 1, total - 2), "the new title and the edited sentence");
}

#[test]
fn summary_line_reports_synthesized_and_cached() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let input = data("second-article.txt");
    let args = |out: &str| {
        vec![
            "render".to_string(),
            "-o".into(),
            tmp.path().join(out).display().to_string(),
            "--cache-dir".into(),
            cache.display().to_string(),
            input.display().to_string(),
        ]
    };
    assert_ok(&readcast().args(args("a")).output().unwrap());
    let out = readcast().args(args("b")).output().unwrap();
    assert_ok(&out);
    assert!(stderr(&out).contains("(0 synthesized, 3 from cache)"), "{}", stderr(&out));
}

#[test]
fn a_corrupt_cache_entry_is_detected_and_spoken_again() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let input = data("second-article.txt");
    assert_ok(&readcast().args(render_args(&tmp.path().join("a"), &cache, &input)).output().unwrap());
    let entries: Vec<PathBuf> =
        files_under(&cache).iter().filter(|f| f.ends_with(".clip")).map(|f| cache.join(f)).collect();
    assert_eq!(entries.len(), 3);
    let bytes = std::fs::read(&entries[0]).unwrap();
    std::fs::write(&entries[0], &bytes[..bytes.len() - 100]).unwrap();
    let mut flipped = std::fs::read(&entries[1]).unwrap();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    std::fs::write(&entries[1], flipped).unwrap();

    let out_b = tmp.path().join("b");
    assert_ok(&readcast().args(render_args(&out_b, &cache, &input)).output().unwrap());
    assert_eq!(counts(&manifest_of(&out_b)), (2, 1));
    // A long-lived espeak-ng worker is not bit-exact from one utterance to the next; the episode
    // must still match the first one to within a few milliseconds per segment.
    let duration =
        |d: &Path| read_json(&d.join("council-approves-new-cycle-lanes/episode.json"))["duration_s"].as_f64().unwrap();
    assert!((duration(&tmp.path().join("a")) - duration(&out_b)).abs() < 0.015);
}

#[test]
fn cache_command_shows_prunes_and_clears() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    assert_ok(
        &readcast().args(render_args(&tmp.path().join("a"), &cache, &data("second-article.txt"))).output().unwrap(),
    );
    let show = run(&["cache", "--cache-dir", cache.to_str().unwrap()]);
    assert_ok(&show);
    assert!(stdout(&show).contains("3 entries"), "{}", stdout(&show));
    let prune = run(&["cache", "--cache-dir", cache.to_str().unwrap(), "prune", "--max-size", "1"]);
    assert_ok(&prune);
    assert_eq!(count_entries(&cache), 0);
    assert_ok(
        &readcast().args(render_args(&tmp.path().join("b"), &cache, &data("second-article.txt"))).output().unwrap(),
    );
    assert_ok(&run(&["cache", "--cache-dir", cache.to_str().unwrap(), "clear"]));
    assert_eq!(count_entries(&cache), 0);
    let bad = run(&["cache", "--cache-dir", cache.to_str().unwrap(), "prune", "--max-size", "lots"]);
    assert!(assert_one_line_error(&bad).contains("not a size"));
}

/// Start a slow render, wait until a few segments are cached, send `signal`, and check the
/// promise: exit 128+signal, no final files, no temporary files, no engine left running, the
/// finished segments cached; then the same command finishes from the cache. The engines are
/// found by their command line, which carries the rate: one that no other test uses, picked
/// by this process's id, so a suite running beside this one on the machine (rarely) shares it.
fn interrupt_and_resume(signal: &str, expected_code: i32, offset: u32) {
    let rate = (131 + (std::process::id() % 19) * 2 + offset).to_string();
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let out = tmp.path().join("out");
    let engine_tmp = tmp.path().join("tmp");
    std::fs::create_dir_all(&engine_tmp).unwrap();
    let input = long_article(tmp.path());
    let mut args = render_args(&out, &cache, &input);
    args.extend(["--jobs".into(), "1".into(), "--rate".into(), rate.clone()]);
    let child =
        readcast().args(&args).env("TMPDIR", &engine_tmp).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();

    let started = Instant::now();
    while count_entries(&cache) < 3 {
        assert!(started.elapsed() < Duration::from_secs(60), "no progress; stderr: {}", {
            let mut child = child;
            let _ = child.kill();
            stderr(&child.wait_with_output().unwrap())
        });
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let result = child.wait_with_output().unwrap();
    assert_eq!(result.status.code(), Some(expected_code), "stderr: {}", stderr(&result));
    assert!(stderr(&result).contains("interrupted"), "{}", stderr(&result));
    assert!(!stderr(&result).contains("panicked"));

    let written = files_under(&out);
    assert!(written.is_empty(), "files left at the output: {written:?}");
    assert!(files_under(&engine_tmp).is_empty(), "temporary files left: {:?}", files_under(&engine_tmp));
    for pattern in [format!("espeak-ng -v en-us -s {rate} "), format!("__espeak-worker --voice=en-us --rate={rate}")] {
        let engines = Command::new("pgrep").args(["-f", &pattern]).output().unwrap();
        assert!(engines.stdout.is_empty(), "engine still running: {}", String::from_utf8_lossy(&engines.stdout));
    }
    let cached = count_entries(&cache);
    assert!(cached >= 3, "finished segments stay cached");

    let again = readcast().args(&args).output().unwrap();
    assert_ok(&again);
    let (synthesized, from_cache) = counts(&manifest_of(&out));
    assert!(from_cache as usize >= cached, "resumed from the cache: {from_cache} < {cached}");
    assert_eq!(synthesized + from_cache, 61);
}

#[test]
fn ctrl_c_stops_cleanly_and_the_same_command_resumes() {
    interrupt_and_resume("-INT", 130, 0);
}

#[test]
fn sigterm_stops_cleanly_with_143() {
    interrupt_and_resume("-TERM", 143, 1);
}

/// A stand-in espeak-ng: runs `fault` (shell code that may exit) before the real engine.
fn fault_engine(dir: &Path, fault: &str) -> String {
    let real =
        String::from_utf8(Command::new("sh").args(["-c", "command -v espeak-ng"]).output().unwrap().stdout).unwrap();
    let script = format!(
        "#!/bin/sh\ncase \"$*\" in *--stdin*) text=$(cat);; *) exec {real} \"$@\";; esac\n{fault}\nprintf '%s' \"$text\" | exec {real} \"$@\"\n",
        real = real.trim()
    );
    let path = dir.join("espeak-ng");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("{}:{}", dir.display(), std::env::var("PATH").unwrap())
}

#[test]
fn a_failing_segment_is_retried_then_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("failed-once");
    // Fails the first attempt at the sentence about May, succeeds on the next.
    let fault = format!(
        "case \"$text\" in *May*) if [ ! -e {s} ]; then touch {s}; echo 'flaky engine' >&2; exit 1; fi;; esac",
        s = state.display()
    );
    let path = fault_engine(tmp.path(), &fault);
    let out = tmp.path().join("out");
    let result = readcast()
        .env("PATH", &path)
        .env("READCAST_ESPEAK_CLI", "1")
        .args(["render", "-q", "--no-cache", "-o", out.to_str().unwrap(), data("second-article.txt").to_str().unwrap()])
        .output()
        .unwrap();
    assert_ok(&result);
    assert!(state.exists(), "the fault fired");
    assert!(files_under(&out).iter().any(|f| f.ends_with("/episode.json")), "{:?}", files_under(&out));
}

#[test]
fn a_segment_that_keeps_failing_stops_the_run_and_keeps_the_rest_cached() {
    let tmp = tempfile::tempdir().unwrap();
    let attempts = tmp.path().join("attempts");
    let fault = format!(
        "case \"$text\" in *May*) echo x >> {a}; echo 'engine exploded on this one' >&2; exit 4;; esac",
        a = attempts.display()
    );
    let path = fault_engine(tmp.path(), &fault);
    let out = tmp.path().join("out");
    let cache = tmp.path().join("cache");
    let result = readcast()
        .env("PATH", &path)
        .env("READCAST_ESPEAK_CLI", "1")
        .args([
            "render",
            "-q",
            "--jobs",
            "1",
            "--retries",
            "2",
            "--cache-dir",
            cache.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            data("second-article.txt").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let line = assert_one_line_error(&result);
    assert!(line.contains("Work starts in May."), "names the text: {line}");
    assert!(line.contains("engine exploded on this one"), "shows stderr: {line}");
    assert!(line.contains("after 3 attempts"), "{line}");
    assert_eq!(std::fs::read_to_string(&attempts).unwrap().lines().count(), 3);
    assert!(files_under(&out).is_empty());
    assert_eq!(count_entries(&cache), 2, "the two finished segments stay cached");
}

#[test]
fn a_hanging_engine_is_stopped_by_the_segment_timeout() {
    let tmp = tempfile::tempdir().unwrap();
    let path = fault_engine(tmp.path(), "case \"$text\" in *May*) exec sleep 30;; esac");
    let out = tmp.path().join("out");
    let started = Instant::now();
    let result = readcast()
        .env("PATH", &path)
        .env("READCAST_ESPEAK_CLI", "1")
        .args([
            "render",
            "-q",
            "--no-cache",
            "--retries",
            "1",
            "--segment-timeout",
            "1",
            "-o",
            out.to_str().unwrap(),
            data("second-article.txt").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let line = assert_one_line_error(&result);
    assert!(line.contains("took longer than 1 s"), "{line}");
    assert!(started.elapsed() < Duration::from_secs(15), "the timeout did not bound the run");
    assert!(files_under(&out).is_empty());
}

#[test]
fn two_renders_at_once_share_one_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let input = long_article(tmp.path());
    let spawn = |name: &str| {
        readcast()
            .args(render_args(&tmp.path().join(name), &cache, &input))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("a"), spawn("b"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_ok(&a);
    assert_ok(&b);
    let manifest =
        |name: &str| read_json(&tmp.path().join(name).join("the-long-evening-at-the-town-hall/episode.json"));
    let texts =
        |m: &serde_json::Value| m["segments"].as_array().unwrap().iter().map(|s| s["text"].clone()).collect::<Vec<_>>();
    assert_eq!(texts(&manifest("a")), texts(&manifest("b")));
    let (da, db) = (manifest("a")["duration_s"].as_f64().unwrap(), manifest("b")["duration_s"].as_f64().unwrap());
    assert!((da - db).abs() < 0.001 * 61.0, "{da} vs {db}");
    // 61 segments, but the chair's sentence repeats: 32 different clips.
    assert_eq!(count_entries(&cache), 32);
    let (sa, ca) = counts(&manifest_of(&tmp.path().join("a")));
    let (sb, cb) = counts(&manifest_of(&tmp.path().join("b")));
    assert_eq!(sa + ca, 61);
    assert_eq!(sb + cb, 61);
}

/// An engine (a fault injector run through `--command`) that writes a float WAV with a NaN in it.
const NAN_ENGINE: &str = r#"
import struct, sys
wav = sys.argv[1]
samples = [0.1, -0.1] * 2000 + [float("nan")] + [0.0] * 100
data = struct.pack("<%df" % len(samples), *samples)
fmt = struct.pack("<HHIIHH", 3, 1, 22050, 22050 * 4, 4, 32)
with open(wav, "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + len(data)) + b"WAVE")
    f.write(b"fmt " + struct.pack("<I", len(fmt)) + fmt)
    f.write(b"data" + struct.pack("<I", len(data)) + data)
"#;

#[test]
fn nan_samples_from_an_engine_are_a_segment_error_not_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = tmp.path().join("nan_engine.py");
    std::fs::write(&engine, NAN_ENGINE).unwrap();
    let out = tmp.path().join("out");
    let result = readcast()
        .args(["render", "--no-cache", "--retries", "1", "--command"])
        .arg(format!("python3 {} {{wav}}", engine.display()))
        .args(["-o", out.to_str().unwrap(), data("short-article.txt").to_str().unwrap()])
        .output()
        .unwrap();
    let line = assert_one_line_error(&result);
    assert!(line.contains("not a finite number") && line.contains("after 2 attempts"), "{line}");
    assert_eq!(result.status.code(), Some(1));
    assert!(files_under(&out).is_empty(), "left behind: {:?}", files_under(&out));
}
