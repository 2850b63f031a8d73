//! The attacks of a hostile test run (issue 16), each against the real binary with the real
//! espeak-ng; a stand-in engine (a shell wrapper around the real one) only injects faults.
//! Each test failed before its fix.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// Wait for `child` at most `limit`; a child still running then is killed and the test fails.
fn wait_within(mut child: Child, limit: Duration, what: &str) -> Output {
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// `readcast ARGS` with stdin closed, failed if it runs longer than `limit`.
fn run_within(args: &[&str], limit: Duration) -> Output {
    let child = readcast().args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    wait_within(child.expect("spawn readcast"), limit, &format!("readcast {}", args.join(" ")))
}

fn signal(child: &Child, name: &str) {
    assert!(Command::new("kill").args([name, &child.id().to_string()]).status().unwrap().success());
}

fn article(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A render started with the espeak-ng program found first on `path` (a fault engine), its
/// output captured.
fn render_with_engine(path: &str, args: &[&str]) -> Child {
    readcast()
        .env("PATH", path)
        .env("READCAST_ESPEAK_CLI", "1")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// `readcast ARGS` running in the background: no standard input, its output kept.
fn spawn_readcast(args: &[&str]) -> Child {
    readcast().args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

/// `readcast render` of `input` into `out` with the `--backend command` engine `template` and
/// `flags`, running in the background.
fn render_by_command(template: &str, flags: &[&str], out: &Path, input: &Path) -> Child {
    let mut args = vec!["render", "-q", "--no-cache", "--backend", "command", "--command", template];
    args.extend_from_slice(flags);
    args.extend(["-o", s(out), s(input)]);
    spawn_readcast(&args)
}

/// A stand-in espeak-ng (used with READCAST_ESPEAK_CLI=1): runs `fault` before the real one.
fn fault_engine(dir: &Path, fault: &str) -> String {
    let real =
        String::from_utf8(Command::new("sh").args(["-c", "command -v espeak-ng"]).output().unwrap().stdout).unwrap();
    let script = format!(
        "#!/bin/sh\ncase \"$*\" in *--stdin*) text=$(cat);; *) exec {real} \"$@\";; esac\n{fault}\nprintf '%s' \"$text\" | {real} \"$@\"\n",
        real = real.trim()
    );
    let path = dir.join("espeak-ng");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("{}:{}", dir.display(), std::env::var("PATH").unwrap())
}

/// Whether a process whose command line contains `marker` is running.
fn running(marker: &str) -> bool {
    let out = Command::new("pgrep").args(["-f", marker]).output().expect("pgrep");
    out.status.success()
}

#[test]
fn another_article_with_the_same_slug_gets_its_own_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let a = article(tmp.path(), "a.txt", "The boats came in early today.\n");
    let b = article(tmp.path(), "b.txt", "The ferry was late again.\n");
    let render = |input: &Path| {
        let result =
            run_within(&["render", "--title", "Weekly Update", "-o", s(&out), s(input)], Duration::from_secs(60));
        assert_ok(&result);
        stderr(&result)
    };
    render(&a);
    let first = read_json(&out.join("weekly-update/episode.json"));
    let note = render(&b);
    assert!(note.contains("weekly-update-2"), "says where the episode went: {note}");
    let kept = read_json(&out.join("weekly-update/episode.json"));
    assert_eq!(kept, first, "the first article's episode is untouched");
    let second = read_json(&out.join("weekly-update-2/episode.json"));
    assert_eq!(second["source"], s(&b));
    assert_ne!(second["guid"], first["guid"]);
    // The same article again re-renders in place, keeping its guid.
    render(&b);
    assert!(!out.join("weekly-update-3").exists());
    assert_eq!(read_json(&out.join("weekly-update-2/episode.json"))["guid"], second["guid"]);
}

#[test]
fn a_deeply_nested_page_is_refused_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let n = 200_000;
    let page = format!("<html><body>{}deep{}</body></html>", "<div>".repeat(n), "</div>".repeat(n));
    let input = article(tmp.path(), "deep.html", &page);
    let result = run_within(&["script", s(&input)], Duration::from_secs(20));
    let line = assert_one_line_error(&result);
    assert!(line.contains("nest"), "{line}");
}

#[test]
fn sigterm_stops_a_read_from_a_fifo_without_writer() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("article.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = tmp.path().join("out");
    let child = spawn_readcast(&["render", "-o", s(&out), s(&fifo)]);
    std::thread::sleep(Duration::from_millis(800));
    signal(&child, "-TERM");
    let result = wait_within(child, Duration::from_secs(3), "a render waiting for a FIFO");
    assert_eq!(result.status.code(), Some(143), "{}", stderr(&result));
    assert!(stderr(&result).contains("SIGTERM"), "{}", stderr(&result));
    assert!(files_under(&out).is_empty(), "{:?}", files_under(&out));
}

#[test]
fn ctrl_c_stops_a_read_from_an_idle_pipe() {
    let mut child = readcast()
        .args(["script", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Standard input stays open and silent: the writer is this test, which writes nothing.
    let stdin = child.stdin.take();
    std::thread::sleep(Duration::from_millis(800));
    signal(&child, "-INT");
    let result = wait_within(child, Duration::from_secs(3), "a read of an idle pipe");
    drop(stdin);
    assert_eq!(result.status.code(), Some(130), "{}", stderr(&result));
}

#[test]
fn an_engine_child_that_hangs_is_killed_with_the_engine() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = format!("sleep 31.{}", std::process::id());
    // The engine's own child hangs: killing only the engine would leave the sleep running.
    let path = fault_engine(tmp.path(), &format!("{marker}\nexit 0"));
    let input = article(tmp.path(), "a.txt", "One sentence only.\n");
    let out = tmp.path().join("out");
    let child = render_with_engine(
        &path,
        &["render", "-q", "--no-cache", "--retries", "0", "--segment-timeout", "1", "-o", s(&out), s(&input)],
    );
    let result = wait_within(child, Duration::from_secs(20), "a render with a hanging engine");
    assert!(assert_one_line_error(&result).contains("took longer than 1 s"));
    std::thread::sleep(Duration::from_millis(200));
    assert!(!running(&marker), "the engine's child outlived the time limit");
}

#[test]
fn an_engine_background_child_does_not_hold_the_segment() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = format!("sleep 32.{}", std::process::id());
    // The engine leaves a child behind holding its stdout and stderr, then speaks normally.
    let path = fault_engine(tmp.path(), &format!("{marker} &"));
    let input = article(tmp.path(), "a.txt", "One sentence only.\n\nAnd a second one.\n");
    let out = tmp.path().join("out");
    let child =
        render_with_engine(&path, &["render", "-q", "--no-cache", "--segment-timeout", "10", "-o", s(&out), s(&input)]);
    let result = wait_within(child, Duration::from_secs(25), "a render whose engine leaves a child");
    assert_ok(&result);
    assert!(!running(&marker), "the engine's background child outlived the render");
}

#[test]
fn special_files_are_refused_not_read_forever() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path(), "a.txt", "One sentence only.\n");
    let out = tmp.path().join("out");
    let limit = Duration::from_secs(20);
    for flags in [["--cover", "/dev/zero"], ["--lexicon", "/dev/zero"], ["--config", "/dev/zero"]] {
        let mut args = vec!["render", "-q", "-o", s(&out)];
        args.extend(flags);
        args.push(s(&input));
        let line = assert_one_line_error(&run_within(&args, limit));
        assert!(line.contains("/dev/zero"), "{line}");
    }
    let lexicon = assert_one_line_error(&run_within(&["script", "--lexicon", "/dev/zero", s(&input)], limit));
    assert!(lexicon.contains("lexicon /dev/zero"), "names the lexicon: {lexicon}");
    let config = article(tmp.path(), "readcast.toml", "[show]\nimage = \"/dev/zero\"\n");
    let line =
        assert_one_line_error(&run_within(&["render", "-q", "--config", s(&config), "-o", s(&out), s(&input)], limit));
    assert!(line.contains("/dev/zero"), "{line}");
    let line = assert_one_line_error(&run_within(&["script", "/dev/zero"], limit));
    assert!(line.contains("/dev/zero"), "{line}");
    assert!(!out.exists(), "bad input leaves no output folder");
}

