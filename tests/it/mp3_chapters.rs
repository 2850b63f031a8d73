//! Issue 4: chapters in the MP3's ID3v2.4 tag, read back by ffprobe. The text-only input of the
//! binary has no headings yet, so this drives the library: spool a tone, master and encode it,
//! tag it with three chapters, and let ffprobe list them.

use std::process::Command;

use readcast::audio::PcmSink;
use readcast::encode::pass::{self, PassSettings};
use readcast::encode::plan::plan_parts;
use readcast::master::Spool;
use readcast::publish::{Chapter, EpisodeTags, id3_bytes};
use readcast::time::SampleRate;

#[test]
fn issue_4_chapters_under_an_ordered_toc_are_read_by_ffprobe() {
    let dir = tempfile::tempdir().unwrap();
    let rate = SampleRate(44_100);
    let mut spool = Spool::create(dir.path(), rate).unwrap();
    let tone: Vec<f32> = (0..6 * 44_100).map(|i| 0.3 * (i as f32 * 0.05).sin()).collect();
    spool.write(&tone).unwrap();
    let spool = spool.finish().unwrap();
    let total = spool.frames().0;

    let chapters = vec![
        Chapter { title: "Opening".into(), start_s: 0.0, end_s: 2.0 },
        Chapter { title: "Middle".into(), start_s: 2.0, end_s: 4.5 },
        Chapter { title: "Close".into(), start_s: 4.5, end_s: 6.0 },
    ];
    let tag = id3_bytes(&EpisodeTags {
        title: "Tone",
        artist: "Tester",
        album: "Show",
        date: None,
        comment: None,
        cover: None,
        chapters: &chapters,
    })
    .unwrap();
    let parts = plan_parts(total, &[], 2);
    let settings = PassSettings { rate, gain_db: 0.0, ceiling_dbtp: -1.0, mp3_kbps: Some(96) };
    let output = pass::run(&spool, &parts, &settings, None, dir.path()).unwrap();
    let target = dir.path().join("tone.mp3");
    pass::join_mp3(&target, &tag, &parts, output.mp3_parts).unwrap().commit().unwrap();

    let out = Command::new("ffprobe")
        .args(["-v", "error", "-of", "json", "-show_chapters", "-show_format"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let probe: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, String, String)> = probe["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["tags"]["title"].as_str().unwrap().to_string(),
                c["start_time"].as_str().unwrap().to_string(),
                c["end_time"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Opening".into(), "0.000000".into(), "2.000000".into()),
            ("Middle".into(), "2.000000".into(), "4.500000".into()),
            ("Close".into(), "4.500000".into(), "6.000000".into()),
        ]
    );
    assert_eq!(probe["format"]["tags"]["artist"], "Tester");
    let duration: f64 = probe["format"]["duration"].as_str().unwrap().parse().unwrap();
    let start: f64 = probe["format"]["start_time"].as_str().unwrap().parse().unwrap();
    assert!((duration - start - 6.0).abs() < 1152.0 / 44_100.0, "{duration} - {start}");
    // The mastered tone keeps the level it had (no gain asked, under the ceiling).
    assert!(output.after.integrated_lufs < -10.0 && output.after.peak_db < -1.0, "{:?}", output.after);
}
