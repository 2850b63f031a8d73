//! Segment: a [`Script`] becomes the list of synthesis units, each with a stable id and the
//! pause that follows it.
//!
//! The id hashes the spoken text with the voice settings, so the same sentence in the same voice
//! always has the same id (the cache and the manifest rely on that), and any change to either
//! gives a new one.

use serde::Serialize;
use sha2::{Digest, Sha256};

use std::collections::BTreeMap;

use crate::script::dialogue::speaker_key;
use crate::script::{Role, Script, Unit};
use crate::time::Millis;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    Title,
    Heading,
    Sentence,
}

/// The settings that change how a segment sounds, hashed into its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceSettings {
    pub backend: String,
    pub voice: String,
    pub rate: u32,
}

impl VoiceSettings {
    fn fingerprint(&self) -> String {
        format!("{}\u{1f}{}\u{1f}{}", self.backend, self.voice, self.rate)
    }
}

/// Which voice plays which role: the narrator's, and those set for quotations, languages and
/// the hosts of a dialogue. A role without a voice of its own is read by the narrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Casting {
    pub narrator: VoiceSettings,
    /// `None`: quotations are read by the narrator, and not looked for.
    pub quote: Option<String>,
    /// ISO 639-1 code to voice.
    pub languages: BTreeMap<String, String>,
    /// Speaker name (as [`speaker_key`] writes it) to voice.
    pub speakers: BTreeMap<String, String>,
}

impl Casting {
    /// One voice for everything.
    pub fn narrator_only(narrator: VoiceSettings) -> Casting {
        Casting { narrator, quote: None, languages: BTreeMap::new(), speakers: BTreeMap::new() }
    }

    /// The voice that speaks `role`.
    pub fn voice_for(&self, role: &Role) -> &str {
        let own = match role {
            Role::Narrator => None,
            Role::Quote => self.quote.as_deref(),
            Role::Language(code) => self.languages.get(code).map(String::as_str),
            Role::Speaker(name) => self.speakers.get(&speaker_key(name)).map(String::as_str),
        };
        own.unwrap_or(&self.narrator.voice)
    }

    /// The settings a segment of `role` is spoken with.
    pub fn settings_for(&self, role: &Role) -> VoiceSettings {
        VoiceSettings { voice: self.voice_for(role).to_string(), ..self.narrator.clone() }
    }
}

/// Pauses inserted after each kind of boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pauses {
    /// After a sentence inside a paragraph. Default: 250 ms.
    pub sentence: Millis,
    /// After the last sentence of a paragraph. Default: 700 ms.
    pub paragraph: Millis,
    /// After the title or a heading. Default: 1200 ms.
    pub heading: Millis,
    /// Between two hosts' turns in a dialogue script. Default: 350 ms.
    pub turn: Millis,
    /// Inside a sentence, where a quotation and its attribution change voice
    /// ("We will keep the ferry running," | said the mayor). Default: 150 ms.
    pub clause: Millis,
}

