//! `transcript.json` in the Podcasting 2.0 JSON transcript format: one entry per spoken
//! segment with its written text and its time.

use serde::Serialize;

use super::Manifest;

#[derive(Serialize)]
struct Transcript<'a> {
    version: &'static str,
    segments: Entries<'a>,
}

/// The entries, made one at a time as they are serialized.
struct Entries<'a>(&'a Manifest);

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    speaker: String,
    start_time: f64,
    end_time: f64,
    body: &'a str,
}

impl Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ms = |s: f64| (s * 1000.0).round() / 1000.0;
        let manifest = self.0;
        serializer.collect_seq(manifest.segments.iter().map(|s| Entry {
            speaker: s.speaker(manifest),
            start_time: ms(s.start_s),
            end_time: ms(s.end_s),
            body: &s.text,
        }))
    }
}

/// Write the transcript of `manifest` to `out`, entry by entry.
pub fn write_transcript_json(manifest: &Manifest, out: impl std::io::Write) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(out, &Transcript { version: "1.0.0", segments: Entries(manifest) })
}

pub fn transcript_json(manifest: &Manifest) -> String {
    let mut out = Vec::new();
    match write_transcript_json(manifest, &mut out) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(_) => "{}".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_follow_the_manifest() {
        let manifest = crate::publish::chapters::tests::manifest();
        let json: serde_json::Value = serde_json::from_str(&transcript_json(&manifest)).unwrap();
        assert_eq!(json["version"], "1.0.0");
        let segments = json["segments"].as_array().unwrap();
        assert_eq!(segments.len(), 4);
        assert_eq!(segments[1]["body"], "One.");
        assert_eq!(segments[1]["startTime"], 2.2);
        assert_eq!(segments[1]["endTime"], 4.0);
        // A manifest written before roles were kept: the narrator, by engine and voice.
        assert_eq!(segments[0]["speaker"], "espeak-ng en-us");
    }

    #[test]
    fn each_entry_names_its_speaker_and_captions_mark_voices() {
        let mut manifest = crate::publish::chapters::tests::manifest();
        manifest.segments[1].role = "speaker:Alex".into();
        manifest.segments[1].voice = "en-us+m3".into();
        manifest.segments[3].role = "quote".into();
        manifest.segments[3].voice = "en-us+f3".into();
        let json: serde_json::Value = serde_json::from_str(&transcript_json(&manifest)).unwrap();
        let speakers: Vec<&str> =
            json["segments"].as_array().unwrap().iter().map(|s| s["speaker"].as_str().unwrap()).collect();
        assert_eq!(speakers, ["espeak-ng en-us", "Alex", "espeak-ng en-us", "espeak-ng en-us+f3 (quotation)"]);
        let vtt = crate::publish::to_vtt(&crate::publish::cues(&manifest));
        assert!(vtt.contains("<v Alex>One."), "{vtt}");
        assert!(vtt.contains("<v espeak-ng en-us+f3 (quotation)>Two."), "{vtt}");
        // One voice only: no voice spans.
        let plain = crate::publish::to_vtt(&crate::publish::cues(&crate::publish::chapters::tests::manifest()));
        assert!(!plain.contains("<v "), "{plain}");
    }
}
