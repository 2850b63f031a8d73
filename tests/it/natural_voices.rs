//! Issue 18: Kokoro and Piper in the readcast process through ONNX Runtime, installed by
//! scripts/install-voices.sh (scripts/test.sh runs it first). Every test here runs the real
//! models; without them installed the tests fail with a pointer to the script, unless
//! READCAST_SKIP_NATURAL=1 says on purpose that this machine has none.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::{assert_ok, natural_voices_installed, readcast_with_voices, stderr};

const FIXTURE: &str = "tests/data/lighthouse.txt";
const SLUG: &str = "the-lighthouse-keeper-s-garden";

fn render(out: &Path, args: &[&str]) -> Output {
    readcast_with_voices()
        .args(["render", "--jobs", "2", "-o"])
        .arg(out)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run readcast")
}

fn manifest(out: &Path) -> serde_json::Value {
    common::read_json(&out.join(SLUG).join("episode.json"))
}

/// Spoken words per minute of an episode: the fixture's words over the speech in it (the
/// episode's length without the pauses readcast puts between sentences).
fn words_per_minute(manifest: &serde_json::Value) -> f64 {
    let segments = manifest["segments"].as_array().expect("segments");
    let speech: f64 =
        segments.iter().map(|s| s["end_s"].as_f64().unwrap_or(0.0) - s["start_s"].as_f64().unwrap_or(0.0)).sum();
    let words: usize = segments.iter().map(|s| s["text"].as_str().unwrap_or("").split_whitespace().count()).sum();
    words as f64 * 60.0 / speech
}

#[test]
fn kokoro_is_chosen_without_a_backend_and_speaks_at_a_natural_pace() {
    if !natural_voices_installed() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let result = render(out.path(), &["--no-cache", FIXTURE]);
    assert_ok(&result);
    let err = stderr(&result);
    assert_eq!(err.matches("speaking with kokoro, voice af_heart").count(), 1, "{err}");
    let manifest = manifest(out.path());
    assert_eq!(manifest["backend"], "kokoro");
    assert_eq!(manifest["voice"], "af_heart");
    // Natural narration is 140 to 200 words a minute; a model fed wrong tokens or the wrong
    // style row babbles far outside that, or says nothing.
    let pace = words_per_minute(&manifest);
    assert!((140.0..200.0).contains(&pace), "{pace:.0} words a minute");
    let duration = common::ffprobe_duration(&out.path().join(SLUG).join("episode.mp3"));
    let recorded = manifest["duration_s"].as_f64().unwrap();
    assert!((duration - recorded).abs() < 0.1, "ffprobe {duration} against the manifest's {recorded}");
    // The speech is loud enough to be speech: mastered to -16 LUFS from a real signal.
    assert!(manifest["mastering"]["before_lufs"].as_f64().unwrap() > -35.0, "{}", manifest["mastering"]);
}

/// Every process the render started, as strace saw them (`execve` of anything but readcast).
fn programs_started(args: &[&str]) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let trace = out.path().join("trace");
    let result = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=execve", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_readcast"))
        .args(["render", "-q", "--no-cache", "--jobs", "2", "-o"])
        .arg(out.path().join("episodes"))
        .args(args)
        .env("XDG_CACHE_HOME", common::test_cache_home())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("strace is installed (scripts/install-deps.sh test)");
    assert_ok(&result);
    let log = std::fs::read_to_string(&trace).unwrap();
    let execs: Vec<String> =
        log.lines().filter(|l| l.contains("execve(") && !l.contains("= -1")).map(String::from).collect();
    assert!(execs.first().is_some_and(|l| l.contains("readcast")), "{log}");
    execs.into_iter().skip(1).collect()
}

#[test]
fn no_process_but_readcast_runs_while_kokoro_or_piper_speaks() {
    if !natural_voices_installed() {
        return;
    }
    for backend in ["kokoro", "piper"] {
        let started = programs_started(&["--backend", backend, FIXTURE]);
        assert!(started.is_empty(), "{backend} started other programs: {started:?}");
    }
    // The check can fail: espeak-ng's path starts worker processes.
    assert!(!programs_started(&["--backend", "espeak-ng", FIXTURE]).is_empty());
}

#[test]
fn piper_voices_run_in_process_by_name_or_path() {
    if !natural_voices_installed() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    assert_ok(&render(out.path(), &["-q", "--backend", "piper", FIXTURE]));
    let by_name = manifest(out.path());
    assert_eq!((by_name["backend"].as_str(), by_name["voice"].as_str()), (Some("piper"), Some("en_US-joe-medium")));
    let pace = words_per_minute(&by_name);
    assert!((130.0..210.0).contains(&pace), "{pace:.0} words a minute");

    // The voice as a model path, as `--voice x.onnx` gives it: the same model, so the same clips.
    let data = readcast::synth::voice_data::data_dir().unwrap();
    let model = data.join("piper/voices/en_US-joe-medium.onnx");
    let again = tempfile::tempdir().unwrap();
    let result = render(again.path(), &["--backend", "piper", "--voice", model.to_str().unwrap(), FIXTURE]);
    assert_ok(&result);
    let by_path = manifest(again.path());
    assert_eq!(by_path["voice"].as_str(), model.to_str());
    let (a, b) = (by_name["duration_s"].as_f64().unwrap(), by_path["duration_s"].as_f64().unwrap());
    assert!((a - b).abs() < 0.5 * a, "{a} against {b}");
}

