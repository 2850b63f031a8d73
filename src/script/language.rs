//! Is a sentence English, and if not, which language is it? The English spoken-form rules must
//! not touch a German quote ("bis zum Jahr 2026" is not "twenty twenty-six"), and a sentence in
//! another language is spoken by a voice for that language. A narrator of another language asks
//! the same against its own language ([`detect_language_in`]), with English one more to find.
//!
//! Two kinds of evidence, because neither alone is good enough on short sentences (measured in
//! `tests/it/quotations.rs`, figures in `docs/voices.md`):
//! - The small words decide *whether* a Latin-script sentence is foreign: one with more function
//!   words of German, French, Spanish, Italian, Portuguese or Dutch than of English is not
//!   English. Names, loan words and places ("Real Madrid", "café au lait", "Den Haag") bring
//!   nouns, not function words, so an English sentence full of them stays English; a sentence with
//!   too few such words to tell is English (the narrator is), so a short one is never skipped.
//! - Which of those languages it is: the function words' votes, and where they tie, the trigram
//!   model of the `whatlang` crate restricted to the tied languages. Where there are too few
//!   small words to tell, whatlang may still say "foreign" if it calls its guess reliable.
//!
//! On its own, whatlang's best guess called one English sentence in five foreign (names and loan
//! words weigh as much as grammar in trigrams), and its reliable guesses found only half of the
//! foreign ones; the function words alone missed short foreign sentences. Together they keep
//! every English sentence of the set and find 97% of the foreign ones.
//!
//! Text in another script (Cyrillic, Greek, Arabic, Hebrew, CJK, Devanagari) is not English
//! whatever its words: whatlang names its language when it is sure.

use whatlang::{Detector, Lang, Script};

const ENGLISH: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from", "by", "is", "are",
    "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she",
    "they", "we", "you", "i", "his", "her", "their", "our", "not", "will", "would", "can", "could", "which", "who",
    "what", "when", "where", "there", "than", "then", "as", "if", "so", "about", "after", "before",
];

/// Function words of each language that are not English words. Words that are also English
/// ("no", "war", "die", "hat", "son", "do", "plus", "den", "de" in names ...) are left
/// out: counted, they made plain English sentences look foreign. A word may vote for several.
const OTHER: &[(&str, &[&str])] =
    &[("de", GERMAN), ("fr", FRENCH), ("es", SPANISH), ("it", ITALIAN), ("pt", PORTUGUESE), ("nl", DUTCH)];
const GERMAN: &[&str] = &[
    "der", "das", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder", "aber", "nicht", "mit", "von",
    "zu", "zum", "zur", "auf", "für", "ist", "sind", "wurde", "werden", "wird", "haben", "im", "bei", "nach", "aus",
    "wie", "als", "auch", "noch", "sich", "sie", "er", "es", "wir", "ich", "dass", "wenn", "sehr", "mehr", "vor",
    "über", "unter", "bis", "seit", "ohne", "jeden", "jede", "schon", "nur", "heute", "uns", "ihr", "ihre", "ihren",
    "vielen", "dank", "weiß", "ob", "diese", "dieser",
];
const FRENCH: &[&str] = &[
    "le", "la", "les", "un", "une", "du", "des", "ou", "mais", "pas", "avec", "pour", "sur", "dans", "est", "sont",
    "était", "il", "elle", "ils", "elles", "nous", "vous", "je", "que", "qui", "ne", "se", "ce", "cette", "ces", "au",
    "aux", "depuis", "très", "notre", "votre", "leur", "merci", "beaucoup", "sera", "seront", "encore", "tous",
    "toutes", "en", "l'", "d'", "c'", "qu'", "j'", "n'", "s'",
];
const SPANISH: &[&str] = &[
    "el", "la", "los", "las", "un", "una", "unos", "unas", "y", "pero", "con", "por", "para", "es", "lo", "su", "sus",
    "del", "como", "más", "que", "se", "también", "muy", "hace", "desde", "todas", "todos", "todavía", "sé", "gracias",
    "muchas", "este", "esta", "hemos", "durante", "mucho", "en",
];
const ITALIAN: &[&str] = &[
    "il", "lo", "gli", "la", "le", "uno", "una", "un", "di", "da", "del", "della", "dello", "nel", "nella", "che",
    "non", "è", "sono", "anche", "molto", "ancora", "questo", "questa", "quest", "sulla", "sul", "alla", "ogni",
    "oggi", "grazie", "mille", "abbiamo", "siamo", "vostra", "dei", "per", "lei", "due", "tre",
];
const PORTUGUESE: &[&str] = &[
    "o", "os", "as", "uma", "umas", "mas", "não", "com", "em", "é", "são", "dos", "das", "na", "nos", "pelo", "pela",
    "há", "muito", "ainda", "hoje", "obrigado", "obrigada", "este", "esta", "ela", "ele", "vamos", "da", "dois",
    "duas", "três", "que", "se", "por", "para", "um", "vossa", "durante",
];
const DUTCH: &[&str] = &[
    "het", "een", "van", "niet", "met", "voor", "zijn", "ook", "aan", "bij", "om", "ik", "jij", "zij", "wel", "geen",
    "nog", "heeft", "hebben", "worden", "wordt", "werd", "naar", "uit", "dat", "elke", "deze", "uw", "dank", "wij",
    "en",
];

