//! A job on the wire: an article already read and cleaned, the settings that shape its script
//! and sound, and the segment ids it must come out as. Its id is the SHA-256 of all of it, so
//! the same submission twice is the same job.
//!
//! The worker rebuilds the script from the cleaned article with the same code `render` uses
//! (`pipeline::prepare_article`) and checks the segment ids: a worker whose readcast would speak
//! a different script refuses the job instead of rendering something else.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::clean::{Article, ArticleBlock};
use crate::config::{Config, OutputFormats, QuoteVoice};
use crate::ingest::Metadata;
use crate::segment::{Casting, Segment};
use crate::time::Millis;

/// Bumped when the job's meaning changes; part of the id.
const JOB_FORMAT: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub format: u32,
    /// The input as named on the submitting machine (the manifest's `source`).
    pub source: String,
    /// The episode's folder name.
    pub slug: String,
    pub article: WireArticle,
    pub settings: JobSettings,
    /// The submitter's show, so an episode is the same whichever worker renders it. (A job of
    /// format 2, queued before an upgrade, has none: it renders with the default show rather
    /// than being dropped as unreadable.)
    #[serde(default)]
    pub show: WireShow,
    /// The segment ids the script must come out as, in order.
    pub segment_ids: Vec<String>,
}

/// What of `[show]` ends up in an episode's files: the MP3's album, artist (when the article
/// names none) and picture, and the chapters' show and author. The rest of `[show]` is the
/// feed's, written where the episodes are collected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WireShow {
    pub title: Option<String>,
    pub author: Option<String>,
    /// The cover's object in `readcast-episodes` (`covers/<SHA-256 of the image>`), stored
    /// there by `submit`: a cover can be larger than a message.
    pub cover: Option<String>,
}

impl WireShow {
    /// The show of `config`, its cover (if any) stored as `cover`.
    pub fn from_config(config: &Config, cover: Option<String>) -> WireShow {
        WireShow { title: config.show.title.clone(), author: config.show.author.clone(), cover }
    }

    /// Lay the job's show over a worker's own, all of it: what the worker's `[show]` says must
    /// not reach the episode. `cover` is where the cover was fetched to.
    pub fn apply(&self, config: &mut Config, cover: Option<std::path::PathBuf>) {
        config.show.title = self.title.clone();
        config.show.author = self.author.clone();
        config.show.image = cover;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireArticle {
    pub title: String,
    /// The title the input itself declared, if any (the cleaned title may differ).
    pub metadata_title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
    /// (text, is a heading, first line in the input)
    pub blocks: Vec<(String, bool, usize)>,
    /// The indices of the blocks that are block quotations (read in the quote voice).
    #[serde(default)]
    pub quote_blocks: Vec<usize>,
}

/// Everything of a `render` run's settings that changes what an episode sounds like or holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobSettings {
    /// The engine's name as `--backend` takes it, e.g. `espeak-ng`.
    pub backend: String,
    pub voice: String,
    pub rate: u32,
    pub max_chars: usize,
    pub lexicon: BTreeMap<String, String>,
    pub pauses_ms: [Millis; 3],
    pub loudness_lufs: f64,
    pub true_peak_dbtp: f64,
    pub bitrate_kbps: u32,
    pub wav: bool,
    pub mp3: bool,
    /// The voices cast on the submitting machine: quotations (`None`: the narrator reads them),
    /// other languages and hosts, so a worker casts the same (the segment ids check it).
    pub quote_voice: Option<String>,
    pub language_voices: BTreeMap<String, String>,
    pub speakers: BTreeMap<String, String>,
}

impl Job {
    pub fn new(
        source: String,
        slug: String,
        article: &Article,
        segments: &[Segment],
        settings: JobSettings,
        show: WireShow,
    ) -> Job {
        let metadata = &article.metadata;
        let article = WireArticle {
            title: article.title.clone(),
            metadata_title: metadata.title.clone(),
            author: metadata.author.clone(),
            date: metadata.date.clone(),
            site: metadata.site.clone(),
            blocks: article.blocks.iter().map(|b| (b.text.clone(), b.heading, b.first_line)).collect(),
            quote_blocks: article.blocks.iter().enumerate().filter(|(_, b)| b.quote).map(|(i, _)| i).collect(),
        };
        let segment_ids = segments.iter().map(|s| s.id.clone()).collect();
        Job { format: JOB_FORMAT, source, slug, article, settings, show, segment_ids }
    }

    /// The job's bytes on the wire: JSON, fields in a fixed order.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serializing plain structs, strings and numbers to memory cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Job, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// The first 32 hex digits of SHA-256 over the job's bytes.
    pub fn id(&self) -> String {
        let digest = Sha256::digest(self.to_bytes());
        crate::hex::hex(&digest[..16])
    }

