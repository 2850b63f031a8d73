//! Bad input and failing engines: one clear line on stderr, a non-zero exit, nothing written.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::*;

fn render_into(out: &Path, input: &str) -> std::process::Output {
    run(&["render", "-q", "-o", out.to_str().unwrap(), input])
}

#[test]
fn missing_input_file() {
    let out = tempfile::tempdir().unwrap();
    let line = assert_one_line_error(&render_into(out.path(), "no-such-article.txt"));
    assert!(line.contains("no-such-article.txt") && line.contains("not found"), "{line}");
    assert!(files_under(out.path()).is_empty());
}

#[test]
fn folder_given_as_input() {
    let out = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let line = assert_one_line_error(&run(&["script", dir.path().to_str().unwrap()]));
    assert!(line.contains("folder"), "{line}");
    assert!(files_under(out.path()).is_empty());
}

#[test]
fn nothing_left_after_cleaning() {
    let out = tempfile::tempdir().unwrap();
    let input = out.path().join("furniture.txt");
    std::fs::write(&input, "Skip to content\n\nHome | News | Sport\n\nSubscribe to our newsletter\n").unwrap();
    let line = assert_one_line_error(&render_into(out.path(), input.to_str().unwrap()));
    assert!(line.contains("nothing is left to read"), "{line}");
    assert_eq!(files_under(out.path()), ["furniture.txt"]);
}

#[test]
fn espeak_ng_not_installed_says_how_to_install() {
    let out = tempfile::tempdir().unwrap();
    let empty_path = tempfile::tempdir().unwrap();
    let result = readcast()
        .env("PATH", empty_path.path())
        .args(["render", "-q", "-o", out.path().to_str().unwrap(), data("second-article.txt").to_str().unwrap()])
        .output()
        .unwrap();
    let line = assert_one_line_error(&result);
    assert!(line.contains("espeak-ng is not installed"), "{line}");
    assert!(line.contains("apt install espeak-ng") && line.contains("dnf") && line.contains("brew"), "{line}");
    assert!(files_under(out.path()).is_empty());
}

/// A stand-in espeak-ng that behaves like the real one, except that it fails on a sentence
/// containing "cycle lanes". Only used to inject the fault.
fn failing_espeak(dir: &Path) {
    let real = which_espeak();
    let script = format!(
        "#!/bin/sh\ncase \"$*\" in *--stdin*) text=$(cat); case \"$text\" in *'cycle lanes'*) echo 'simulated engine crash' >&2; exit 3;; esac; printf '%s' \"$text\" | exec {real} \"$@\";; esac\nexec {real} \"$@\"\n"
    );
    let path = dir.join("espeak-ng");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn which_espeak() -> String {
    let out = std::process::Command::new("sh").args(["-c", "command -v espeak-ng"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn engine_failure_names_the_segment_and_shows_stderr() {
    let out = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    failing_espeak(bin.path());
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap());
    let result = readcast()
        .env("PATH", path)
        // Run the espeak-ng program per segment (not the library workers), so the stand-in is used.
        .env("READCAST_ESPEAK_CLI", "1")
        .args(["render", "-q", "-o", out.path().to_str().unwrap(), data("second-article.txt").to_str().unwrap()])
        .output()
        .unwrap();
    let line = assert_one_line_error(&result);
    assert!(line.contains("simulated engine crash"), "{line}");
    assert!(line.contains("segment"), "{line}");
    assert!(line.contains("exit code 3"), "{line}");
    assert!(files_under(out.path()).is_empty(), "left behind: {:?}", files_under(out.path()));
}

#[test]
fn output_folder_that_cannot_be_created() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let out = blocker.join("episodes");
    let line = assert_one_line_error(&render_into(&out, data("second-article.txt").to_str().unwrap()));
    assert!(line.contains("cannot write") && line.contains("episodes"), "{line}");
}

#[test]
fn unknown_backend_lists_known_ones() {
    let out = run(&["render", "--backend", "nope", "x.txt"]);
    let line = assert_one_line_error(&out);
    assert!(line.contains("invalid value 'nope'") && line.contains("kokoro") && line.contains("espeak-ng"), "{line}");
    assert_eq!(out.status.code(), Some(2));
    // In readcast.toml the same mistake is refused, naming the file.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("readcast.toml");
    std::fs::write(&config, "[voice]\nbackend = \"nope\"\n").unwrap();
    let line = assert_one_line_error(&run(&["--config", config.to_str().unwrap(), "render", "x.txt"]));
    assert!(line.contains("readcast.toml") && line.contains("nope"), "{line}");
}

#[test]
fn unknown_voice_lists_some() {
    let out = tempfile::tempdir().unwrap();
    let line = assert_one_line_error(&run(&[
        "render",
        "--voice",
        "xx-nope",
        "-o",
        out.path().to_str().unwrap(),
        data("second-article.txt").to_str().unwrap(),
    ]));
    assert!(line.contains("no voice 'xx-nope'") && line.contains("en"), "{line}");
}