#[test]
fn leftovers_of_dead_renders_are_removed_by_the_next_render_and_by_cache_prune() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let input = article(tmp.path(), "a.txt", "One sentence only.\n");
    // What a SIGKILL leaves: a spool in the episode folder, a staging folder beside it.
    std::fs::create_dir_all(out.join("weekly-update")).unwrap();
    std::fs::write(out.join("weekly-update/.episode.Ab12Cd.f32.tmp"), vec![0u8; 4096]).unwrap();
    let staging = out.join(".weekly-update.render-4194000");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join(".episode.Xy34Zw.f32.tmp"), vec![0u8; 4096]).unwrap();
    let cache = tmp.path().join("cache");
    let result = run_within(
        &["render", "-q", "--title", "Weekly Update", "--cache-dir", s(&cache), "-o", s(&out), s(&input)],
        Duration::from_secs(60),
    );
    assert_ok(&result);
    let left: Vec<String> =
        files_under(&out).into_iter().filter(|f| f.contains(".tmp") || f.starts_with('.')).collect();
    assert!(left.is_empty(), "leftovers stayed: {left:?}");
    assert!(out.join("weekly-update/episode.json").is_file());

    let shard = std::fs::read_dir(&cache).unwrap().flatten().find(|e| e.path().is_dir()).unwrap().path();
    let stale = shard.join(".entry.Qw12Er.tmp");
    let file = std::fs::File::create(&stale).unwrap();
    file.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600)).unwrap();
    let fresh = shard.join(".entry.Fresh1.tmp");
    std::fs::write(&fresh, b"being written").unwrap();
    assert_ok(&run(&["cache", "--cache-dir", s(&cache), "prune", "--max-size", "1G"]));
    assert!(!stale.exists(), "a dead render's cache entry stayed");
    assert!(fresh.exists(), "an entry being written now is not touched");
}

