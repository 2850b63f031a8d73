//! English words to Kokoro's phonemes from misaki's pronunciation dictionaries.
//!
//! misaki, Kokoro's own grapheme-to-phoneme library, ships two dictionaries per accent inside its
//! wheel: `gold` (checked by hand) and `silver` (larger, generated), as JSON objects from a word
//! to its phonemes, already in Kokoro's symbols. A few hundred words have several pronunciations,
//! keyed by part of speech (`{"DEFAULT": "ɹˈid", "VBD": "ɹˈɛd"}`); without a tagger we take the
//! default. `scripts/install-voices.sh` puts them in `kokoro/lexicon/{us,gb}_{gold,silver}.json`.
//!
//! A word is looked up as written, then (when it is in lower case or capitalized, not an acronym)
//! in lower case, then capitalized; a plural or possessive not in the dictionary is its stem plus
//! the sound of the `s` (/s/ after a voiceless consonant, /ᵻz/ after a sibilant, else /z/). Short
//! function words whose sound depends on the next word ("the", "a", "to" ...) are decided by
//! [`in_context`]. Words the dictionaries lack, hyphenated compounds among them, go to espeak-ng
//! (see [`super::phonemes`]).
//!
//! The dictionaries are optional: without them every word goes to espeak-ng. Each accent's are
//! read once per process, on the first English segment (a few MB of JSON; about 180,000 words).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use crate::synth::LoadError;

/// The stress marks in Kokoro's symbols.
const PRIMARY: char = 'ˈ';
const SECONDARY: char = 'ˌ';
/// Vowel symbols (misaki's set): a word with none of them takes no stress mark.
const VOWELS: &str = "AIOQWYaiuæɑɒɔəɛɜɪʊʌᵻ";

/// One accent's words and their phonemes.
pub struct Lexicon {
    words: HashMap<String, String>,
    british: bool,
}

/// Which dictionaries: misaki's American (`us_*`) or British (`gb_*`) ones.
pub fn file_names(british: bool) -> [String; 2] {
    let accent = if british { "gb" } else { "us" };
    // Gold first: it wins over silver where both have a word.
    [format!("{accent}_gold.json"), format!("{accent}_silver.json")]
}

/// Whether any of an accent's dictionaries is in `dir`.
pub fn installed(dir: &Path, british: bool) -> bool {
    file_names(british).iter().any(|name| dir.join(name).is_file())
}

/// What follows a word, as far as its pronunciation cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Following {
    /// A word starting with a vowel sound.
    Vowel,
    /// A word starting with a consonant sound.
    Consonant,
    /// Punctuation or the end of the text.
    Pause,
}

impl Following {
    /// The first sound of some phonemes (stress marks skipped); [`Following::Pause`] when empty.
    pub fn of(phonemes: &str) -> Following {
        match phonemes.chars().find(|c| !matches!(*c, PRIMARY | SECONDARY) && !c.is_whitespace()) {
            None => Following::Pause,
            Some(c) if VOWELS.contains(c) => Following::Vowel,
            Some(_) => Following::Consonant,
        }
    }
}

/// Words whose phonemes depend on what follows, so they are decided last ([`in_context`]).
pub fn is_context_word(word: &str) -> bool {
    matches!(word, "the" | "The" | "THE" | "a" | "A" | "an" | "An" | "to" | "To" | "in" | "In" | "I" | "used" | "Used")
}

/// The phonemes of a context word, unstressed as in running speech (the way misaki says them);
/// `None` for other words, or where the dictionary's own entry is right.
pub fn in_context(word: &str, following: Following, next_word: Option<&str>) -> Option<&'static str> {
    let vowel = following == Following::Vowel;
    Some(match word {
        "the" | "The" | "THE" => {
            if vowel {
                "ði"
            } else {
                "ðə"
            }
        }
        // The article, not the letter: a tagger would tell them apart, and articles are common.
        "a" | "A" => "ɐ",
        "an" | "An" => "ɐn",
        "to" | "To" => match following {
            Following::Vowel => "tʊ",
            Following::Consonant => "tə",
            Following::Pause => return None,
        },
        "in" | "In" => {
            if following == Following::Pause {
                "ˈɪn"
            } else {
                "ɪn"
            }
        }
        "I" => "ˌI",
        // "used to" is the past habit, /juːst/; otherwise the dictionary's /juːzd/.
        "used" | "Used" if next_word.is_some_and(|w| w.eq_ignore_ascii_case("to")) => "jˈust",
        _ => return None,
    })
}

