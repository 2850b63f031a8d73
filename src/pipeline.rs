//! The text half of the pipeline, shared by `script` and `render`: ingest, clean, script and
//! segment, all in memory and without touching a speech engine.

use crate::clean::{self, Article, CleanOptions};
use crate::config::Config;
use crate::error::Error;
use crate::ingest::{self, InputSource};
use crate::script::{ScriptOptions, SpokenForm, build_script, is_english_voice};
use crate::segment::{Segment, VoiceSettings, segment};

/// An article made ready for synthesis.
pub struct Prepared {
    pub article: Article,
    pub segments: Vec<Segment>,
}

pub fn clean_options(config: &Config) -> CleanOptions {
    CleanOptions { title_override: config.title.clone(), keep: config.keep.clone() }
}

/// Read, clean and segment one input for the given voice.
pub fn prepare(source: &InputSource, config: &Config, voice: &VoiceSettings) -> Result<Prepared, Error> {
    let document = ingest::read_document_with(source, &config.read)?;
    prepare_document(&document, config, voice)
}

/// Clean and segment a document already read (`sync` fills in what the feed knows first).
pub fn prepare_document(
    document: &ingest::Document,
    config: &Config,
    voice: &VoiceSettings,
) -> Result<Prepared, Error> {
    let article = clean::clean(document, &clean_options(config))?;
    Ok(prepare_article(article, config, voice))
}

/// Script and segment an article already cleaned (`sync --digest` joins several into one).
pub fn prepare_article(article: Article, config: &Config, voice: &VoiceSettings) -> Prepared {
    let options = ScriptOptions {
        max_chars: config.max_chars,
        spoken: SpokenForm { lexicon: config.lexicon.clone(), english: is_english_voice(&voice.voice) },
    };
    let script = build_script(&article, &options);
    let segments = segment(&script, voice, &config.pauses);
    Prepared { article, segments }
}