/// Words of a sentence in lower case; a French elision (l'étude, qu'il) gives its two parts, the
/// first with its apostrophe ("l'"). No evidence: acronyms (UN, ES) and capitalized words inside a
/// sentence, which are names and titles ("El Laberinto del Fauno", "Der Spiegel" after "in").
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for token in text.split_whitespace() {
        let starts = sentence_start;
        sentence_start = token
            .trim_end_matches(['"', '\'', ')', '\u{201D}', '\u{201C}', '\u{00BB}'])
            .ends_with(['.', '!', '?', ':']);
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = core.chars().next().is_some_and(char::is_uppercase);
        let acronym = core.chars().count() >= 2 && core.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        if core.is_empty() || acronym || capital && !starts {
            continue;
        }
        for word in core.split(|c: char| !c.is_alphanumeric() && !matches!(c, '\'' | '\u{2019}')) {
            let lower = word.to_lowercase().replace('\u{2019}', "'");
            match lower.split_once('\'') {
                Some((head, tail)) if matches!(head, "l" | "d" | "c" | "qu" | "j" | "n" | "s") && !tail.is_empty() => {
                    out.push(format!("{head}'"));
                    out.push(tail.to_string());
                }
                _ if !lower.is_empty() => out.push(lower),
                _ => {}
            }
        }
    }
    out
}

/// English function words, words of any other language, and each language's votes.
fn count(text: &str) -> (usize, usize, Vec<(&'static str, usize)>) {
    let (mut english, mut other) = (0, 0);
    let mut votes: Vec<(&'static str, usize)> = OTHER.iter().map(|(code, _)| (*code, 0)).collect();
    for word in words(text) {
        if ENGLISH.contains(&word.as_str()) {
            english += 1;
            continue;
        }
        let mut foreign = false;
        for ((_, list), vote) in OTHER.iter().zip(votes.iter_mut()) {
            if list.contains(&word.as_str()) {
                vote.1 += 1;
                foreign = true;
            }
        }
        other += usize::from(foreign);
    }
    (english, other, votes)
}

/// Does `text` read as English (or is there too little to tell)? The same verdict as
/// [`detect_language`] returning `None`.
pub fn looks_english(text: &str) -> bool {
    detect_language(text).is_none()
}

/// The ISO 639-1 code of `text`'s language when it is confidently not English, else `None`.
pub fn detect_language(text: &str) -> Option<&'static str> {
    if let Some(code) = other_script(text) {
        return Some(code);
    }
    let (english, other, votes) = count(text);
    if other < 2 || english >= other {
        return sure_guess(text, english, other);
    }
    let best = votes.iter().map(|v| v.1).max().unwrap_or(0);
    let tied: Vec<&'static str> = votes.iter().filter(|v| v.1 == best).map(|v| v.0).collect();
    if let [only] = tied.as_slice() {
        return Some(only);
    }
    let allow: Vec<Lang> = tied.iter().filter_map(|code| lang_of(code)).collect();
    let chosen = Detector::with_allowlist(allow).detect_lang(text).and_then(code_of);
    chosen.or(tied.first().copied())
}

/// English function words that are function words of `home` too ("in" and "was" in German,
/// "a" and "on" in French, "is" and "of" in Dutch): in a text of that language they say nothing
/// about English.
fn shared_with_english(home: &str) -> &'static [&'static str] {
    match home {
        "de" => &["in", "an", "was", "will", "so", "also"],
        "fr" => &["a", "as", "on"],
        "es" => &["a", "he", "has"],
        "it" => &["a", "i", "in", "so"],
        "pt" => &["a", "as"],
        "nl" => &["in", "an", "is", "was", "we", "had", "of"],
        _ => &[],
    }
}

