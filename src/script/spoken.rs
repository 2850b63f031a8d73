//! The spoken form of a unit: what the engine is asked to say.
//!
//! Kept separate from `text` so transcripts show the words as written while the engine gets a
//! form it pronounces well. Two layers, in this order:
//!
//! 1. the pronunciation lexicon (`--lexicon FILE`, `[lexicon]` in `readcast.toml`): whole-word
//!    replacements, for every voice, so the user's spelling wins over any rule below;
//! 2. the English rules (addresses, abbreviations and symbols, numbers), only when the voice
//!    speaks English and the sentence is not plainly in another language (a German quote in an
//!    English article). Other text passes unchanged: "1.200" means one thousand two hundred in
//!    German, and "Dr." is not "Doctor" in every language.
//!
//! Whether a voice speaks English is decided from its name alone, see [`is_english_voice`].

use std::collections::BTreeMap;

use super::{abbreviations, language, numbers, urls};

/// Settings that turn written text into spoken text.
#[derive(Debug, Clone)]
pub struct SpokenForm {
    /// Whole-word replacements from `--lexicon` or `[lexicon]` in `readcast.toml`.
    pub lexicon: BTreeMap<String, String>,
    /// Apply the English rules for numbers, abbreviations, symbols and addresses.
    /// Default: true (the default voice, espeak-ng's `en-us`, is English).
    pub english: bool,
}

impl Default for SpokenForm {
    fn default() -> Self {
        SpokenForm { lexicon: BTreeMap::new(), english: true }
    }
}

/// Does this voice speak English? True when its name starts with "en" followed by nothing or a
/// separator: espeak-ng's `en`, `en-us`, `en-gb-x-rp`, Piper's `en_US-lessac-medium`. Any other
/// name (`de`, `fr-fr`, `es_ES-…`) is not English, and its text is left as written. Kokoro's
/// voices say their language in the first letter: `a` (American) and `b` (British) before the
/// gender and an underscore (`af_heart`, `bm_george`, blends of them) are English. A voice
/// whose name hides its language gets no English rules; the lexicon still applies.
pub fn is_english_voice(voice: &str) -> bool {
    let lower = voice.to_ascii_lowercase();
    let espeak_or_piper =
        lower.strip_prefix("en").is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_', '.', '+']));
    let kokoro = matches!(lower.as_bytes(), [b'a' | b'b', b'f' | b'm', b'_', ..]);
    espeak_or_piper || kokoro
}

impl SpokenForm {
    /// The spoken form of `text`.
    pub fn apply(&self, text: &str) -> String {
        self.apply_with(text, self.english)
    }

    /// The spoken form of English text handed on by a narrator of another language to an
    /// English voice: the English rules apply whatever the narrator speaks.
    pub fn apply_english(&self, text: &str) -> String {
        self.apply_with(text, true)
    }

    fn apply_with(&self, text: &str, english: bool) -> String {
        let text = self.apply_lexicon(text);
        if !english || !language::looks_english(&text) {
            return text;
        }
        // " -- " is a typed em dash: a short pause, like the em dash itself.
        let text = text.replace(" -- ", ", ");
        let text = urls::apply(&text);
        let text = abbreviations::apply(&text);
        let text = numbers::apply(&text);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The lexicon alone: for text in another language than the voice's rules.
    pub fn apply_lexicon(&self, text: &str) -> String {
        if self.lexicon.is_empty() {
            return text.to_string();
        }
        let mut words: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            let core = word.trim_matches(|c: char| !c.is_alphanumeric());
            let replaced = self.lexicon.iter().find(|(from, _)| lexicon_matches(from, core)).map(|(from, to)| {
                // An entry written with capitals is exact, and so is its replacement.
                let to = if from.chars().any(char::is_uppercase) { to.clone() } else { with_initial_capital(core, to) };
                word.replacen(core, &to, 1)
            });
            words.push(replaced.unwrap_or_else(|| word.to_string()));
        }
        words.join(" ")
    }
}