#[test]
fn renders_of_one_folder_take_turns_and_swap_the_folder_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let input = article(tmp.path(), "a.txt", "One sentence only.\n\nAnd a second one.\n");
    let path = fault_engine(tmp.path(), "sleep 1");
    let start = || render_with_engine(&path, &["render", "--no-cache", "--jobs", "1", "-o", s(&out), s(&input)]);
    let first = start();
    std::thread::sleep(Duration::from_millis(700));
    let second = start();
    let first = wait_within(first, Duration::from_secs(30), "the first render");
    let second = wait_within(second, Duration::from_secs(30), "the second render");
    assert_ok(&first);
    assert_ok(&second);
    assert!(stderr(&second).contains("waiting for another render"), "{}", stderr(&second));
    let folders: Vec<String> = files_under(&out);
    assert!(folders.iter().all(|f| f.starts_with("a/")), "one folder, no leftovers: {folders:?}");
    let manifest = read_json(&out.join("a/episode.json"));
    let wav = read_wav(&out.join("a/episode.wav"));
    let seconds = wav.samples.len() as f64 / f64::from(wav.rate);
    assert!((manifest["duration_s"].as_f64().unwrap() - seconds).abs() < 0.05, "the WAV is the manifest's");
}

#[test]
fn xml_forbidden_characters_do_not_break_the_feed() {
    let work = show_folder();
    let input = article(work.path(), "a.txt", "The ferry was late again.\n");
    let title = "Harbour\u{FFFE} News\u{FFFF}\u{1}";
    assert_ok(&run_in(work.path(), &["render", "-q", "--format", "mp3", "--title", title, "--publish", s(&input)]));
    let feed = std::fs::read_to_string(work.path().join("output/feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is well-formed");
    let titles: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
    assert!(titles.contains(&"Harbour News"), "{titles:?}");
    let page = std::fs::read_to_string(work.path().join("output/index.html")).unwrap();
    assert!(!page.contains('\u{FFFE}') && !page.contains('\u{1}'));
}

#[test]
fn bad_input_leaves_no_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let result =
        run_within(&["render", "-q", "-o", s(&out), s(&tmp.path().join("missing.txt"))], Duration::from_secs(20));
    assert_one_line_error(&result);
    assert!(!out.exists(), "an empty output folder was made");
    let mut stdin_closed = readcast()
        .args(["render", "-o", s(&out), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    stdin_closed.stdin.take().unwrap().write_all(b"").unwrap();
    let _ = stdin_closed.wait();
    assert!(!out.exists(), "an empty output folder was made for empty input");
}

#[test]
fn an_empty_or_emoji_only_title_falls_back_to_the_headline() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path(), "a.txt", "Harbour Lights Return\n\nThe lights are back on the pier tonight.\n");
    for title in ["", "\u{1F600}\u{1F600}"] {
        let result = run_within(&["script", "--title", title, s(&input)], Duration::from_secs(20));
        assert_ok(&result);
        let first = stdout(&result).lines().next().unwrap_or_default().to_string();
        assert_eq!(first, "# Harbour Lights Return", "title {title:?}");
    }
}