impl Lexicon {
    /// Read an accent's dictionaries from `dir`; `None` when none is there. A file that is there
    /// but does not parse is an error.
    pub fn load(dir: &Path, british: bool) -> Result<Option<Lexicon>, LoadError> {
        let mut lexicon = Lexicon { words: HashMap::new(), british };
        let mut found = false;
        for name in file_names(british) {
            let path = dir.join(name);
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(LoadError::read(path)(e)),
            };
            lexicon.add_json(&text).map_err(LoadError::not_json(&path, "a pronunciation dictionary"))?;
            found = true;
        }
        if !found {
            return Ok(None);
        }
        lexicon.words.shrink_to_fit();
        Ok(Some(lexicon))
    }

    /// A lexicon from JSON texts, the first winning where several have a word (tests use it).
    pub fn from_json(texts: &[&str], british: bool) -> Result<Lexicon, serde_json::Error> {
        let mut lexicon = Lexicon { words: HashMap::new(), british };
        for text in texts {
            lexicon.add_json(text)?;
        }
        Ok(lexicon)
    }

    /// Add the entries of one file; words already present keep their phonemes.
    fn add_json(&mut self, text: &str) -> Result<(), serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        AddEntries(&mut self.words).deserialize(&mut deserializer)?;
        deserializer.end()
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The phonemes of one word (letters, apostrophes, hyphens), or `None` when the dictionaries
    /// cannot say.
    pub fn word(&self, word: &str) -> Option<String> {
        if let Some(ps) = self.inflected(word) {
            return Some(ps);
        }
        // Quote marks written as apostrophes: 'tis is a word, 'word' is quoted.
        let unquoted = word.trim_matches('\'');
        if unquoted != word
            && !unquoted.is_empty()
            && let Some(ps) = self.inflected(unquoted)
        {
            return Some(ps);
        }
        // A hyphenated compound the dictionaries lack is left to espeak-ng: its parts are often
        // prefixes the dictionaries read as words ("re-record" is not the note re).
        None
    }

    /// The word itself, else its stem with the plural or possessive ending.
    fn inflected(&self, word: &str) -> Option<String> {
        self.entry(word).or_else(|| self.with_s(word))
    }

    /// Plurals and possessives: `cat's`, `cats'`, `cats`, `buses`, `cities`.
    fn with_s(&self, word: &str) -> Option<String> {
        if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix("'S")) {
            return self.entry(stem).map(|ps| self.add_s(ps));
        }
        if let Some(plural) = word.strip_suffix('\'') {
            if plural.ends_with(['s', 'S']) {
                return self.inflected(plural);
            }
            return None;
        }
        let lower = word.to_lowercase();
        let letters = word.chars().count();
        if letters < 3 || !lower.ends_with('s') || lower.ends_with("ss") {
            return None;
        }
        let cut = |n: usize| &word[..word.len() - n];
        if let Some(ps) = self.entry(cut(1)) {
            return Some(self.add_s(ps));
        }
        if letters > 4
            && lower.ends_with("es")
            && !lower.ends_with("ies")
            && let Some(ps) = self.entry(cut(2))
        {
            return Some(self.add_s(ps));
        }
        if letters > 4 && lower.ends_with("ies") {
            let y = if word.ends_with("IES") { "Y" } else { "y" };
            if let Some(ps) = self.entry(&format!("{}{y}", cut(3))) {
                return Some(self.add_s(ps));
            }
        }
        None
    }

    /// The `-s` ending after a stem, by the stem's last sound.
    pub fn add_s(&self, mut stem: String) -> String {
        match stem.chars().last() {
            Some('p' | 't' | 'k' | 'f' | 'θ') => stem.push('s'),
            Some('s' | 'z' | 'ʃ' | 'ʒ' | 'ʧ' | 'ʤ') => stem.push_str(if self.british { "ɪz" } else { "ᵻz" }),
            _ => stem.push('z'),
        }
        stem
    }

    /// The dictionary's phonemes for a word as written, in lower case, or capitalized; a word
    /// written with capitals is given at least some stress, as misaki does.
    fn entry(&self, word: &str) -> Option<String> {
        if let Some(ps) = self.words.get(word) {
            return Some(stress_for_case(ps, word));
        }
        // Only a word in lower case or capitalized may be its case variants: an acronym is not
        // its lower-case namesake (US is not "us"; espeak-ng spells it), nor is AMAs "amas".
        let mut rest = word.chars().skip(1);
        if rest.any(char::is_uppercase) {
            return None;
        }
        let lower = word.to_lowercase();
        if lower != word
            && let Some(ps) = self.words.get(&lower)
        {
            return Some(stress_for_case(ps, word));
        }
        let capitalized = capitalize(&lower);
        if capitalized != word
            && let Some(ps) = self.words.get(&capitalized)
        {
            return Some(stress_for_case(ps, word));
        }
        None
    }
}