#[test]
fn blends_rates_and_the_cache_key() {
    if !natural_voices_installed() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let cache_flag = ["--cache-dir", cache.path().to_str().unwrap()];
    let run = |extra: &[&str]| {
        let mut args: Vec<&str> = cache_flag.to_vec();
        args.extend_from_slice(extra);
        args.push(FIXTURE);
        let result = render(out.path(), &args);
        assert_ok(&result);
        (manifest(out.path()), stderr(&result))
    };
    let (heart, _) = run(&["--backend", "kokoro", "--voice", "af_heart"]);
    assert_eq!(heart["synthesized"], heart["segments"].as_array().unwrap().len());
    // The same voice again: every clip from the cache.
    let (again, _) = run(&["--backend", "kokoro", "--voice", "af_heart"]);
    assert_eq!(again["synthesized"], 0);
    // A blend is another voice: nothing reused, recorded in its canonical form.
    let (blend, _) = run(&["--backend", "kokoro", "--voice", "af_heart:0.6,af_bella:0.4"]);
    assert_eq!(blend["voice"], "af_heart:0.600,af_bella:0.400");
    assert_eq!(blend["cached"], 0);
    // Faster: --rate maps to Kokoro's speed.
    let (fast, _) = run(&["--backend", "kokoro", "--voice", "af_heart", "--rate", "260"]);
    let ratio = words_per_minute(&fast) / words_per_minute(&heart);
    assert!((1.2..1.8).contains(&ratio), "rate 260 against 175 spoke {ratio:.2} times as fast");
}

#[test]
fn voices_and_doctor_list_what_is_installed() {
    if !natural_voices_installed() {
        return;
    }
    let voices = readcast_with_voices().args(["voices", "--backend", "kokoro"]).output().unwrap();
    assert_ok(&voices);
    let listing = String::from_utf8_lossy(&voices.stdout).into_owned();
    assert!(listing.lines().any(|l| l == "af_heart\ten-US\tfemale"), "{listing}");
    assert!(listing.lines().any(|l| l == "bm_george\ten-GB\tmale"), "{listing}");
    assert!(listing.lines().count() >= 28, "{listing}");
    let doctor = readcast_with_voices().arg("doctor").output().unwrap();
    assert_ok(&doctor);
    let report = String::from_utf8_lossy(&doctor.stdout).into_owned();
    assert!(report.lines().any(|l| l.starts_with("* kokoro") && l.contains("installed")), "{report}");
    assert!(
        report.lines().any(|l| l.starts_with("kokoro voices:") && l.contains("en-US: 11 female, 9 male")),
        "{report}"
    );
}

#[test]
fn bad_voices_and_blends_are_one_line() {
    if !natural_voices_installed() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let unknown = render(out.path(), &["--backend", "kokoro", "--voice", "af_nobody", FIXTURE]);
    let line = common::assert_one_line_error(&unknown);
    assert!(line.contains("af_nobody") && line.contains("af_heart") && line.contains("bm_george"), "{line}");
    assert_eq!(unknown.status.code(), Some(2));
    for (blend, says) in [("af_heart:x", "NAME:WEIGHT"), ("af_heart:0,af_bella:0", "sum to zero")] {
        let bad = render(out.path(), &["--backend", "kokoro", "--voice", blend, FIXTURE]);
        let line = common::assert_one_line_error(&bad);
        assert!(line.contains(says), "{line}");
        assert_eq!(bad.status.code(), Some(2), "{line}");
    }
    assert!(!out.path().join(SLUG).exists(), "nothing written for a bad voice");
}

/// A data folder that links to the installed one, with `broken` in place of one file.
fn data_folder_with(broken: &str, content: &[u8]) -> tempfile::TempDir {
    let real = readcast::synth::voice_data::data_dir().unwrap();
    let fake = tempfile::tempdir().unwrap();
    for dir in ["onnxruntime", "kokoro", "kokoro/voices"] {
        std::fs::create_dir_all(fake.path().join(dir)).unwrap();
    }
    for file in ["onnxruntime/libonnxruntime.so.1.31.0", "kokoro/kokoro-v1.0.int8.onnx", "kokoro/vocab.json"] {
        std::os::unix::fs::symlink(real.join(file), fake.path().join(file)).unwrap();
    }
    std::os::unix::fs::symlink(real.join("kokoro/voices/af_heart.bin"), fake.path().join("kokoro/voices/af_heart.bin"))
        .unwrap();
    let target: PathBuf = fake.path().join(broken);
    std::fs::remove_file(&target).unwrap();
    std::fs::write(&target, content).unwrap();
    fake
}

