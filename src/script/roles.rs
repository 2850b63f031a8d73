//! Roles: which parts of an article the narrator reads and which go to another voice.
//!
//! A dialogue script (most paragraphs open with a speaker's label) gives each paragraph to its
//! speaker. Otherwise a paragraph in another language goes to that language; a block quotation
//! and the direct quotations inside paragraphs go to the quote voice; a sentence of the
//! narrator's in another language goes to that language. The text is cut into runs at
//! quotation boundaries, so "“We will keep the ferry running,” said Mayor Ruth Ellis." is a
//! quotation and an attribution, each in its own voice.

use crate::clean::Article;

use super::Role;
use super::dialogue::{is_dialogue, speaker_key, speaker_label};
use super::language::{detect_language_in, paragraph_language_in};
use super::quotes::{QuoteCarry, block_quotation, find_quotations};

/// Which roles are looked for. Default: none, everything is the narrator's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleOptions {
    /// Direct and block quotations.
    pub quotes: bool,
    /// The narrator's language (ISO 639-1): sentences and paragraphs in others are looked for.
    /// `None`: none are (a narrator of a language the detector does not know reads everything).
    pub home_language: Option<&'static str>,
    /// Scripts whose paragraphs open with a speaker's label.
    pub dialogue: bool,
}

/// A block of the article with its text cut into runs of one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoledBlock {
    pub heading: bool,
    /// A heading's text (a paragraph's text is in its runs).
    pub text: String,
    pub runs: Vec<Run>,
    /// The next paragraph is another speaker's turn.
    pub turn_follows: bool,
}

/// Consecutive text of one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub role: Role,
    pub why: Option<String>,
}

impl Run {
    fn new(text: &str, role: Role, why: Option<String>) -> Run {
        Run { text: text.to_string(), role, why }
    }

    /// The role of one sentence of this run: the narrator's sentences in another language go
    /// to that language.
    pub fn role_of(&self, sentence: &str, options: &RoleOptions) -> (Role, Option<String>) {
        if self.role == Role::Narrator
            && let Some(home) = options.home_language
            && let Some(code) = detect_language_in(sentence, home)
        {
            return (Role::Language(code.into()), Some(format!("sentence detected as {code}")));
        }
        (self.role.clone(), self.why.clone())
    }
}

/// Cut every block of `article` into runs of one role.
pub fn assign_roles(article: &Article, options: &RoleOptions) -> Vec<RoledBlock> {
    let paragraphs: Vec<&str> = article.blocks.iter().filter(|b| !b.heading).map(|b| b.text.as_str()).collect();
    if options.dialogue && is_dialogue(&paragraphs) {
        return dialogue_roles(article);
    }
    let mut carry = QuoteCarry::default();
    article
        .blocks
        .iter()
        .map(|block| {
            let runs = if block.heading {
                // A quotation never runs on across a heading.
                carry = QuoteCarry::default();
                Vec::new()
            } else if block.quote && options.quotes {
                let span = block_quotation(&block.text);
                vec![Run::new(&block.text, Role::Quote, Some(span.why.as_str().into()))]
            } else {
                paragraph_runs(&block.text, options, &mut carry)
            };
            RoledBlock { heading: block.heading, text: block.text.clone(), runs, turn_follows: false }
        })
        .collect()
}

fn paragraph_runs(text: &str, options: &RoleOptions, carry: &mut QuoteCarry) -> Vec<Run> {
    if let Some(home) = options.home_language
        && let Some(code) = paragraph_language_in(text, home)
    {
        return vec![Run::new(text, Role::Language(code.into()), Some(format!("paragraph detected as {code}")))];
    }
    if !options.quotes {
        return vec![Run::new(text, Role::Narrator, None)];
    }
    let mut runs = Vec::new();
    let mut at = 0;
    for span in find_quotations(text, carry) {
        let (Some(before), Some(quoted)) = (text.get(at..span.start), text.get(span.start..span.end)) else { continue };
        if !before.trim().is_empty() {
            runs.push(Run::new(before, Role::Narrator, None));
        }
        runs.push(Run::new(quoted, Role::Quote, Some(span.why.as_str().into())));
        at = span.end;
    }
    if let Some(rest) = text.get(at..).filter(|rest| !rest.trim().is_empty()) {
        runs.push(Run::new(rest, Role::Narrator, None));
    }
    runs
}

/// A dialogue script: each labelled paragraph is its speaker's, labels not spoken; a paragraph
/// without a label goes on in the voice of the speaker before it.
fn dialogue_roles(article: &Article) -> Vec<RoledBlock> {
    let mut speaker: Option<String> = None;
    let mut blocks: Vec<RoledBlock> = Vec::new();
    for block in &article.blocks {
        if block.heading {
            blocks.push(RoledBlock { heading: true, text: block.text.clone(), runs: Vec::new(), turn_follows: false });
            continue;
        }
        let (role, text, why) = match speaker_label(&block.text) {
            Some((name, rest)) => {
                speaker = Some(name.to_string());
                (Role::Speaker(name.to_string()), rest, format!("labelled {name}:"))
            }
            None => match &speaker {
                Some(name) => (Role::Speaker(name.clone()), block.text.as_str(), format!("goes on from {name}")),
                None => (Role::Narrator, block.text.as_str(), "before the first label".to_string()),
            },
        };
        if let Some(last) = blocks.last_mut().filter(|b| !b.heading)
            && last.runs.first().is_some_and(|run| !same_speaker(&run.role, &role))
        {
            last.turn_follows = true;
        }
        blocks.push(RoledBlock {
            heading: false,
            text: text.to_string(),
            runs: vec![Run::new(text, role, Some(why))],
            turn_follows: false,
        });
    }
    blocks
}

/// Labels name a speaker however they are capitalized (`ALEX:` and `Alex:`).
fn same_speaker(a: &Role, b: &Role) -> bool {
    match (a, b) {
        (Role::Speaker(x), Role::Speaker(y)) => speaker_key(x) == speaker_key(y),
        _ => a == b,
    }
}
