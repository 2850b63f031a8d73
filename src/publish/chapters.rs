//! Chapters: one per section of the script (the title's, then one per heading), timed from the
//! manifest, and `chapters.json` in the Podcasting 2.0 JSON chapters format (version 1.2.0).

use serde::Serialize;

use super::{Manifest, SegmentKindName};

#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    pub title: String,
    pub start_s: f64,
    pub end_s: f64,
}

/// The chapters of an episode. The first starts at 0 and each ends where the next begins, the
/// last at the end of the episode, so together they cover it without a gap.
pub fn chapters(manifest: &Manifest) -> Vec<Chapter> {
    let mut out: Vec<Chapter> = Vec::new();
    for segment in &manifest.segments {
        if !matches!(segment.kind, SegmentKindName::Title | SegmentKindName::Heading) {
            continue;
        }
        let start_s = if out.is_empty() { 0.0 } else { segment.start_s };
        if let Some(previous) = out.last_mut() {
            previous.end_s = start_s;
        }
        out.push(Chapter { title: segment.text.clone(), start_s, end_s: manifest.duration_s });
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonChapters<'a> {
    version: &'static str,
    title: &'a str,
    author: &'a str,
    podcast_name: &'a str,
    chapters: Vec<JsonChapter<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonChapter<'a> {
    start_time: f64,
    end_time: f64,
    title: &'a str,
}

/// Milliseconds are as fine as any player seeks.
fn round_ms(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

/// `chapters.json` for `chapters` of the episode `title` by `author` in the show `show`.
pub fn chapters_json(chapters: &[Chapter], title: &str, author: &str, show: &str) -> String {
    let doc = JsonChapters {
        version: "1.2.0",
        title,
        author,
        podcast_name: show,
        chapters: chapters
            .iter()
            .map(|c| JsonChapter { start_time: round_ms(c.start_s), end_time: round_ms(c.end_s), title: &c.title })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A manifest as JSON, so the fixture does not depend on every field the struct has.
    pub(crate) fn manifest() -> Manifest {
        let seg = |kind: &str, text: &str, start_s: f64, end_s: f64| serde_json::json!({"id": "x", "kind": kind, "text": text, "spoken": text, "start_s": start_s, "end_s": end_s});
        serde_json::from_value(serde_json::json!({
            "title": "Title", "source": "a.txt", "backend": "espeak-ng", "backend_version": "1",
            "voice": "en-us", "rate_wpm": 175, "sample_rate": 44_100, "duration_s": 20.0,
            "synthesized": 4, "cached": 0,
            "segments": [
                seg("title", "Title", 0.02, 1.0),
                seg("sentence", "One.", 2.2, 4.0),
                seg("heading", "Second part", 5.0, 6.0),
                seg("sentence", "Two.", 7.2, 20.0),
            ],
        }))
        .unwrap()
    }

    #[test]
    fn chapters_cover_the_episode() {
        let got = chapters(&manifest());
        assert_eq!(
            got,
            vec![
                Chapter { title: "Title".into(), start_s: 0.0, end_s: 5.0 },
                Chapter { title: "Second part".into(), start_s: 5.0, end_s: 20.0 },
            ]
        );
        let json: serde_json::Value = serde_json::from_str(&chapters_json(&got, "Title", "A", "Show")).unwrap();
        assert_eq!(json["version"], "1.2.0");
        assert_eq!(json["chapters"][1]["startTime"], 5.0);
        assert_eq!(json["chapters"][1]["title"], "Second part");
        assert_eq!(json["podcastName"], "Show");
    }
}