#[test]
fn broken_files_name_the_file_and_the_install_command() {
    if !natural_voices_installed() {
        return;
    }
    for broken in ["kokoro/kokoro-v1.0.int8.onnx", "onnxruntime/libonnxruntime.so.1.31.0", "kokoro/voices/af_heart.bin"]
    {
        let fake = data_folder_with(broken, b"truncated");
        let out = tempfile::tempdir().unwrap();
        let result = readcast_with_voices()
            .env("READCAST_DATA_DIR", fake.path())
            .args(["render", "--backend", "kokoro", "-o"])
            .arg(out.path())
            .arg(FIXTURE)
            .output()
            .unwrap();
        let line = common::assert_one_line_error(&result);
        let name = Path::new(broken).file_name().unwrap().to_str().unwrap();
        assert!(line.contains(name) && line.contains("install-voices.sh"), "{broken}: {line}");
        assert!(!out.path().join(SLUG).exists(), "nothing half-written for {broken}");
    }
}

/// A model of the right size but other bytes (a corrupted download) reaches ONNX Runtime, which
/// loads it while it is hashed: the hash, not the runtime's complaint, is the one line.
#[test]
fn a_model_of_the_right_size_and_wrong_bytes_is_named_by_its_hash() {
    if !natural_voices_installed() {
        return;
    }
    let model = "kokoro/kokoro-v1.0.int8.onnx";
    let fake = data_folder_with(model, b"");
    let size = readcast::synth::voice_data::KOKORO_MODEL.size;
    // Sparse: zeros of the pinned size, without writing 92 MB.
    std::fs::OpenOptions::new().write(true).open(fake.path().join(model)).unwrap().set_len(size).unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = readcast_with_voices()
        .env("READCAST_DATA_DIR", fake.path())
        .args(["render", "--backend", "kokoro", "-o"])
        .arg(out.path())
        .arg(FIXTURE)
        .output()
        .unwrap();
    let line = common::assert_one_line_error(&result);
    assert!(line.contains("SHA-256") && line.contains("kokoro-v1.0.int8.onnx") && line.contains("--force"), "{line}");
    assert!(!out.path().join(SLUG).exists());
}

/// A library that answers ONNX Runtime's first call with an old version, as an outdated
/// system-wide onnxruntime would; only the version string is ever read from it.
const OLD_RUNTIME_C: &str = r#"
#include <stddef.h>
static const char* version(void) { return "1.16.3"; }
static const void* get_api(unsigned v) { (void)v; return NULL; }
struct base { const void* (*get_api)(unsigned); const char* (*get_version)(void); };
static struct base BASE = { get_api, version };
const struct base* OrtGetApiBase(void) { return &BASE; }
"#;

#[test]
fn an_old_onnx_runtime_is_named_with_the_version_wanted() {
    if !natural_voices_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("old.c");
    std::fs::write(&source, OLD_RUNTIME_C).unwrap();
    let library = dir.path().join("libonnxruntime.so.1.16.3");
    let built = Command::new("cc").args(["-shared", "-fPIC", "-o"]).arg(&library).arg(&source).status().unwrap();
    assert!(built.success());
    let out = tempfile::tempdir().unwrap();
    let result = readcast_with_voices()
        .env("ORT_DYLIB_PATH", &library)
        .args(["render", "--backend", "kokoro", "-o"])
        .arg(out.path())
        .arg(FIXTURE)
        .output()
        .unwrap();
    let line = common::assert_one_line_error(&result);
    assert!(line.contains("1.16.3") && line.contains("1.31"), "{line}");
}