    /// The cleaned article again, as `pipeline::prepare_article` takes it.
    pub fn article(&self) -> Article {
        let a = &self.article;
        Article {
            title: a.title.clone(),
            metadata: Metadata {
                title: a.metadata_title.clone(),
                author: a.author.clone(),
                date: a.date.clone(),
                site: a.site.clone(),
            },
            blocks: a
                .blocks
                .iter()
                .enumerate()
                .map(|(i, (text, heading, first_line))| ArticleBlock {
                    text: text.clone(),
                    heading: *heading,
                    quote: a.quote_blocks.contains(&i),
                    first_line: *first_line,
                })
                .collect(),
            dropped: Vec::new(),
        }
    }
}

impl JobSettings {
    /// The settings of `config`, spoken by `casting` (its narrator is the job's engine and voice).
    pub fn from_config(config: &Config, casting: &Casting) -> JobSettings {
        let p = &config.pauses;
        JobSettings {
            backend: casting.narrator.backend.clone(),
            voice: casting.narrator.voice.clone(),
            rate: config.rate,
            max_chars: config.max_chars,
            lexicon: config.lexicon.clone(),
            pauses_ms: [p.sentence, p.paragraph, p.heading],
            loudness_lufs: config.loudness_lufs,
            true_peak_dbtp: config.true_peak_dbtp,
            bitrate_kbps: config.bitrate_kbps,
            wav: config.formats.wav,
            mp3: config.formats.mp3,
            quote_voice: casting.quote.clone(),
            language_voices: casting.languages.clone(),
            speakers: casting.speakers.clone(),
        }
    }

    /// Lay the job's settings over a worker's own (cache, jobs, output folder stay the worker's).
    pub fn apply(&self, config: &mut Config) {
        config.voice = Some(self.voice.clone());
        config.rate = self.rate;
        config.max_chars = self.max_chars;
        config.lexicon = self.lexicon.clone();
        let [sentence, paragraph, heading] = self.pauses_ms;
        config.pauses.sentence = sentence;
        config.pauses.paragraph = paragraph;
        config.pauses.heading = heading;
        config.loudness_lufs = self.loudness_lufs;
        config.true_peak_dbtp = self.true_peak_dbtp;
        config.bitrate_kbps = self.bitrate_kbps;
        config.formats = OutputFormats { wav: self.wav, mp3: self.mp3 };
        config.quote_voice = self.quote_voice.clone().map_or(QuoteVoice::Off, QuoteVoice::Named);
        config.language_voices = self.language_voices.clone();
        config.speakers = self.speakers.clone();
        // The article was cleaned on the submitting machine; its title is already chosen.
        config.title = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::VoiceSettings;

    fn job(text: &str) -> Job {
        let article = Article {
            title: "T".into(),
            metadata: Metadata::default(),
            blocks: vec![ArticleBlock { text: text.into(), heading: false, quote: false, first_line: 1 }],
            dropped: Vec::new(),
        };
        let narrator = VoiceSettings { backend: "espeak-ng".into(), voice: "en-us".into(), rate: 175 };
        let settings = JobSettings::from_config(&Config::default(), &Casting::narrator_only(narrator));
        Job::new("a.txt".into(), "t".into(), &article, &[], settings, WireShow::default())
    }

    #[test]
    fn the_id_is_the_same_for_the_same_job_and_changes_with_it() {
        assert_eq!(job("One.").id(), job("One.").id());
        assert_ne!(job("One.").id(), job("Two.").id());
        let back = Job::from_bytes(&job("One.").to_bytes()).unwrap();
        assert_eq!(back, job("One."));
        assert_eq!(back.article().blocks[0].text, "One.");
    }

    #[test]
    fn the_show_is_part_of_the_job_and_replaces_the_workers_own() {
        let mut other = job("One.");
        other.show.title = Some("Town Notes".into());
        assert_ne!(other.id(), job("One.").id(), "another show is another episode");
        let mut worker = Config::default();
        worker.show.title = Some("The worker's show".into());
        worker.show.image = Some("worker.png".into());
        other.show.apply(&mut worker, None);
        assert_eq!(worker.show.title.as_deref(), Some("Town Notes"));
        assert_eq!(worker.show.image, None);
    }

    #[test]
    fn a_job_queued_before_the_show_travelled_still_reads() {
        let mut value: serde_json::Value = serde_json::from_slice(&job("One.").to_bytes()).unwrap();
        value.as_object_mut().unwrap().remove("show");
        value["format"] = 2.into();
        let old = Job::from_bytes(value.to_string().as_bytes()).unwrap();
        assert_eq!(old.show, WireShow::default());
    }
}