/// A WAV file's bytes: `frames` of silence, 16-bit mono, its header claiming `rate`.
fn silent_wav(rate: u32, frames: u32) -> Vec<u8> {
    let mut cursor = std::io::Cursor::new(Vec::new());
    let spec =
        hound::WavSpec { channels: 1, sample_rate: rate, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut writer = hound::WavWriter::new(&mut cursor, spec).unwrap();
    for _ in 0..frames {
        writer.write_sample(0i16).unwrap();
    }
    writer.finalize().unwrap();
    cursor.into_inner()
}

#[test]
fn an_engine_clip_too_long_or_too_large_is_a_segment_error() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path(), "a.txt", "One sentence only.\n");
    // A tiny file whose header claims 1 Hz: 20,000 samples are 5.5 hours at 44.1 kHz.
    let one_hertz = article(tmp.path(), "one-hertz.wav", "");
    std::fs::write(&one_hertz, silent_wav(1, 20_000)).unwrap();
    // A 200 MB file (sparse: no disk is spent) with an honest 22,050 Hz header: over the 116 MB
    // five minutes of 48 kHz stereo floats take.
    let huge = tmp.path().join("huge.wav");
    std::fs::write(&huge, silent_wav(22_050, 1000)).unwrap();
    std::fs::File::options().write(true).open(&huge).unwrap().set_len(200 * 1024 * 1024).unwrap();
    for (wav, expect) in [(&one_hertz, "at 1 Hz"), (&huge, "larger than")] {
        let fault = format!(
            "out=; prev=; for a in \"$@\"; do [ \"$prev\" = -w ] && out=$a; prev=$a; done\ncp {} \"$out\"; exit 0",
            wav.display()
        );
        let path = fault_engine(tmp.path(), &fault);
        let child = render_with_engine(
            &path,
            &["render", "-q", "--no-cache", "--retries", "0", "-o", s(&tmp.path().join("out")), s(&input)],
        );
        let result = wait_within(child, Duration::from_secs(30), "a render with a runaway clip");
        let line = assert_one_line_error(&result);
        assert!(line.contains(expect), "{line}");
    }
}

#[test]
fn sigterm_stops_the_cleaning_of_a_huge_input() {
    let tmp = tempfile::tempdir().unwrap();
    let paragraph = "The council met on Tuesday to talk about the harbour wall and the new lights. ".repeat(40);
    let text = format!("{paragraph}\n\n").repeat(30 * 1024 * 1024 / (paragraph.len() + 2));
    let input = article(tmp.path(), "huge.txt", &text);
    let child = readcast()
        .args(["script", s(&input)])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    signal(&child, "-TERM");
    let result = wait_within(child, Duration::from_secs(3), "the script of a 30 MB input");
    assert_eq!(result.status.code(), Some(143), "{}", stderr(&result));
}

