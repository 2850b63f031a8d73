//! Issue 4: an episode ready for podcast apps. Renders a short article with the real espeak-ng
//! and checks every output with independent tools: ffprobe reads the MP3's duration, tags,
//! chapters and cover; ffmpeg's ebur128 filter measures loudness and true peak; ffprobe parses
//! the captions; serde_json the JSON files.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/harbour-episode.txt");
/// One MPEG-1 Layer III frame at 44.1 kHz.
const FRAME_S: f64 = 1152.0 / 44_100.0;

fn readcast(args: &[&str]) -> std::process::Output {
    common::readcast().args(args).output().expect("run readcast")
}

fn tool(program: &str, args: &[&str]) -> std::process::Output {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("run {program}: {e}"));
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn ffprobe_json(path: &Path, what: &[&str]) -> Value {
    let mut args = vec!["-v", "error", "-of", "json"];
    args.extend_from_slice(what);
    let p = path.to_str().unwrap();
    args.push(p);
    serde_json::from_slice(&tool("ffprobe", &args).stdout).unwrap()
}

/// Integrated loudness (LUFS) and true peak (dBTP) by ffmpeg's ebur128 filter.
fn ebur128(path: &Path) -> (f64, f64) {
    let out = tool(
        "ffmpeg",
        &["-hide_banner", "-nostats", "-i", path.to_str().unwrap(), "-af", "ebur128=peak=true", "-f", "null", "-"],
    );
    let text = String::from_utf8_lossy(&out.stderr);
    let summary = &text[text.rfind("Summary:").expect("ebur128 summary")..];
    let value = |label: &str| -> f64 {
        let at = summary.find(label).unwrap_or_else(|| panic!("{label} in {summary}"));
        summary[at + label.len()..].split_whitespace().next().unwrap().parse().unwrap()
    };
    (value("I:"), value("Peak:"))
}