#[test]
fn a_failing_inference_is_retried_then_names_the_segment() {
    if !natural_voices_installed() {
        return;
    }
    // A real model that loads but cannot run as a Piper voice: Kokoro's, with a Piper config
    // beside it. Every segment's inference fails inside ONNX Runtime (wrong input names).
    let data = readcast::synth::voice_data::data_dir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("impostor.onnx");
    std::os::unix::fs::symlink(data.join("kokoro/kokoro-v1.0.int8.onnx"), &model).unwrap();
    std::fs::copy(data.join("piper/voices/en_US-joe-medium.onnx.json"), dir.path().join("impostor.onnx.json")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let result =
        render(out.path(), &["--backend", "piper", "--voice", model.to_str().unwrap(), "--retries", "1", FIXTURE]);
    let line = common::assert_one_line_error(&result);
    assert!(line.contains("segment") && line.contains("after 2 attempts") && line.contains("inference"), "{line}");
    assert!(!out.path().join(SLUG).exists());
}

#[test]
fn a_sentence_past_the_token_limit_is_spoken_whole_in_pieces() {
    if !natural_voices_installed() {
        return;
    }
    // One sentence of about 900 characters (well over Kokoro's 510 phonemes), kept whole by a
    // high --max-chars, so the backend itself must cut it at its commas.
    let clause = "the ferry called at the northern pier, ";
    let sentence = format!("On the first day of winter {}and then it went home.", clause.repeat(22));
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.txt");
    std::fs::write(&input, format!("The Long Sentence\n\n{sentence}\n")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = render(out.path(), &["-q", "--backend", "kokoro", "--max-chars", "5000", input.to_str().unwrap()]);
    assert_ok(&result);
    let manifest = common::read_json(&out.path().join("the-long-sentence").join("episode.json"));
    let segments = manifest["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 2, "title and one sentence");
    // Every word spoken: at a natural pace the sentence lasts its words' worth, not a piece's.
    let words = sentence.split_whitespace().count() as f64;
    let spoken = segments[1]["end_s"].as_f64().unwrap() - segments[1]["start_s"].as_f64().unwrap();
    let pace = words * 60.0 / spoken;
    assert!((120.0..220.0).contains(&pace), "{words} words in {spoken:.1} s");
}

/// An article of one long sentence: every model run is a 200-phoneme piece of several seconds.
fn long_sentence_article(dir: &Path) -> PathBuf {
    let clause = "the ferry called at the northern pier before the storm, ";
    let text = format!("The Long Crossing\n\nOn the first day of winter {}and then it went home.\n", clause.repeat(30));
    let input = dir.join("long.txt");
    std::fs::write(&input, text).unwrap();
    input
}

#[test]
fn ctrl_c_stops_a_model_run_at_once() {
    if !natural_voices_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = long_sentence_article(dir.path());
    let out = dir.path().join("out");
    // Without --backend, readcast says which engine it chose once the model has loaded.
    let mut child = readcast_with_voices()
        .args(["render", "--no-cache", "--max-chars", "10000", "-o"])
        .arg(&out)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, said) = std::sync::mpsc::channel();
    let stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        let mut all = String::new();
        for line in std::io::BufReader::new(stderr_pipe).lines().map_while(Result::ok) {
            let _ = lines.send(line.clone());
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    let loaded = said.iter().any(|line| line.contains("speaking with kokoro"));
    assert!(loaded, "kokoro never started");
    // The title is spoken in a moment; then a run of several seconds is under way.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let signalled = std::time::Instant::now();
    assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
    let status = child.wait().unwrap();
    let took = signalled.elapsed();
    let all = reader.join().unwrap();
    assert_eq!(status.code(), Some(130), "{all}");
    assert!(all.contains("interrupted"), "{all}");
    // Within a second or so, not after the run (several seconds) and the rest of the sentence.
    assert!(took < std::time::Duration::from_millis(1500), "stopped {took:?} after the signal");
    assert!(common::files_under(&out).is_empty(), "left: {:?}", common::files_under(&out));
}

#[test]
fn a_model_run_past_the_segment_timeout_is_stopped_and_named() {
    if !natural_voices_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = long_sentence_article(dir.path());
    let out = dir.path().join("out");
    let result = readcast_with_voices()
        .args(["render", "--no-cache", "--backend", "kokoro", "--max-chars", "10000", "--segment-timeout", "1"])
        .args(["--retries", "0", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    let line = common::assert_one_line_error(&result);
    assert!(line.contains("kokoro took longer than 1 s on segment"), "{line}");
    assert!(common::files_under(&out).is_empty());
}

#[test]
fn a_voice_whose_language_espeak_ng_lacks_is_one_line_before_anything_is_spoken() {
    if !natural_voices_installed() {
        return;
    }
    // The real Piper model with a config naming a language espeak-ng does not have.
    let data = readcast::synth::voice_data::data_dir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("nolang.onnx");
    std::os::unix::fs::symlink(data.join("piper/voices/en_US-joe-medium.onnx"), &model).unwrap();
    let config = std::fs::read_to_string(data.join("piper/voices/en_US-joe-medium.onnx.json")).unwrap();
    let mut config: serde_json::Value = serde_json::from_str(&config).unwrap();
    config["espeak"]["voice"] = serde_json::Value::from("zz-nowhere");
    std::fs::write(dir.path().join("nolang.onnx.json"), config.to_string()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = render(out.path(), &["--backend", "piper", "--voice", model.to_str().unwrap(), FIXTURE]);
    let line = common::assert_one_line_error(&result);
    assert!(line.contains("no phonemes from espeak-ng") && line.contains("zz-nowhere"), "{line}");
    assert!(!out.path().join(SLUG).exists());
}