#[test]
fn an_engine_child_that_leaves_the_group_does_not_hold_the_segment_past_its_deadline() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = format!("sleep 33.{}", std::process::id());
    // `setsid` takes the child out of the engine's process group, so killing the group misses
    // it; it keeps the engine's stdout and stderr open for 33 s.
    let path = fault_engine(tmp.path(), &format!("setsid {marker} &"));
    let input = article(tmp.path(), "a.txt", "One sentence only.\n");
    let out = tmp.path().join("out");
    let child =
        render_with_engine(&path, &["render", "-q", "--no-cache", "--segment-timeout", "5", "-o", s(&out), s(&input)]);
    let result = wait_within(child, Duration::from_secs(25), "a render whose engine's child left its group");
    // An escaped child would be this test's to end, by its own pid.
    let escaped = end_leftovers(&marker);
    assert_ok(&result);
    assert!(!escaped, "the engine's child outside its group outlived the render");
}

#[test]
fn an_unknown_voice_or_backend_is_a_bad_argument() {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path(), "a.txt", "One sentence only.\n");
    let out = tmp.path().join("out");
    for flags in [["--voice", "no-such-voice-xyz"], ["--backend", "no-such-engine"]] {
        let mut args = vec!["render", "-q", "-o", s(&out)];
        args.extend(flags);
        args.push(s(&input));
        let result = run_within(&args, Duration::from_secs(20));
        assert_one_line_error(&result);
        assert_eq!(result.status.code(), Some(2), "{flags:?}: {}", stderr(&result));
    }
    assert!(!out.exists());
}

/// `readcast render ARGS -` with `text` on standard input.
fn render_stdin(args: &[&str], text: &str) -> Output {
    let mut child = readcast()
        .args(["render"])
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn readcast");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(text.as_bytes()).expect("write the article");
    drop(stdin);
    wait_within(child, Duration::from_secs(60), "a render of standard input")
}

#[test]
fn two_articles_on_standard_input_with_one_title_get_two_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let args = ["--title", "Weekly Update", "-o", s(&out)];
    let (boats, ferry) = ("The boats came in early today.\n", "The ferry was late again.\n");
    assert_ok(&render_stdin(&args, boats));
    let first = read_json(&out.join("weekly-update/episode.json"));
    let result = render_stdin(&args, ferry);
    assert_ok(&result);
    assert!(stderr(&result).contains("weekly-update-2"), "says where the episode went: {}", stderr(&result));
    assert_eq!(read_json(&out.join("weekly-update/episode.json")), first, "the first article's episode is untouched");
    let second = read_json(&out.join("weekly-update-2/episode.json"));
    assert_ne!(second["guid"], first["guid"]);
    // The same text again is the same article: it re-renders in place, keeping its guid.
    for (text, folder, guid) in [(ferry, "weekly-update-2", &second["guid"]), (boats, "weekly-update", &first["guid"])]
    {
        let again = render_stdin(&args, text);
        assert_ok(&again);
        assert!(!stderr(&again).contains("weekly-update-3"), "{}", stderr(&again));
        assert_eq!(&read_json(&out.join(folder).join("episode.json"))["guid"], guid);
    }
    assert!(!out.join("weekly-update-3").exists());
}

