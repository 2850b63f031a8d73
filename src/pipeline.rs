//! The text half of the pipeline, shared by `script` and `render`: ingest, clean, script and
//! segment, all in memory and without touching a speech engine.

use crate::casting::VoicePlan;
use crate::clean::{self, Article, CleanOptions};
use crate::config::Config;
use crate::error::Error;
use crate::ingest::{self, InputSource};
use crate::script::{RoleOptions, ScriptOptions, SpokenForm, build_script, is_english_voice};
use crate::segment::{Segment, segment};

/// An article made ready for synthesis.
pub struct Prepared {
    pub article: Article,
    pub segments: Vec<Segment>,
}

pub fn clean_options(config: &Config) -> CleanOptions {
    // A `--title` with nothing to say ("", emoji only) would make an empty episode title: the
    // detected headline, else the file name, is used instead.
    let title_override = config.title.clone().filter(|t| t.chars().any(char::is_alphanumeric));
    CleanOptions { title_override, keep: config.keep.clone() }
}

/// Read, clean and segment one input, cast for the voices of `plan`.
pub fn prepare(source: &InputSource, config: &Config, plan: &VoicePlan) -> Result<Prepared, Error> {
    let document = ingest::read_document_with(source, &config.read)?;
    let article = clean::clean(&document, &clean_options(config))?;
    // The document is not needed once cleaned: gone before the script is built from the article.
    let name = document.source.clone();
    drop(document);
    Ok(prepare_article(article, &name, config, plan))
}

/// Clean and segment a document already read (`sync` fills in what the feed knows first).
pub fn prepare_document(document: &ingest::Document, config: &Config, plan: &VoicePlan) -> Result<Prepared, Error> {
    let article = clean::clean(document, &clean_options(config))?;
    Ok(prepare_article(article, &document.source, config, plan))
}

/// Script and segment an article already cleaned (`sync --digest` joins several into one);
/// `name` is the input's name in messages.
pub fn prepare_article(article: Article, name: &str, config: &Config, plan: &VoicePlan) -> Prepared {
    let english = is_english_voice(&plan.casting.narrator.voice);
    let options = ScriptOptions {
        max_chars: config.max_chars,
        spoken: SpokenForm { lexicon: config.lexicon.clone(), english },
        roles: RoleOptions { quotes: plan.casting.quote.is_some(), home_language: plan.home_language, dialogue: true },
    };
    let mut script = build_script(&article, &options);
    if plan.unknown_hosts(&script) {
        // Labels that name none of the hosts the settings give are not a dialogue.
        plan.say(&format!("{name}: no label names a host of [speakers] or --speaker; read as plain text"));
        let options = ScriptOptions { roles: RoleOptions { dialogue: false, ..options.roles }, ..options };
        script = build_script(&article, &options);
    }
    plan.note_unvoiced_quotations(&article);
    let casting = plan.cast(&script);
    let segments = segment(script, &casting, &config.pauses);
    Prepared { article, segments }
}
