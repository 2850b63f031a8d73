//! Script: an [`Article`] becomes a [`Script`] of sections, paragraphs and sentences.
//!
//! Every unit keeps two forms: `text`, as written (transcripts show it), and `spoken`, what the
//! speech engine receives (numbers, abbreviations and the lexicon applied).

mod abbreviations;
pub mod dialogue;
pub mod language;
pub(crate) mod numbers;
pub mod quotes;
mod role;
mod roles;
mod sentences;
mod spoken;
mod urls;
mod words;

pub use role::Role;
pub use roles::{RoleOptions, assign_roles};
pub use sentences::{split_long, split_sentences};
pub use spoken::{SpokenForm, is_english_voice};

use crate::clean::Article;

/// One unit of speech: a title, a heading or a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub text: String,
    pub spoken: String,
    /// Who speaks it.
    pub role: Role,
    /// Why it has its role (`script --explain`); `None` for the narrator's plain text.
    pub why: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    pub sentences: Vec<Unit>,
    /// The next paragraph is another host's turn in a dialogue script (a shorter pause).
    pub turn_follows: bool,
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
    /// Which roles besides the narrator's are looked for.
    pub roles: RoleOptions,
}

impl Default for ScriptOptions {
    fn default() -> Self {
        ScriptOptions { max_chars: 400, spoken: SpokenForm::default(), roles: RoleOptions::default() }
    }
}

/// Build the script of an article.
pub fn build_script(article: &Article, options: &ScriptOptions) -> Script {
    let narrator = |text: &str| Unit {
        text: text.to_string(),
        spoken: options.spoken.apply(text),
        role: Role::Narrator,
        why: None,
    };
    let mut sections = vec![Section { heading: narrator(&article.title), paragraphs: Vec::new() }];
    for cast in assign_roles(article, &options.roles) {
        if cast.heading {
            sections.push(Section { heading: narrator(&cast.text), paragraphs: Vec::new() });
            continue;
        }
        let mut paragraph = Paragraph { sentences: Vec::new(), turn_follows: cast.turn_follows };
        for run in &cast.runs {
            let text = run.text.trim();
            for sentence in split_sentences(text) {
                for piece in split_long(&sentence, options.max_chars) {
                    let (role, why) = run.role_of(&piece, &options.roles);
                    let spoken = match &role {
                        Role::Language(code) if code == "en" => options.spoken.apply_english(&piece),
                        // English rules would garble another language ("1.200", "Dr.").
                        Role::Language(_) => options.spoken.apply_lexicon(&piece),
                        _ => options.spoken.apply(&piece),
                    };
                    if spoken.chars().any(char::is_alphanumeric) {
                        paragraph.sentences.push(Unit { text: piece, spoken, role, why });
                    }
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