/// The MP3 decoded by ffmpeg to 16-bit mono samples.
fn decode(path: &Path) -> Vec<i16> {
    let out = tool("ffmpeg", &["-v", "warning", "-i", path.to_str().unwrap(), "-f", "s16le", "-ac", "1", "-"]);
    // A broken join shows as decoder warnings (bad back-step, invalid frame, lost sync).
    assert!(out.stderr.is_empty(), "decoder warnings: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect()
}

fn render(out: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["render", "-q", "--jobs", "2", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push(FIXTURE);
    let result = readcast(&args);
    assert!(result.status.success(), "render failed: {}", String::from_utf8_lossy(&result.stderr));
    out.join("the-harbour-wall-gets-a-second-life")
}

fn seconds(stamp: &str) -> f64 {
    let stamp = stamp.replace(',', ".");
    let parts: Vec<f64> = stamp.split(':').map(|p| p.parse().unwrap()).collect();
    parts[0] * 3600.0 + parts[1] * 60.0 + parts[2]
}

/// Cues of a WebVTT or SubRip file as (start, end, text), parsed by hand to check the syntax.
fn parse_cues(text: &str, vtt: bool) -> Vec<(f64, f64, String)> {
    let body = if vtt { text.strip_prefix("WEBVTT\n\n").expect("WEBVTT header") } else { text };
    body.split("\n\n")
        .filter(|block| !block.trim().is_empty())
        .map(|block| {
            let lines: Vec<&str> = block.lines().collect();
            assert!(lines[0].parse::<usize>().is_ok(), "cue number in {block:?}");
            let (a, b) = lines[1].split_once(" --> ").expect("timing line");
            let sep = if vtt { '.' } else { ',' };
            assert!(a.len() == 12 && a.as_bytes()[8] == sep as u8, "timestamp {a}");
            assert!(lines.len() >= 3 && lines.len() <= 4, "one or two text lines in {block:?}");
            (seconds(a), seconds(b), lines[2..].join(" "))
        })
        .collect()
}

#[test]
fn issue_4_episode_is_ready_for_podcast_apps() {
    let tmp = tempfile::tempdir().unwrap();
    let cover = tmp.path().join("cover.png");
    tool(
        "ffmpeg",
        &["-v", "error", "-f", "lavfi", "-i", "color=c=teal:s=64x64", "-frames:v", "1", cover.to_str().unwrap()],
    );
    let dir = render(
        &tmp.path().join("out"),
        &["--cover", cover.to_str().unwrap(), "--show-title", "Cove Weekly", "--show-author", "Cove Radio"],
    );
    let mp3 = dir.join("episode.mp3");
    let wav = dir.join("episode.wav");
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("episode.json")).unwrap()).unwrap();
    let duration = manifest["duration_s"].as_f64().unwrap();

    // Nothing temporary is left behind.
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "chapters.json",
            "episode.json",
            "episode.mp3",
            "episode.srt",
            "episode.vtt",
            "episode.wav",
            "transcript.json"
        ]
    );

    // Duration: ffprobe reads the MP3's info frame. It reports whole frames from the start of
    // the decoder's output, of which the first `start_time` seconds (encoder and decoder
    // delay) are skipped in playback; what plays must be within one frame of the WAV.
    let probe = ffprobe_json(&mp3, &["-show_format", "-show_streams", "-show_chapters"]);
    let number = |v: &Value| -> f64 { v.as_str().unwrap().parse().unwrap() };
    let frames_count: u64 = (number(&probe["format"]["duration"]) / FRAME_S).round() as u64;
    let packets =
        ffprobe_json(&mp3, &["-count_packets", "-show_entries", "stream=nb_read_packets", "-select_streams", "a"]);
    let counted: u64 = packets["streams"][0]["nb_read_packets"].as_str().unwrap().parse().unwrap();
    assert_eq!(frames_count, counted, "the info frame's frame count differs from the frames in the file");
    let mp3_duration = number(&probe["format"]["duration"]) - number(&probe["format"]["start_time"]);
    let wav_probe = ffprobe_json(&wav, &["-show_format"]);
    let wav_duration: f64 = wav_probe["format"]["duration"].as_str().unwrap().parse().unwrap();
    assert!((wav_duration - duration).abs() < 0.001, "wav {wav_duration} manifest {duration}");
    // ffprobe counts the encoder's end padding as playable. LAME pads the last frame with 576 to
    // 1727 samples and ffprobe's start time only removes the 529-sample decoder delay, so what
    // it reports may exceed the WAV by up to 1198 samples: a little over one frame (a run
    // measured 1196). More than that would be a frame too many.
    const MAX_PADDING_S: f64 = (1727.0 - 529.0) / 44_100.0;
    assert!(
        (-FRAME_S..=MAX_PADDING_S).contains(&(mp3_duration - wav_duration)),
        "mp3 {mp3_duration} wav {wav_duration}"
    );
    let audio = &probe["streams"].as_array().unwrap().iter().find(|s| s["codec_type"] == "audio").unwrap().clone();
    assert_eq!(audio["codec_name"], "mp3");
    assert_eq!(audio["sample_rate"], "44100");
    assert_eq!(audio["channels"], 1);
    assert_eq!(audio["bit_rate"], "96000");
    // Decoded, the MP3 is exactly as long as the WAV (the info frame's delay and padding).
    let decoded = decode(&mp3);
    let wav_samples: Vec<i16> = hound::WavReader::open(&wav).unwrap().into_samples().map(|s| s.unwrap()).collect();
    assert!(
        (decoded.len() as i64 - wav_samples.len() as i64).abs() <= 1152,
        "{} vs {}",
        decoded.len(),
        wav_samples.len()
    );

    // Tags.
    let tags = &probe["format"]["tags"];
    assert_eq!(tags["title"], "The Harbour Wall Gets a Second Life");
    assert_eq!(tags["artist"], "Cove Radio");
    assert_eq!(tags["album"], "Cove Weekly");
    assert_eq!(tags["genre"], "Podcast");
    assert!(tags["date"].as_str().unwrap().len() >= 4);
    assert!(tags["comment"].as_str().unwrap().starts_with("The old harbour wall at Kettle Cove"));
    let picture =
        probe["streams"].as_array().unwrap().iter().find(|s| s["codec_type"] == "video").expect("cover art stream");
    assert_eq!(picture["codec_name"], "png");
    assert_eq!(picture["disposition"]["attached_pic"], 1);

    // Chapters: one per title or heading segment, starting where the manifest says.
    let sections: Vec<&Value> = manifest["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "title" || s["kind"] == "heading")
        .collect();
    let chapters = probe["chapters"].as_array().unwrap();
    assert_eq!(chapters.len(), sections.len());
    for (i, (chapter, section)) in chapters.iter().zip(&sections).enumerate() {
        assert_eq!(chapter["tags"]["title"], section["text"]);
        let start: f64 = chapter["start_time"].as_str().unwrap().parse().unwrap();
        let expected = if i == 0 { 0.0 } else { section["start_s"].as_f64().unwrap() };
        assert!((start - expected).abs() < 0.002, "chapter {i} starts at {start}, expected {expected}");
    }
    let last_end: f64 = chapters.last().unwrap()["end_time"].as_str().unwrap().parse().unwrap();
    assert!((last_end - duration).abs() < 0.002);

    // Loudness and true peak by ffmpeg, on both files.
    for file in [&wav, &mp3] {
        let (lufs, peak) = ebur128(file);
        assert!((lufs + 16.0).abs() <= 1.0, "{}: {lufs} LUFS", file.display());
        assert!(peak <= -1.0, "{}: true peak {peak} dBTP", file.display());
    }
    let mastering = &manifest["mastering"];
    assert_eq!(mastering["target_lufs"], -16.0);
    let before = mastering["before_lufs"].as_f64().unwrap();
    let after = mastering["after_lufs"].as_f64().unwrap();
    let gain = mastering["gain_db"].as_f64().unwrap();
    assert!(gain > 0.0 && (after - before) > 1.0, "{mastering}");
    assert!((after + 16.0).abs() < 0.5, "{mastering}");

    // The manifest's times hold in the MP3 too (parts joined without drift): each segment's
    // speech starts where the WAV's does, to the sample, and every pause is silent (no click
    // at a join).
    let segments = manifest["segments"].as_array().unwrap();
    let at = |s: &Value, key: &str| (s[key].as_f64().unwrap() * 44_100.0).round() as usize;
    for seg in segments.iter().skip(1) {
        let start = at(seg, "start_s");
        let window = &wav_samples[start..start + 4410];
        // Normalized correlation: speech repeats every pitch period, so raw energy would favour
        // a lag into the louder part of the word.
        let correlation = |lag: i64| -> f64 {
            let from = (start as i64 + lag) as usize;
            let other = &decoded[from..from + 4410];
            let dot: f64 = window.iter().zip(other).map(|(&a, &b)| a as f64 * b as f64).sum();
            let energy: f64 = other.iter().map(|&b| b as f64 * b as f64).sum();
            dot / energy.sqrt().max(1.0)
        };
        let best_lag = (-441i64..=441).max_by(|&a, &b| correlation(a).total_cmp(&correlation(b))).unwrap();
        assert!(best_lag.abs() <= 2, "segment at {start} is offset by {best_lag} samples in the MP3");
    }
    for pair in segments.windows(2) {
        let (quiet_from, quiet_to) = (at(&pair[0], "end_s") + 882, at(&pair[1], "start_s").saturating_sub(882));
        if quiet_to > quiet_from {
            let loudest = decoded[quiet_from..quiet_to].iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
            assert!(loudest < 330, "a pause at {quiet_from} reaches {loudest} (-40 dBFS is 328)");
        }
    }

    // Captions: parsed by hand and by ffprobe, in order, inside the episode.
    for (name, vtt) in [("episode.vtt", true), ("episode.srt", false)] {
        let path = dir.join(name);
        let cues = parse_cues(&std::fs::read_to_string(&path).unwrap(), vtt);
        assert!(cues.len() >= segments.len());
        for pair in cues.windows(2) {
            assert!(pair[0].0 < pair[0].1 && pair[0].1 <= pair[1].0 + 0.0005, "{pair:?}");
        }
        assert!(cues.iter().all(|c| c.0 >= 0.0 && c.1 <= duration + 0.0005 && c.1 - c.0 <= 7.0 + 0.002));
        let packets = ffprobe_json(&path, &["-show_packets"]);
        let packets = packets["packets"].as_array().unwrap();
        assert_eq!(packets.len(), cues.len(), "{name}: ffprobe sees another number of cues");
        let first: f64 = packets[0]["pts_time"].as_str().unwrap().parse().unwrap();
        assert!((first - cues[0].0).abs() < 0.002);
    }
    let vtt = std::fs::read_to_string(dir.join("episode.vtt")).unwrap();
    assert!(vtt.contains("volunteers &amp;") && !vtt.contains(" & "), "the ampersand is escaped in WebVTT");
    // The long sentence about numbering the blocks is split at a clause boundary.
    assert!(
        vtt.contains("so that each one could return to the place it\nhad held") || vtt.contains("\nso that each one"),
        "{vtt}"
    );

    // JSON transcript and chapters in the Podcasting 2.0 formats.
    let transcript: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("transcript.json")).unwrap()).unwrap();
    assert_eq!(transcript["version"], "1.0.0");
    let entries = transcript["segments"].as_array().unwrap();
    assert_eq!(entries.len(), segments.len());
    assert_eq!(entries[1]["body"], segments[1]["text"]);
    assert!(entries.windows(2).all(|w| w[0]["startTime"].as_f64() <= w[1]["startTime"].as_f64()));
    let chapters_json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("chapters.json")).unwrap()).unwrap();
    assert_eq!(chapters_json["version"], "1.2.0");
    assert_eq!(chapters_json["chapters"].as_array().unwrap().len(), sections.len());
    assert_eq!(chapters_json["chapters"][0]["startTime"], 0.0);
}

