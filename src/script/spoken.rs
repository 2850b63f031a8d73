//! The spoken form of a unit: what the engine is asked to say.
//!
//! Kept separate from `text` so transcripts show the words as written while the engine gets a
//! form it pronounces well.

use std::collections::BTreeMap;

/// Settings that turn written text into spoken text.
#[derive(Debug, Clone, Default)]
pub struct SpokenForm {
    /// Whole-word replacements from `--lexicon` or `[lexicon]` in `readcast.toml`.
    pub lexicon: BTreeMap<String, String>,
}

impl SpokenForm {
    pub fn apply(&self, text: &str) -> String {
        let mut words: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            let core = word.trim_matches(|c: char| !c.is_alphanumeric());
            let replaced = self
                .lexicon
                .iter()
                .find(|(from, _)| lexicon_matches(from, core))
                .map(|(_, to)| word.replacen(core, to, 1));
            words.push(replaced.unwrap_or_else(|| word.to_string()));
        }
        words.join(" ")
    }
}

/// Lexicon entries match whole words; an entry with capitals matches only that spelling.
fn lexicon_matches(entry: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    if entry.chars().any(char::is_uppercase) {
        entry == word
    } else {
        entry.eq_ignore_ascii_case(word) || entry.to_lowercase() == word.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_replaces_whole_words_case_insensitively() {
        let mut form = SpokenForm::default();
        form.lexicon.insert("nginx".into(), "engine x".into());
        form.lexicon.insert("SQL".into(), "sequel".into());
        assert_eq!(form.apply("Nginx, and SQL; not sql or nginxes."), "engine x, and sequel; not sql or nginxes.");
    }
}