/// A `--backend command` engine that starts `setsid sleep MARKER` (its own session, so outside
/// the engine's process group) and then hangs; returns the `--command` template.
fn setsid_engine(dir: &Path, marker: &str) -> String {
    let path = dir.join("engine.sh");
    std::fs::write(&path, format!("#!/bin/sh\nsetsid {marker} &\nsleep 300\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("{} {{wav}}", path.display())
}

/// End the processes running `marker` (this test's own, by pid); true if there were any.
fn end_leftovers(marker: &str) -> bool {
    let pids = Command::new("pgrep").args(["-f", marker]).output().unwrap().stdout;
    let pids: Vec<String> = String::from_utf8_lossy(&pids).split_whitespace().map(str::to_string).collect();
    for pid in &pids {
        let _ = Command::new("kill").args(["-KILL", pid]).status();
    }
    !pids.is_empty()
}

#[test]
fn an_engine_child_in_its_own_session_is_killed_at_the_time_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = format!("sleep 1000.{}1", std::process::id());
    let template = setsid_engine(tmp.path(), &marker);
    let input = article(tmp.path(), "a.txt", "One sentence only.\n");
    let out = tmp.path().join("out");
    let child = render_by_command(&template, &["--retries", "0", "--segment-timeout", "1"], &out, &input);
    let result = wait_within(child, Duration::from_secs(20), "a render whose engine hangs");
    assert!(assert_one_line_error(&result).contains("took longer than 1 s"));
    std::thread::sleep(Duration::from_millis(200));
    assert!(!end_leftovers(&marker), "the engine's child in its own session outlived the time limit");
}

#[test]
fn an_engine_child_in_its_own_session_is_killed_on_sigterm() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = format!("sleep 1000.{}2", std::process::id());
    let template = setsid_engine(tmp.path(), &marker);
    let input = article(tmp.path(), "a.txt", "One sentence only.\n");
    let out = tmp.path().join("out");
    let child = render_by_command(&template, &["--segment-timeout", "60"], &out, &input);
    let started = Instant::now();
    while !running(&marker) {
        assert!(started.elapsed() < Duration::from_secs(20), "the engine never started its child");
        std::thread::sleep(Duration::from_millis(50));
    }
    signal(&child, "-TERM");
    let result = wait_within(child, Duration::from_secs(5), "a render stopped by SIGTERM");
    assert_eq!(result.status.code(), Some(143), "{}", stderr(&result));
    std::thread::sleep(Duration::from_millis(200));
    assert!(!end_leftovers(&marker), "the engine's child in its own session outlived SIGTERM");
}

/// Write a WAV of `seconds` of a 480 Hz tone: float 32-bit (format 3) or 16-bit integer, at
/// `rate` with `channels`; written a second at a time.
fn tone_wav(path: &Path, seconds: u32, rate: u32, channels: u16, float: bool) {
    let width: u16 = if float { 4 } else { 2 };
    let data_len = seconds * rate * u32::from(channels) * u32::from(width);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    out.write_all(b"RIFF").unwrap();
    out.write_all(&(36 + data_len).to_le_bytes()).unwrap();
    out.write_all(b"WAVEfmt ").unwrap();
    for field in [16u32.to_le_bytes().to_vec(), (if float { 3u16 } else { 1 }).to_le_bytes().to_vec()] {
        out.write_all(&field).unwrap();
    }
    out.write_all(&channels.to_le_bytes()).unwrap();
    out.write_all(&rate.to_le_bytes()).unwrap();
    out.write_all(&(rate * u32::from(channels * width)).to_le_bytes()).unwrap();
    out.write_all(&(channels * width).to_le_bytes()).unwrap();
    out.write_all(&(width * 8).to_le_bytes()).unwrap();
    out.write_all(b"data").unwrap();
    out.write_all(&data_len.to_le_bytes()).unwrap();
    let mut second = Vec::new();
    for i in 0..rate {
        let v = 0.5 * (2.0 * std::f32::consts::PI * 480.0 * i as f32 / rate as f32).sin();
        for _ in 0..channels {
            if float {
                second.extend_from_slice(&v.to_le_bytes());
            } else {
                second.extend_from_slice(&((v * 32_767.0) as i16).to_le_bytes());
            }
        }
    }
    for _ in 0..seconds {
        out.write_all(&second).unwrap();
    }
    out.flush().unwrap();
}