/// The acronym of an acronym's plural or possessive: `CEOs`, `NFL's` (espeak-ng reads some of
/// these as words, "AMAs" as /ˈɑmə/, so they are phonemized as the acronym and an ending).
pub fn acronym_stem(word: &str) -> Option<&str> {
    let stem = word.strip_suffix("'s").or_else(|| word.strip_suffix('s'))?;
    (is_all_caps(stem) && stem.chars().all(|c| c.is_ascii_uppercase())).then_some(stem)
}

/// More than one letter, and every letter a capital.
fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

fn capitalize(lower: &str) -> String {
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// misaki stresses a capitalized word a little (secondary stress when it has none) and a word in
/// capitals fully (primary stress).
fn stress_for_case(phonemes: &str, word: &str) -> String {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return phonemes.to_string();
    }
    with_stress(phonemes, is_all_caps(word))
}

/// A name in the middle of a sentence carries a stress of its own: its lexicon phonemes with a
/// primary stress when they have none (the lower-case word may be a letter or a function word
/// that takes none: "Xi" is the letter xi, /zI/, to the dictionaries).
pub fn stress_as_name(phonemes: &str) -> String {
    with_stress(phonemes, true)
}

/// At least a secondary stress, or a primary one when `primary`.
fn with_stress(phonemes: &str, primary: bool) -> String {
    if phonemes.contains(PRIMARY) {
        return phonemes.to_string();
    }
    if phonemes.contains(SECONDARY) {
        return if primary { phonemes.replace(SECONDARY, &PRIMARY.to_string()) } else { phonemes.to_string() };
    }
    match phonemes.char_indices().find(|(_, c)| VOWELS.contains(*c)) {
        Some((i, _)) => {
            let mark = if primary { PRIMARY } else { SECONDARY };
            format!("{}{mark}{}", &phonemes[..i], &phonemes[i..])
        }
        None => phonemes.to_string(),
    }
}

/// Whether a word is written like a name: a capital, then lower case (not "I'm", not "NASA").
pub fn looks_like_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && !word.starts_with("I'")
        && chars.clone().any(char::is_lowercase)
        && !chars.any(char::is_uppercase)
}

/// misaki writes the flap and the glottal stop as ɾ and ʔ, and turns them into T and t for
/// Kokoro v1.0, which was trained that way.
fn for_kokoro_v1(phonemes: &str) -> String {
    phonemes.replace('ɾ', "T").replace('ʔ', "t")
}

/// Reads a dictionary's top-level object straight into the map (no intermediate tree).
struct AddEntries<'a>(&'a mut HashMap<String, String>);

impl<'de> DeserializeSeed<'de> for AddEntries<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AddEntries<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object from words to phonemes")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(word) = map.next_key::<String>()? {
            let entry: Entry = map.next_value()?;
            // A word in capitals with no pronunciation as a noun is an acronym to spell out.
            if entry.spelled_as_noun && is_all_caps(&word) {
                continue;
            }
            if let Some(phonemes) = entry.phonemes {
                self.0.entry(word).or_insert_with(|| for_kokoro_v1(&phonemes));
            }
        }
        Ok(())
    }
}

/// One dictionary value: phonemes, or phonemes by part of speech.
struct Entry {
    phonemes: Option<String>,
    /// Some part of speech has no phonemes (misaki then spells the word letter by letter).
    spelled_as_noun: bool,
}