#[test]
fn issue_4_mp3_only_and_options() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = render(
        &tmp.path().join("out"),
        &["--format", "mp3", "--bitrate", "64", "--loudness", "-19", "--true-peak", "-2"],
    );
    assert!(!dir.join("episode.wav").exists());
    let mp3 = dir.join("episode.mp3");
    let probe = ffprobe_json(&mp3, &["-show_streams"]);
    assert_eq!(probe["streams"][0]["bit_rate"], "64000");
    let (lufs, peak) = ebur128(&mp3);
    assert!((lufs + 19.0).abs() <= 1.0, "{lufs}");
    assert!(peak <= -2.0, "{peak}");
    assert!(std::fs::read_dir(&dir).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
}

#[test]
fn issue_4_bad_options_fail_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    for (args, needle) in [
        (vec!["--bitrate", "100"], "--bitrate 100"),
        (vec!["--format", "ogg"], "ogg"),
        (vec!["--loudness", "3"], "--loudness"),
        (vec!["--cover", "/nonexistent/cover.png"], "cover"),
    ] {
        let mut full = vec!["render", "-q", "-o", out.to_str().unwrap()];
        full.extend_from_slice(&args);
        full.push(FIXTURE);
        let result = readcast(&full);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(!result.status.success(), "{args:?} succeeded");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!out.join("the-harbour-wall-gets-a-second-life").exists(), "{args:?} left an episode");
    }
}
