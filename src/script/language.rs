//! Is a sentence English? The English spoken-form rules must not touch a German quote read by an
//! English voice: "bis zum Jahr 2026" is not "twenty twenty-six".
//!
//! The evidence is the small words: a sentence with more function words of another language than
//! of English is not English. Sentences with too few such words to tell count as English (the
//! voice is English), so a short English sentence is never skipped.

const ENGLISH: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from", "by", "is", "are",
    "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she",
    "they", "we", "you", "i", "his", "her", "their", "our", "not", "will", "would", "can", "could", "which", "who",
    "what", "when", "where", "there", "than", "then", "as", "if", "so", "about", "after", "before",
];
/// Common function words of German, French, Spanish, Italian, Dutch and Portuguese that are not
/// English words. Words that are also English ("no", "war", "die", "hat", "son", "do", "plus",
/// "et al." ...) are left out: counted here, they made plain English sentences look foreign.
const OTHER: &[&str] = &[
    "der", "das", "dem", "des", "ein", "eine", "einen", "und", "oder", "aber", "nicht", "mit", "von", "zu", "zum",
    "zur", "auf", "für", "ist", "sind", "wurde", "werden", "haben", "im", "bei", "nach", "aus", "wie", "als", "auch",
    "noch", "sich", "sie", "er", "es", "wir", "ich", "dass", "wenn", "sehr", "mehr", "vor", "über", "unter", "bis",
    "le", "la", "les", "un", "une", "du", "ou", "mais", "pas", "avec", "pour", "sur", "dans", "est", "sont", "était",
    "il", "elle", "ils", "elles", "nous", "vous", "je", "que", "qui", "ne", "se", "ce", "cette", "ces", "au", "aux",
    "el", "las", "una", "unos", "unas", "y", "pero", "con", "por", "para", "es", "lo", "su", "sus", "del", "como",
    "más", "gli", "uno", "non", "che", "è", "sono", "di", "da", "nel", "nella", "het", "een", "van", "niet", "met",
    "voor", "zijn", "ook", "aan", "bij", "om", "os", "uma", "mas", "não", "com", "em", "é", "são", "dos", "das", "na",
];

/// Does `text` read as English (or is there too little to tell)?
pub fn looks_english(text: &str) -> bool {
    let (mut english, mut other) = (0, 0);
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        let lower = word.to_lowercase();
        if ENGLISH.contains(&lower.as_str()) {
            english += 1;
        } else if OTHER.contains(&lower.as_str()) {
            other += 1;
        }
    }
    other < 2 || english >= other
}

/// The language of `text` (ISO 639-1) when it is confidently not English (a first version).
pub fn detect_language(text: &str) -> Option<&'static str> {
    if looks_english(text) {
        return None;
    }
    const MARKERS: &[(&str, &[&str])] = &[
        (
            "de",
            &["der", "das", "und", "nicht", "ist", "ein", "eine", "mit", "für", "auf", "sich", "wir", "ich", "dass"],
        ),
        ("fr", &["le", "la", "les", "et", "est", "une", "pas", "pour", "dans", "nous", "vous", "que", "qui", "avec"]),
        ("es", &["el", "los", "las", "y", "una", "pero", "con", "por", "para", "es", "del", "como", "más"]),
        ("it", &["il", "gli", "che", "non", "sono", "di", "nel", "nella", "è", "per", "una"]),
        ("nl", &["het", "een", "van", "niet", "met", "voor", "zijn", "ook", "aan", "bij"]),
        ("pt", &["os", "uma", "mas", "não", "com", "em", "são", "dos", "na", "para"]),
    ];
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    MARKERS
        .iter()
        .map(|(code, list)| (*code, words.iter().filter(|w| list.contains(&w.as_str())).count()))
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(_, n)| *n)
        .map(|(code, _)| code)
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
        ] {
            assert!(looks_english(sentence), "{sentence}");
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
}