/// The peak resident memory (kB, from /usr/bin/time) of a render whose engine hands over `wav`.
fn peak_kb_of_render_with_clip(dir: &Path, wav: &Path) -> u64 {
    let engine = dir.join("copy-engine.sh");
    std::fs::write(&engine, format!("#!/bin/sh\ncp '{}' \"$1\"\n", wav.display())).unwrap();
    std::fs::set_permissions(&engine, std::fs::Permissions::from_mode(0o755)).unwrap();
    let input = article(dir, "a.txt", "One sentence only.\n");
    let (report, out, cache) = (dir.join("peak.txt"), dir.join("out"), dir.join("cache"));
    let _ = std::fs::remove_dir_all(&cache);
    let template = format!("{} {{wav}}", engine.display());
    let child = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o", s(&report), env!("CARGO_BIN_EXE_readcast")])
        .args(["render", "-q", "--format", "wav", "--backend", "command", "--command", &template])
        .args(["--cache-dir", s(&cache), "-o", s(&out), s(&input)])
        .env("READCAST_DATA_DIR", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("/usr/bin/time (scripts/install-deps.sh test)");
    assert_ok(&wait_within(child, Duration::from_secs(300), "a render of a long clip"));
    std::fs::read_to_string(&report).unwrap().trim().parse().expect("peak kB")
}

#[test]
fn a_long_engine_clip_is_converted_streaming_not_held_whole() {
    let tmp = tempfile::tempdir().unwrap();
    // Three minutes at 48 kHz, stereo, 32-bit float: a 69 MB file, within the clip bounds.
    let big = tmp.path().join("big.wav");
    tone_wav(&big, 180, 48_000, 2, true);
    let big_bytes = std::fs::metadata(&big).unwrap().len() / 1024;
    // The same three minutes as the episode holds them (44.1 kHz mono 16-bit): 16 MB.
    let small = tmp.path().join("small.wav");
    tone_wav(&small, 180, 44_100, 1, false);
    let big_peak = peak_kb_of_render_with_clip(tmp.path(), &big);
    let small_peak = peak_kb_of_render_with_clip(tmp.path(), &small);
    // Read whole, the big file would cost its size (and its samples and conversions) on top;
    // streamed, it costs what the same audio in episode format costs, within a few MB.
    assert!(
        big_peak < small_peak + 8 * 1024,
        "a {big_bytes} kB clip took {big_peak} kB at peak; the same audio as a 44.1 kHz mono file {small_peak} kB"
    );
    // Each segment (the title and the sentence) got its three minutes.
    let manifest = read_json(&tmp.path().join("out/a/episode.json"));
    let segments = manifest["segments"].as_array().unwrap().len() as f64;
    let seconds = manifest["duration_s"].as_f64().unwrap();
    assert!((seconds - 180.0 * segments).abs() < 2.0 * segments, "{seconds} s for {segments} segments");
}

/// An engine that starts a child in its own session and never waits for it: the child ends
/// first, and once the engine is gone it is readcast's zombie. readcast reaps such orphans when
/// the next engine run ends, so a long render (or a worker) does not collect them.
#[test]
fn orphans_an_engine_never_waited_for_are_reaped_during_the_render() {
    let tmp = tempfile::tempdir().unwrap();
    // perl (in every Debian: perl-base) waits without reaping, then becomes espeak-ng.
    let engine = tmp.path().join("engine.sh");
    let marker = format!("sleep 4.{}3", std::process::id());
    std::fs::write(
        &engine,
        format!(
            "#!/bin/sh\ngrep -q Last \"$2\" && {marker}\nsetsid sh -c 'sleep 0.1' &\n\
             exec perl -e 'select(undef, undef, undef, 0.5); exec \"espeak-ng\", \"-w\", $ARGV[0], \"-f\", $ARGV[1]' \"$1\" \"$2\"\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&engine, std::fs::Permissions::from_mode(0o755)).unwrap();
    let input = article(
        tmp.path(),
        "a.txt",
        "Ferry notes\n\nThe first boat left early. The second boat was late. The third boat waited.\n\nLast words.\n",
    );
    let out = tmp.path().join("out");
    let template = format!("{} {{wav}} {{text_file}}", engine.display());
    let child = render_by_command(&template, &["--jobs", "1"], &out, &input);
    let pid = child.id().to_string();
    // While the last segment's engine sleeps, every earlier run has ended.
    let started = Instant::now();
    let mut zombies = None;
    while started.elapsed() < Duration::from_secs(20) {
        if running(&marker) {
            std::thread::sleep(Duration::from_millis(300));
            let ps = Command::new("ps").args(["-o", "stat=", "--ppid", &pid]).output().unwrap();
            zombies = Some(String::from_utf8_lossy(&ps.stdout).lines().filter(|l| l.starts_with('Z')).count());
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let result = wait_within(child, Duration::from_secs(30), "a render whose engine leaves orphans");
    assert_ok(&result);
    assert_eq!(zombies, Some(0), "readcast's children while the last segment is spoken");
}