impl Default for Pauses {
    fn default() -> Self {
        Pauses {
            sentence: Millis(250),
            paragraph: Millis(700),
            heading: Millis(1200),
            turn: Millis(350),
            clause: Millis(150),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub id: String,
    pub kind: SegmentKind,
    pub text: String,
    pub spoken: String,
    /// Who speaks it, and in which voice.
    pub role: Role,
    pub voice: String,
    /// Why it has its role (`script --explain`).
    #[serde(skip)]
    pub why: Option<String>,
    pub pause_after_ms: Millis,
    /// Index of the section (0 is the title's) this segment belongs to; chapters use it.
    #[serde(skip)]
    pub section: usize,
    /// The last sentence of its paragraph (transcripts shown as text break there).
    #[serde(skip)]
    pub ends_paragraph: bool,
}

/// A stable id: the first 16 hex digits of SHA-256 over the voice settings and spoken text.
pub fn segment_id(spoken: &str, voice: &VoiceSettings) -> String {
    let mut hasher = Sha256::new();
    hasher.update(voice.fingerprint().as_bytes());
    hasher.update([0x1e]);
    hasher.update(spoken.as_bytes());
    let digest = hasher.finalize();
    crate::hex::hex(&digest[..8])
}

/// Flatten a script into segments. The last segment has no pause after it. The script is
/// taken apart: its text moves into the segments rather than being copied beside them.
pub fn segment(script: Script, casting: &Casting, pauses: &Pauses) -> Vec<Segment> {
    let mut segments = Vec::new();
    for (section_index, section) in script.sections.into_iter().enumerate() {
        let kind = if section_index == 0 { SegmentKind::Title } else { SegmentKind::Heading };
        segments.push(segment_of(section.heading, kind, casting, pauses.heading, section_index, false));
        for paragraph in section.paragraphs {
            let last = paragraph.sentences.len().saturating_sub(1);
            let paragraph_end = if paragraph.turn_follows { pauses.turn } else { pauses.paragraph };
            for (i, unit) in paragraph.sentences.into_iter().enumerate() {
                let pause = if i == last {
                    paragraph_end
                } else if ends_sentence(&unit.text) {
                    pauses.sentence
                } else {
                    pauses.clause
                };
                segments.push(segment_of(unit, SegmentKind::Sentence, casting, pause, section_index, i == last));
            }
        }
    }
    if let Some(last) = segments.last_mut() {
        last.pause_after_ms = Millis(0);
    }
    segments
}

/// Does `text` end a sentence (a full stop, question or exclamation mark, perhaps inside
/// closing quotation marks or brackets)?
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', ')', ']', '\u{201D}', '\u{2019}', '\u{BB}'])
        .ends_with(['.', '!', '?', ':', ';'])
}

fn segment_of(unit: Unit, kind: SegmentKind, casting: &Casting, pause: Millis, section: usize, ends: bool) -> Segment {
    let voice = casting.settings_for(&unit.role);
    Segment {
        id: segment_id(&unit.spoken, &voice),
        kind,
        text: unit.text,
        spoken: unit.spoken,
        role: unit.role,
        voice: voice.voice,
        why: unit.why,
        pause_after_ms: pause,
        section,
        ends_paragraph: ends,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{Paragraph, Section, Unit};

    fn unit(s: &str) -> Unit {
        Unit { text: s.into(), spoken: s.into(), role: Role::Narrator, why: None }
    }

    fn voice(rate: u32) -> VoiceSettings {
        VoiceSettings { backend: "espeak-ng".into(), voice: "en-us".into(), rate }
    }

    #[test]
    fn ids_are_stable_and_depend_on_voice_and_text() {
        let a = segment_id("Hello there.", &voice(175));
        assert_eq!(a, segment_id("Hello there.", &voice(175)));
        assert_eq!(a.len(), 16);
        assert_ne!(a, segment_id("Hello there.", &voice(180)));
        assert_ne!(a, segment_id("Hello there!", &voice(175)));
    }

    #[test]
    fn pauses_follow_sentence_paragraph_and_heading() {
        let script = Script {
            title: "T".into(),
            sections: vec![
                Section {
                    heading: unit("T"),
                    paragraphs: vec![Paragraph { sentences: vec![unit("A."), unit("B.")], turn_follows: false }],
                },
                Section {
                    heading: unit("H"),
                    paragraphs: vec![Paragraph { sentences: vec![unit("C.")], turn_follows: false }],
                },
            ],
        };
        let segs = segment(script, &Casting::narrator_only(voice(175)), &Pauses::default());
        let got: Vec<(SegmentKind, u64)> = segs.iter().map(|s| (s.kind, s.pause_after_ms.0)).collect();
        assert_eq!(
            got,
            vec![
                (SegmentKind::Title, 1200),
                (SegmentKind::Sentence, 250),
                (SegmentKind::Sentence, 700),
                (SegmentKind::Heading, 1200),
                (SegmentKind::Sentence, 0),
            ]
        );
        assert_eq!(segs[3].section, 1);
        let ends: Vec<bool> = segs.iter().map(|s| s.ends_paragraph).collect();
        assert_eq!(ends, vec![false, false, true, false, true], "the last sentence of each paragraph");
    }
}