/// The code of `text`'s language when it is confidently not `home`, the narrator's language
/// (ISO 639-1), else `None`. For an English narrator this is [`detect_language`]. For another,
/// the same two kinds of evidence, with English one more language to find: a Latin-script
/// sentence switches when another language's small words outnumber the home language's, at
/// least two of them (English words that are also the home language's small words do not count).
pub fn detect_language_in(text: &str, home: &str) -> Option<&'static str> {
    if home == "en" {
        return detect_language(text);
    }
    if whatlang::detect_script(text).is_some_and(|script| script != Script::Latin) {
        return other_script(text).filter(|code| *code != home);
    }
    let votes = tally(text, home);
    let at_home = votes.iter().find(|v| v.0 == home).map_or(0, |v| v.1);
    let away: Vec<(&'static str, usize)> = votes.into_iter().filter(|v| v.0 != home).collect();
    let best = away.iter().map(|v| v.1).max().unwrap_or(0);
    if best < 2 || best <= at_home {
        return None;
    }
    let tied: Vec<&'static str> = away.iter().filter(|v| v.1 == best).map(|v| v.0).collect();
    if let [only] = tied.as_slice() {
        return Some(only);
    }
    let allow: Vec<Lang> =
        tied.iter().filter_map(|code| if *code == "en" { Some(Lang::Eng) } else { lang_of(code) }).collect();
    let chosen = Detector::with_allowlist(allow).detect_lang(text).and_then(|lang| match lang {
        Lang::Eng => Some("en"),
        other => code_of(other),
    });
    chosen.or(tied.first().copied())
}

/// Each language's small words in `text`: English first, then the six others. English words that
/// are also small words of `home` are not counted for English.
fn tally(text: &str, home: &str) -> Vec<(&'static str, usize)> {
    let shared = shared_with_english(home);
    let mut votes: Vec<(&'static str, usize)> = vec![("en", 0)];
    votes.extend(OTHER.iter().map(|(code, _)| (*code, 0)));
    for word in words(text) {
        let word = word.as_str();
        if ENGLISH.contains(&word) && !shared.contains(&word) {
            votes[0].1 += 1;
        }
        for ((_, list), vote) in OTHER.iter().zip(votes[1..].iter_mut()) {
            vote.1 += usize::from(list.contains(&word));
        }
    }
    votes
}

/// The language of a whole paragraph when it is not `home`'s: as [`detect_language_in`], and the
/// home language's small words must be all but absent (at most a quarter as many as the other
/// language's), so a paragraph with one sentence of each is judged sentence by sentence.
pub fn paragraph_language_in(text: &str, home: &str) -> Option<&'static str> {
    let code = detect_language_in(text, home)?;
    let votes = tally(text, home);
    let of = |code: &str| votes.iter().find(|v| v.0 == code).map_or(0, |v| v.1);
    (of(home) * 4 <= of(code)).then_some(code)
}

/// The ISO 639-1 code of a voice's language as an engine lists it (`en-US`, `fr-fr`, `de_DE`,
/// `pt-br`), when it is one the detector knows.
pub fn language_code(listed: &str) -> Option<&'static str> {
    let head = listed.split(['-', '_']).next()?.to_ascii_lowercase();
    if head == "en" {
        return Some("en");
    }
    CODES.iter().map(|(_, code)| *code).find(|code| *code == head)
}

/// Too few small words to tell: whatlang's guess among English and the six languages, taken only
/// when whatlang calls it reliable and the small words do not lean English.
fn sure_guess(text: &str, english: usize, other: usize) -> Option<&'static str> {
    if english > other {
        return None;
    }
    let allow = vec![Lang::Eng, Lang::Deu, Lang::Fra, Lang::Spa, Lang::Ita, Lang::Por, Lang::Nld];
    let info = Detector::with_allowlist(allow).detect(text)?;
    if info.lang() == Lang::Eng || !info.is_reliable() {
        return None;
    }
    code_of(info.lang())
}