impl<'de> de::Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Entry, D::Error> {
        deserializer.deserialize_any(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("phonemes, or an object of phonemes by part of speech with a DEFAULT")
    }

    fn visit_str<E: de::Error>(self, phonemes: &str) -> Result<Entry, E> {
        Ok(Entry { phonemes: Some(phonemes.to_string()), spelled_as_noun: false })
    }

    fn visit_string<E: de::Error>(self, phonemes: String) -> Result<Entry, E> {
        Ok(Entry { phonemes: Some(phonemes), spelled_as_noun: false })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
        let mut default = None;
        let mut first = None;
        let mut spelled_as_noun = false;
        while let Some((tag, phonemes)) = map.next_entry::<String, Option<String>>()? {
            match phonemes {
                None => spelled_as_noun = true,
                Some(ps) if tag == "DEFAULT" => default = Some(ps),
                Some(ps) => {
                    first.get_or_insert(ps);
                }
            }
        }
        Ok(Entry { phonemes: default.or(first), spelled_as_noun })
    }
}

type Shared = OnceLock<Result<Option<Lexicon>, LoadError>>;
static AMERICAN: Shared = OnceLock::new();
static BRITISH: Shared = OnceLock::new();

/// The process's dictionaries for an accent, read from `dir` on the first call.
pub fn shared(dir: &Path, british: bool) -> Result<Option<&'static Lexicon>, LoadError> {
    let cell = if british { &BRITISH } else { &AMERICAN };
    let dir: PathBuf = dir.to_path_buf();
    cell.get_or_init(|| Lexicon::load(&dir, british)).as_ref().map(Option::as_ref).map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = r#"{
        "cat": "kˈæt",
        "bus": "bˈʌs",
        "dog": "dˈɔɡ",
        "city": "sˈɪɾi",
        "certain": "sˈɜɹʔn",
        "read": {"ADJ": "ɹˈɛd", "DEFAULT": "ɹˈid", "VBD": "ɹˈɛd"},
        "US": {"DEFAULT": "ˌʌs", "NOUN": null},
        "NASA": "nˈæsə",
        "Paris": "pˈɛɹəs",
        "and": "ænd",
        "well": "wˈɛl",
        "known": "nˈOn",
        "it's": "ɪts"
    }"#;
    const SILVER: &str = r#"{"cat": "kˈæʔ", "zorb": "zˈɔɹb"}"#;

    fn lexicon() -> Lexicon {
        Lexicon::from_json(&[GOLD, SILVER], false).unwrap()
    }

    #[test]
    fn words_are_found_in_gold_before_silver() {
        let lex = lexicon();
        assert_eq!(lex.word("cat").as_deref(), Some("kˈæt"));
        assert_eq!(lex.word("zorb").as_deref(), Some("zˈɔɹb"));
        assert_eq!(lex.word("it's").as_deref(), Some("ɪts"));
        // Kokoro v1.0's flap and glottal stop.
        assert_eq!(lex.word("city").as_deref(), Some("sˈɪTi"));
        assert_eq!(lex.word("certain").as_deref(), Some("sˈɜɹtn"));
        assert_eq!(lex.word("xyzzy"), None);
    }

    #[test]
    fn several_pronunciations_take_the_default() {
        assert_eq!(lexicon().word("read").as_deref(), Some("ɹˈid"));
        let first = Lexicon::from_json(&[r#"{"x": {"NOUN": "ˈɛks", "VERB": "ˈɛkz"}}"#], false).unwrap();
        assert_eq!(first.word("x").as_deref(), Some("ˈɛks"));
    }

    #[test]
    fn case_variants_are_tried() {
        let lex = lexicon();
        assert_eq!(lex.word("Cat").as_deref(), Some("kˈæt"));
        assert_eq!(lex.word("paris").as_deref(), Some("pˈɛɹəs"));
        // A capitalized word gets some stress.
        assert_eq!(lex.word("And").as_deref(), Some("ˌænd"));
        assert_eq!(lex.word("and").as_deref(), Some("ænd"));
        assert_eq!(lex.word("NASA").as_deref(), Some("nˈæsə"));
    }

    #[test]
    fn acronyms_are_not_their_lower_case_words() {
        let lex = lexicon();
        assert_eq!(lex.word("US"), None);
        assert_eq!(lex.word("CAT"), None);
        assert_eq!(lex.word("CaT"), None);
        assert_eq!(lex.word("NASAs").as_deref(), Some("nˈæsəz"));
    }

    #[test]
    fn plurals_and_possessives_add_the_sound_of_s() {
        let lex = lexicon();
        assert_eq!(lex.word("cat's").as_deref(), Some("kˈæts"));
        assert_eq!(lex.word("cats").as_deref(), Some("kˈæts"));
        assert_eq!(lex.word("cats'").as_deref(), Some("kˈæts"));
        assert_eq!(lex.word("dogs").as_deref(), Some("dˈɔɡz"));
        assert_eq!(lex.word("dog’s".replace('’', "'").as_str()).as_deref(), Some("dˈɔɡz"));
        assert_eq!(lex.word("buses").as_deref(), Some("bˈʌsᵻz"));
        assert_eq!(lex.word("bus's").as_deref(), Some("bˈʌsᵻz"));
        assert_eq!(lex.word("cities").as_deref(), Some("sˈɪTiz"));
        assert_eq!(lex.word("Paris's").as_deref(), Some("pˈɛɹəsᵻz"));
        assert_eq!(lex.word("NASA's").as_deref(), Some("nˈæsəz"));
        let british = Lexicon::from_json(&[GOLD], true).unwrap();
        assert_eq!(british.word("buses").as_deref(), Some("bˈʌsɪz"));
        // Not a plural of anything known.
        assert_eq!(lex.word("glass"), None);
    }

    #[test]
    fn quotes_and_compounds() {
        let lex = lexicon();
        assert_eq!(lex.word("'cat'").as_deref(), Some("kˈæt"));
        assert_eq!(lex.word("well-known"), None);
    }

    #[test]
    fn context_words_follow_the_next_sound() {
        assert_eq!(in_context("the", Following::of("ˈæpᵊl"), None), Some("ði"));
        assert_eq!(in_context("The", Following::of("kˈæt"), None), Some("ðə"));
        assert_eq!(in_context("to", Following::of("ˌɛnd"), None), Some("tʊ"));
        assert_eq!(in_context("to", Following::Pause, None), None);
        assert_eq!(in_context("used", Following::Consonant, Some("to")), Some("jˈust"));
        assert_eq!(in_context("used", Following::Consonant, Some("tools")), None);
        assert_eq!(in_context("cat", Following::Vowel, None), None);
        assert!(is_context_word("the") && !is_context_word("cat"));
    }

    #[test]
    fn acronym_plurals() {
        assert_eq!(acronym_stem("CEOs"), Some("CEO"));
        assert_eq!(acronym_stem("NFL's"), Some("NFL"));
        assert_eq!(acronym_stem("Cats"), None);
        assert_eq!(acronym_stem("US"), None);
        assert_eq!(acronym_stem("As"), None);
        assert_eq!(lexicon().add_s("ˌAˌɛmˈA".to_string()), "ˌAˌɛmˈAz");
    }

    #[test]
    fn names_take_a_primary_stress() {
        assert_eq!(stress_as_name("zI"), "zˈI");
        assert_eq!(stress_as_name("zˌI"), "zˈI");
        assert_eq!(stress_as_name("pˈɛɹəs"), "pˈɛɹəs");
        assert!(looks_like_name("Xi") && looks_like_name("Paris's"));
        assert!(!looks_like_name("I'm") && !looks_like_name("NASA") && !looks_like_name("iPhone"));
        assert!(!looks_like_name("McCain") && !looks_like_name("I"));
    }

    #[test]
    fn a_broken_file_is_an_error_and_a_missing_one_is_none() {
        let dir = std::env::temp_dir().join(format!("readcast-lexicon-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(Lexicon::load(&dir, false).unwrap().is_none());
        assert!(!installed(&dir, false));
        std::fs::write(dir.join("us_gold.json"), GOLD).unwrap();
        let lex = Lexicon::load(&dir, false).unwrap().unwrap();
        assert_eq!(lex.word("dogs").as_deref(), Some("dˈɔɡz"));
        std::fs::write(dir.join("us_silver.json"), "{\"cat\": [1]}").unwrap();
        let error = Lexicon::load(&dir, false).err().unwrap().to_string();
        assert!(error.contains("us_silver.json is not a pronunciation dictionary: "), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
