//! Script: an [`Article`] becomes a [`Script`] of sections, paragraphs and sentences.
//!
//! Every unit keeps two forms: `text`, as written (transcripts show it), and `spoken`, what the
//! speech engine receives (numbers, abbreviations and the lexicon applied).

mod abbreviations;
pub mod dialogue;
pub mod language;
mod numbers;
pub mod quotes;
mod sentences;
mod spoken;
mod urls;
mod words;

pub use sentences::{split_long, split_sentences};
pub use spoken::{SpokenForm, is_english_voice};

use crate::clean::Article;

/// One unit of speech: a title, a heading or a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub text: String,
    pub spoken: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    pub sentences: Vec<Unit>,
}

/// A section begins with the title or a heading; its paragraphs follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: Unit,
    pub paragraphs: Vec<Paragraph>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub title: String,
    /// The first section's heading is the title.
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone)]
pub struct ScriptOptions {
    /// Sentences longer than this many characters are split at clause punctuation.
    pub max_chars: usize,
    pub spoken: SpokenForm,
}

impl Default for ScriptOptions {
    fn default() -> Self {
        ScriptOptions { max_chars: 400, spoken: SpokenForm::default() }
    }
}

/// Build the script of an article.
pub fn build_script(article: &Article, options: &ScriptOptions) -> Script {
    let unit = |text: &str| Unit { text: text.to_string(), spoken: options.spoken.apply(text) };
    let mut sections = vec![Section { heading: unit(&article.title), paragraphs: Vec::new() }];
    for block in &article.blocks {
        if block.heading {
            sections.push(Section { heading: unit(&block.text), paragraphs: Vec::new() });
            continue;
        }
        let mut paragraph = Paragraph::default();
        for sentence in split_sentences(&block.text) {
            for piece in split_long(&sentence, options.max_chars) {
                let unit = unit(&piece);
                if unit.spoken.chars().any(char::is_alphanumeric) {
                    paragraph.sentences.push(unit);
                }
            }
        }
        if !paragraph.sentences.is_empty()
            && let Some(section) = sections.last_mut()
        {
            section.paragraphs.push(paragraph);
        }
    }
    Script { title: article.title.clone(), sections }
}