/// A replacement for a capitalized word (matched by a lower-case entry) starts with a capital too ("Okafor" -> "Oh kah for"), so
/// the rules that look for a name after "Dr." or "St." still find one.
fn with_initial_capital(original: &str, replacement: &str) -> String {
    let capital = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if capital && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

/// Lexicon entries match whole words; an entry with capitals matches only that spelling.
fn lexicon_matches(entry: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    if entry.chars().any(char::is_uppercase) { entry == word } else { entry.to_lowercase() == word.to_lowercase() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_replaces_whole_words_case_insensitively() {
        let mut form = SpokenForm { english: false, ..SpokenForm::default() };
        form.lexicon.insert("nginx".into(), "engine x".into());
        form.lexicon.insert("SQL".into(), "sequel".into());
        assert_eq!(form.apply("Nginx, and SQL; not sql or nginxes."), "Engine x, and sequel; not sql or nginxes.");
        assert_eq!(form.apply("use nginx"), "use engine x");
    }

    #[test]
    fn lexicon_wins_over_the_acronym_rule() {
        let mut form = SpokenForm::default();
        form.lexicon.insert("SQL".into(), "sequel".into());
        form.lexicon.insert("okafor".into(), "oh kah for".into());
        assert_eq!(form.apply("SQL and SQLite"), "sequel and SQLite");
        assert_eq!(form.apply("Dr. Okafor"), "Doctor Oh kah for");
    }

    #[test]
    fn english_rules_together() {
        let form = SpokenForm::default();
        assert_eq!(
            form.apply("Dr. Lee told the US board in 2024 that $1 million, 12% of it, went to example.com."),
            "Doctor Lee told the U-S board in twenty twenty-four that one million dollars, twelve percent of it, went to example dot com."
        );
        assert_eq!(form.apply("Salt & pepper, 3rd time."), "Salt and pepper, third time.");
    }

    #[test]
    fn other_languages_pass_unchanged() {
        let form = SpokenForm { english: false, ..SpokenForm::default() };
        let german = "Am 12.03.2024 kostete es 1.200 € bei Dr. Roth, 25 % mehr.";
        assert_eq!(form.apply(german), german);
    }

    #[test]
    fn a_german_sentence_for_an_english_voice_passes_unchanged() {
        let german = "Der Rat hat bis zum Jahr 2026 mehr als 12 Kilometer Radwege für die Stadt geplant.";
        assert_eq!(SpokenForm::default().apply(german), german);
    }

    /// A small fixed pseudo-random generator (xorshift): the same strings every run.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// Words a rule never changes, so they reach the engine as written and in their order.
    const PLAIN_WORDS: [&str; 4] = ["ferry", "left", "boats", "Tuesday"];

    fn plain_words(text: &str) -> Vec<&str> {
        text.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| PLAIN_WORDS.contains(w))
            .collect()
    }

    #[test]
    fn odd_input_is_tidied_or_left_as_written() {
        // Fragments glued together without spaces: addresses, symbols, numbers and abbreviations
        // running into each other. Nothing may panic; English text comes out with single spaces
        // between words, and text that is not English comes out exactly as written.
        let pieces = [
            "1",
            "0",
            "9",
            "12",
            "2024",
            "1,200",
            "3.5",
            "-",
            "–",
            "$",
            "€",
            "£",
            "%",
            "°",
            "C",
            ":",
            "30",
            "a.m.",
            "pm",
            "st",
            "th",
            "'",
            "s",
            "/",
            "+",
            "#",
            "@",
            "&",
            ".",
            ",",
            " ",
            " ",
            "US",
            "U.S.",
            "Dr.",
            "St",
            "é",
            "\u{1F600}",
            "example.com",
            "http://",
            "x@y.io",
            "Room",
            "in",
            "the",
            "May",
            "(",
            ")",
            "\"",
            "99999999999999999999999",
        ];
        let form = SpokenForm::default();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut english = 0;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 12 + 1) {
                text.push_str(pieces[(next(&mut state) % pieces.len() as u64) as usize]);
            }
            let spoken = form.apply(&text);
            if language::looks_english(&text) {
                english += 1;
                assert_eq!(spoken, spoken.split_whitespace().collect::<Vec<_>>().join(" "), "{text:?}");
            } else {
                assert_eq!(spoken, text, "not English, so left as written");
            }
        }
        assert!(english > 2000, "only {english} of 3000 strings took the English rules");
    }

    #[test]
    fn numbers_among_words_are_all_spoken_as_words() {
        // Sentences of words and numbers in the forms articles write them. Every number must
        // become words (no digit reaches the engine), the words around them stay in their order,
        // and the spoken form is final: applied again it changes nothing.
        let words = ["the", "ferry", "Room", "left", "May", "in", "boats", "at", "Tuesday", "of", "costs"];
        let numbers = [
            "1",
            "0",
            "9",
            "12",
            "30",
            "2024",
            "1,200",
            "3.5",
            "0.25",
            "100,000.5",
            "10,000,000",
            "99999999999999999999999",
            "07700",
            "-5",
            "1/2",
            "1st",
            "22nd",
            "1990s",
            "7:30",
            "2.0.1",
            "12%",
            "15°C",
            "$3.50",
            "£4",
            "€12",
        ];
        let form = SpokenForm::default();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let count = next(&mut state) % 10 + 1;
            let tokens: Vec<&str> = (0..count)
                .map(|_| {
                    let n = next(&mut state);
                    if n.is_multiple_of(2) {
                        words[(n / 2 % words.len() as u64) as usize]
                    } else {
                        numbers[(n / 2 % numbers.len() as u64) as usize]
                    }
                })
                .collect();
            let text = tokens.join(" ");
            let spoken = form.apply(&text);
            assert!(!spoken.is_empty(), "{text:?} spoke nothing");
            assert!(!spoken.contains(|c: char| c.is_ascii_digit()), "{text:?} gave {spoken:?}");
            assert_eq!(plain_words(&spoken), plain_words(&text), "{text:?} gave {spoken:?}");
            assert_eq!(form.apply(&spoken), spoken, "{text:?} is not final after one pass");
        }
    }

    #[test]
    fn english_voice_names() {
        for v in ["en", "en-us", "en-GB-x-rp", "en_US-lessac-medium", "EN-us", "af_heart", "bm_george:0.5,bf_emma:0.5"]
        {
            assert!(is_english_voice(v), "{v}");
        }
        for v in ["de", "fr-fr", "es_ES-davefx", "eng", "enx", "", "mb-en1", "ff_siwis", "am", "jf_alpha"] {
            assert!(!is_english_voice(v), "{v}");
        }
    }
}
