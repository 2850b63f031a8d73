//! The episode manifest, `episode.json`: what was said, by which voice, and when.
//!
//! Every later output that needs times (chapters, transcripts) reads them from here, so there is
//! one source of truth for where each segment lies in the audio.

use serde::{Deserialize, Serialize};

use crate::master::LoudnessReport;
use crate::segment::SegmentKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestSegment {
    pub id: String,
    pub kind: SegmentKindName,
    pub text: String,
    pub spoken: String,
    /// Who speaks it (`narrator`, `quote`, `language:de`, `speaker:Alex`); manifests written
    /// before roles were kept read as the narrator's.
    #[serde(default = "narrator")]
    pub role: String,
    /// The voice it was spoken in; empty in manifests written before (the episode's `voice`).
    #[serde(default)]
    pub voice: String,
    pub start_s: f64,
    pub end_s: f64,
    /// The last sentence of a paragraph; absent (false) in manifests written before it was kept.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ends_paragraph: bool,
}

fn narrator() -> String {
    "narrator".into()
}

impl ManifestSegment {
    /// Who speaks this segment, as transcripts name them: a host by name; the narrator by
    /// engine and voice (`espeak-ng en-us`), with the quotation or language it reads.
    pub fn speaker(&self, manifest: &Manifest) -> String {
        let voice = if self.voice.is_empty() { &manifest.voice } else { &self.voice };
        let engine_voice = format!("{} {voice}", manifest.backend);
        match self.role.split_once(':') {
            Some(("speaker", name)) => name.to_string(),
            Some(("language", code)) => format!("{engine_voice} ({code})"),
            _ if self.role == "quote" => format!("{engine_voice} (quotation)"),
            _ => engine_voice,
        }
    }
}

/// The kind as a plain string in JSON (`title`, `heading`, `sentence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKindName {
    Title,
    Heading,
    Sentence,
}

impl From<SegmentKind> for SegmentKindName {
    fn from(kind: SegmentKind) -> Self {
        match kind {
            SegmentKind::Title => SegmentKindName::Title,
            SegmentKind::Heading => SegmentKindName::Heading,
            SegmentKind::Sentence => SegmentKindName::Sentence,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub title: String,
    /// The author, date and site the input named (HTML metadata, Markdown front matter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    pub source: String,
    /// The article's first paragraph: the feed item's description and the MP3's comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The episode's id in a feed, made at its first render and kept by every later one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// When the episode was first rendered (RFC 3339): its date in a feed, kept across re-renders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_rendered: Option<String>,
    pub backend: String,
    pub backend_version: String,
    pub voice: String,
    pub rate_wpm: u32,
    pub sample_rate: u32,
    pub duration_s: f64,
    /// Segments spoken by the engine in the run that wrote this manifest.
    pub synthesized: usize,
    /// Segments taken from the segment cache in that run.
    pub cached: usize,
    pub segments: Vec<ManifestSegment>,
    /// Loudness before and after mastering, and the gain applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mastering: Option<LoudnessReport>,
    /// Each voice's loudness as spoken and the gain that levelled it to the narrator's
    /// (episodes of several voices only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voice_levels: Vec<crate::master::VoiceLevel>,
}

impl Manifest {
    pub fn to_json(&self) -> String {
        // Serializing plain data to a string cannot fail; an empty object is the safe fallback.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// Write the manifest as [`Manifest::to_json`] would, without holding the text.
    pub fn write_json(&self, out: impl std::io::Write) -> serde_json::Result<()> {
        serde_json::to_writer_pretty(out, self)
    }
}