/// A language written in a script other than Latin, when whatlang is sure of it.
fn other_script(text: &str) -> Option<&'static str> {
    // Finding the script is cheap; the trigram model runs only for text that is not Latin.
    if whatlang::detect_script(text).is_none_or(|script| script == Script::Latin) {
        return None;
    }
    let info = whatlang::detect(text)?;
    if info.script() == Script::Latin || !info.is_reliable() {
        return None;
    }
    code_of(info.lang())
}

/// ISO 639-1 codes: the six Latin-script languages the function words know, and the languages
/// whatlang finds in other scripts.
const CODES: &[(Lang, &str)] = &[
    (Lang::Deu, "de"),
    (Lang::Fra, "fr"),
    (Lang::Spa, "es"),
    (Lang::Ita, "it"),
    (Lang::Por, "pt"),
    (Lang::Nld, "nl"),
    (Lang::Rus, "ru"),
    (Lang::Ukr, "uk"),
    (Lang::Ell, "el"),
    (Lang::Cmn, "zh"),
    (Lang::Jpn, "ja"),
    (Lang::Kor, "ko"),
    (Lang::Ara, "ar"),
    (Lang::Heb, "he"),
    (Lang::Hin, "hi"),
    (Lang::Bul, "bg"),
    (Lang::Srp, "sr"),
    (Lang::Bel, "be"),
    (Lang::Mkd, "mk"),
    (Lang::Pes, "fa"),
    (Lang::Urd, "ur"),
    (Lang::Tha, "th"),
    (Lang::Kat, "ka"),
    (Lang::Hye, "hy"),
    (Lang::Ben, "bn"),
    (Lang::Tam, "ta"),
    (Lang::Tel, "te"),
    (Lang::Mar, "mr"),
    (Lang::Guj, "gu"),
    (Lang::Pan, "pa"),
    (Lang::Kan, "kn"),
    (Lang::Mal, "ml"),
    (Lang::Yid, "yi"),
    (Lang::Amh, "am"),
    (Lang::Khm, "km"),
    (Lang::Sin, "si"),
    (Lang::Mya, "my"),
    (Lang::Ori, "or"),
];

fn code_of(lang: Lang) -> Option<&'static str> {
    CODES.iter().find(|(l, _)| *l == lang).map(|(_, code)| *code)
}

fn lang_of(code: &str) -> Option<Lang> {
    CODES.iter().find(|(_, c)| *c == code).map(|(lang, _)| *lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_too_short_to_tell_are_english() {
        assert!(looks_english("The council met on Tuesday to discuss the 2024 budget."));
        assert!(looks_english("Especially Lee."));
        assert!(looks_english("Born in Lagos in 1932, she moved to Dunmore."));
        // English sentences full of words that are also German, Spanish or Dutch.
        for sentence in [
            "No war, no peace in 1990.",
            "Do not die on that hill, son.",
            "His hat was left in the den.",
            "Smith et al. found no era like it, plus a par score.",
            "Los Angeles had no rain in May.",
            "Real Madrid beat Bayern München two goals to one.",
            "I'd say he's from Den Haag.",
        ] {
            assert!(looks_english(sentence), "{sentence}");
            assert_eq!(detect_language(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn other_languages_are_not() {
        assert!(!looks_english("Der Stadtrat hat am Dienstag beschlossen, bis zum Jahr 2026 neue Radwege zu bauen."));
        assert!(!looks_english("Le conseil a voté pour la nouvelle piste cyclable en 2024."));
        assert!(!looks_english("El ayuntamiento aprobó el plan con 1.200 votos y por mayoría."));
        assert!(!looks_english("Die Stadt hat den Plan nicht mit der Bahn abgestimmt."));
        assert!(!looks_english("Het college wil de brug niet voor 2027 openen."));
        assert!(!looks_english("O governo não aprovou o plano com os votos da oposição."));
    }

    #[test]
    fn names_the_language() {
        for (code, sentence) in [
            ("de", "Die Stadt hat den Plan nicht mit der Bahn abgestimmt."),
            ("fr", "Je ne sais pas si le train part encore aujourd'hui."),
            ("es", "Los niños juegan en el parque todas las tardes."),
            ("it", "Non so se il treno parte ancora oggi."),
            ("pt", "Não sei se o comboio ainda parte hoje."),
            ("nl", "Ik weet niet of de trein vandaag nog vertrekt."),
            ("ru", "Городской совет проголосовал за новый мост через реку."),
        ] {
            assert_eq!(detect_language(sentence), Some(code), "{sentence}");
        }
    }
}
