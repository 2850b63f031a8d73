//! Text to the phonemes Kokoro was trained on.
//!
//! The text arrives in its spoken form (numbers, abbreviations and the lexicon already applied by
//! the script stage). What is left to do here: curly quotes and apostrophes made plain (Kokoro
//! mispronounces words around typographic ones), the text cut at punctuation so the runs of words
//! between are phonemized while the punctuation itself reaches the model (it shapes pauses and
//! intonation), and the words made phonemes. English words come from misaki's dictionaries when
//! they are installed ([`lexicon`], what Kokoro's own tools use); other words and languages from
//! espeak-ng, its IPA mapped onto Kokoro's symbol set the way Kokoro's own tools do (tied
//! diphthongs become its single letters, sounds it lacks become the nearest ones it has).

use super::super::{EspeakLibError, espeak_phonemes};
use super::lexicon::{self, Following, Lexicon};

/// Punctuation that reaches the model as it is (Kokoro's vocabulary has these).
const PUNCTUATION: &str = ";:,.!?¡¿—…\"«»“”()";
/// The punctuation that makes a pause (quotes and brackets do not).
const PAUSES: &str = ";:,.!?¡¿—…";
/// The punctuation after which a capitalized word may just begin a sentence or a quote, rather
/// than be a name.
const SENTENCE_STARTS_AFTER: &str = ";:.!?¡¿…\"«»“”(";

/// The tie character espeak-ng is asked to put inside multi-letter phonemes (`e^ɪ`).
pub const TIE: char = '^';

/// espeak-ng's tied phonemes and sounds to Kokoro's symbols, longest first.
const ESPEAK_TO_KOKORO: &[(&str, &str)] = &[
    ("ʔˌn\u{329}", "ʔn"),
    ("ʔn\u{329}", "ʔn"),
    ("a^ɪ", "I"),
    ("a^ʊ", "W"),
    ("d^ʒ", "ʤ"),
    ("d^z", "ʣ"),
    ("e^ɪ", "A"),
    ("e", "A"),
    ("t^ʃ", "ʧ"),
    ("t^s", "ʦ"),
    ("ɔ^ɪ", "Y"),
    ("ə^l", "ᵊl"),
    ("ʲo", "jo"),
    ("ʲə", "jə"),
    ("ʲ", ""),
    ("ɚ", "əɹ"),
    ("r", "ɹ"),
    ("x", "k"),
    ("ç", "k"),
    ("ɐ", "ə"),
    ("ɬ", "l"),
    ("\u{303}", ""),
];

/// espeak-ng's syllabic mark (U+0329) follows its consonant; Kokoro writes a schwa before it.
fn syllabic_to_schwa(phonemes: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(phonemes.len());
    for c in phonemes.chars() {
        match (c, out.last().copied()) {
            ('\u{329}', Some(consonant)) if !consonant.is_whitespace() => {
                out.pop();
                out.push('ᵊ');
                out.push(consonant);
            }
            ('\u{329}', _) => {}
            (c, _) => out.push(c),
        }
    }
    out.into_iter().collect()
}

/// Make typographic quotes plain and brackets into the quotes Kokoro knows.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '‘' | '’' | 'ʼ' | '′' => out.push('\''),
            '“' | '”' | '„' | '«' | '»' | '″' => out.push('"'),
            '–' => out.push_str(", "),
            '\n' | '\t' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// English espeak-ng phonemes into Kokoro's American or British symbols.
fn english_fixups(phonemes: &str, british: bool) -> String {
    let mut ps = phonemes.to_string();
    if british {
        // Before the general table, which would take the e of the tied e^ə.
        ps = ps.replace("e^ə", "ɛː").replace("ə^ʊ", "Q");
    }
    for (from, to) in ESPEAK_TO_KOKORO {
        ps = ps.replace(from, to);
    }
    ps = syllabic_to_schwa(&ps);
    if british {
        ps = ps.replace("iə", "ɪə");
    } else {
        ps = ps.replace("o^ʊ", "O").replace("ɜːɹ", "ɜɹ").replace("ɜː", "ɜɹ").replace("ɪə", "iə").replace('ː', "");
    }
    // espeak-ng before 1.52 writes the vowel of "thought" as o; Kokoro's is ɔ.
    ps = ps.replace('o', "ɔ");
    ps = ps.replace('ɾ', "T").replace('ʔ', "t");
    ps.replace(TIE, "")
}

/// Other languages: only the tied phonemes become Kokoro's letters.
fn other_fixups(phonemes: &str) -> String {
    let mut ps = phonemes.to_string();
    for (from, to) in [
        ("a^ɪ", "I"),
        ("a^ʊ", "W"),
        ("d^z", "ʣ"),
        ("d^ʒ", "ʤ"),
        ("e^ɪ", "A"),
        ("o^ʊ", "O"),
        ("ə^ʊ", "Q"),
        ("s^s", "S"),
        ("t^s", "ʦ"),
        ("t^ʃ", "ʧ"),
        ("ɔ^ɪ", "Y"),
    ] {
        ps = ps.replace(from, to);
    }
    ps.replace([TIE, '-'], "")
}

/// Phonemize `text` for a voice whose words espeak-ng's `espeak_voice` reads; with a `lexicon`,
/// the English words it has come from it and only the rest from espeak-ng.
pub fn phonemize(text: &str, espeak_voice: &str, lexicon: Option<&Lexicon>) -> Result<String, EspeakLibError> {
    let text = normalize(text);
    let english = espeak_voice.starts_with("en");
    let british = espeak_voice.starts_with("en-gb");
    let espeak = |words: &str| -> Result<String, EspeakLibError> {
        let ipa = espeak_phonemes::phonemize_tied(espeak_voice, words)?;
        let fixed = if english { english_fixups(&ipa, british) } else { other_fixups(&ipa) };
        Ok(fixed.trim().to_string())
    };
    let runs = split_punctuation(&text);
    let spoken: Vec<String> = match lexicon.filter(|_| english) {
        Some(lexicon) => with_lexicon(&runs, lexicon, espeak)?,
        None => runs
            .iter()
            .map(|&(is_punctuation, run)| if is_punctuation { Ok(String::new()) } else { espeak(run) })
            .collect::<Result<_, _>>()?,
    };
    let mut out = String::with_capacity(text.len() * 2);
    for (&(is_punctuation, run), phonemes) in runs.iter().zip(&spoken) {
        if is_punctuation {
            // Keep the marks and one space where the text had space around them.
            let marks: String = run.chars().filter(|c| !c.is_whitespace()).collect();
            if run.starts_with(char::is_whitespace) && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&marks);
            if run.ends_with(char::is_whitespace) {
                out.push(' ');
            }
        } else {
            out.push_str(phonemes);
        }
    }
    Ok(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// One word of the text on its way to phonemes.
struct Word<'a> {
    text: &'a str,
    /// The index of its run in the text's runs.
    run: usize,
    phonemes: Option<String>,
}

/// The phonemes of each run of words (empty for punctuation runs): the lexicon's where it has the
/// word, espeak-ng's for the words between (several in a row at once, so it still sees phrases),
/// and the little words that depend on the next one ("the", "to" ...) decided last.
fn with_lexicon(
    runs: &[(bool, &str)],
    lexicon: &Lexicon,
    espeak: impl Fn(&str) -> Result<String, EspeakLibError>,
) -> Result<Vec<String>, EspeakLibError> {
    let mut words = Vec::new();
    // Whether the next word is inside a sentence, not where one (or a quote) may begin.
    let mut mid_sentence = false;
    for (run, &(is_punctuation, text)) in runs.iter().enumerate() {
        if is_punctuation {
            mid_sentence &= !text.chars().any(|c| SENTENCE_STARTS_AFTER.contains(c));
            continue;
        }
        for text in text.split_whitespace() {
            let mut phonemes = if lexicon::is_context_word(text) { None } else { lexicon.word(text) };
            if mid_sentence && lexicon::looks_like_name(text) {
                phonemes = phonemes.map(|ps| lexicon::stress_as_name(&ps));
            }
            words.push(Word { text, run, phonemes });
            mid_sentence = true;
        }
    }
    for word in &mut words {
        if word.phonemes.is_none()
            && let Some(stem) = lexicon::acronym_stem(word.text)
        {
            word.phonemes = Some(lexicon.add_s(espeak(stem)?));
        }
    }
    let for_espeak = |w: &Word| w.phonemes.is_none() && !lexicon::is_context_word(w.text);
    let mut i = 0;
    while i < words.len() {
        if !for_espeak(&words[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < words.len() && words[end].run == words[i].run && for_espeak(&words[end]) {
            end += 1;
        }
        let group: Vec<&str> = words[i..end].iter().map(|w| w.text).collect();
        words[i].phonemes = Some(espeak(&group.join(" "))?);
        for word in &mut words[i + 1..end] {
            word.phonemes = Some(String::new());
        }
        i = end;
    }
    for i in (0..words.len()).rev() {
        if words[i].phonemes.is_some() {
            continue;
        }
        let (following, next_word) = following(&words, runs, i);
        let phonemes = match lexicon::in_context(words[i].text, following, next_word) {
            Some(ps) => ps.to_string(),
            None => match lexicon.word(words[i].text) {
                Some(ps) => ps,
                None => espeak(words[i].text)?,
            },
        };
        words[i].phonemes = Some(phonemes);
    }
    let mut spoken = vec![String::new(); runs.len()];
    for word in words {
        let phonemes = word.phonemes.unwrap_or_default();
        if phonemes.is_empty() {
            continue;
        }
        let run = &mut spoken[word.run];
        if !run.is_empty() {
            run.push(' ');
        }
        run.push_str(&phonemes);
    }
    Ok(spoken)
}

/// What follows word `i` (whose followers have their phonemes): the next word's first sound, seen
/// through quotes and brackets but not through other punctuation, which makes a pause.
fn following<'a>(words: &[Word<'a>], runs: &[(bool, &str)], i: usize) -> (Following, Option<&'a str>) {
    for next in &words[i + 1..] {
        let between = runs.get(words[i].run + 1..next.run).unwrap_or_default();
        if between.iter().any(|(_, marks)| marks.chars().any(|c| PAUSES.contains(c))) {
            break;
        }
        match next.phonemes.as_deref() {
            Some("") => continue,
            Some(ps) => return (Following::of(ps), Some(next.text)),
            None => break,
        }
    }
    (Following::Pause, None)
}

/// The text as alternating runs: `(true, punctuation with its spaces)` and `(false, words)`.
fn split_punctuation(text: &str) -> Vec<(bool, &str)> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let kind = if PUNCTUATION.contains(c) {
            true
        } else if c.is_whitespace() {
            // Space sticks to the run it sits in.
            match current {
                Some(kind) => kind,
                None => continue,
            }
        } else {
            false
        };
        if current != Some(kind) {
            if let Some(previous) = current {
                runs.push((previous, &text[start..i]));
            }
            start = i;
            current = Some(kind);
        }
    }
    if let Some(kind) = current {
        runs.push((kind, &text[start..]));
    }
    // Space before a mark belongs to the mark's run, so "a , b" keeps its spacing right.
    runs.into_iter().filter(|(_, run)| !run.trim().is_empty() || run.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_become_plain() {
        assert_eq!(normalize("“It’s here,” she said."), "\"It's here,\" she said.");
    }

    #[test]
    fn punctuation_splits_runs() {
        let runs = split_punctuation("Hello, world! Fine.");
        let kinds: Vec<bool> = runs.iter().map(|r| r.0).collect();
        assert_eq!(kinds, vec![false, true, false, true, false, true]);
        assert_eq!(runs[0].1, "Hello");
        assert_eq!(runs[1].1, ", ");
    }

    #[test]
    fn english_symbols_map_onto_kokoro() {
        assert_eq!(english_fixups("hˈe^ɪ", false), "hˈA");
        assert_eq!(english_fixups("ɡˈo^ʊ", false), "ɡˈO");
        assert_eq!(english_fixups("ɡˈə^ʊ", true), "ɡˈQ");
        assert_eq!(english_fixups("bˈɜːd", false), "bˈɜɹd");
        assert_eq!(english_fixups("bˈɜːd", true), "bˈɜːd");
        assert_eq!(english_fixups("bˈʌtɚ", false), "bˈʌtəɹ");
        assert_eq!(english_fixups("bˈʌtn\u{329}", false), "bˈʌtᵊn");
        assert_eq!(english_fixups("hˈe^ə", true), "hˈɛː");
    }

    fn test_lexicon() -> Lexicon {
        let json = r#"{"apple": "ˈæpᵊl", "cat": "kˈæt", "and": "ænd", "go": "ɡˈO", "home": "hˈOm", "xi": "zI"}"#;
        Lexicon::from_json(&[json], false).unwrap()
    }

    /// A stand-in for espeak-ng that shows which words reached it, together.
    fn fake_espeak(words: &str) -> Result<String, EspeakLibError> {
        Ok(format!("<{}>", words.replace(' ', "_")))
    }

    fn with_test_lexicon(text: &str) -> String {
        let runs = split_punctuation(text);
        let spoken = with_lexicon(&runs, &test_lexicon(), fake_espeak).unwrap();
        runs.iter().zip(spoken).map(|(&(p, run), ps)| if p { run.to_string() } else { ps }).collect()
    }

    #[test]
    fn lexicon_words_and_espeak_for_the_rest() {
        assert_eq!(with_test_lexicon("cat and zorb quux cats"), "kˈæt ænd <zorb_quux> kˈæts");
        assert_eq!(with_test_lexicon("Cat, zorb."), "kˈæt, <zorb>.");
        // An acronym's plural: the acronym from espeak-ng and the sound of s.
        assert_eq!(with_test_lexicon("the CEOs"), "ðə <CEO>z");
    }

    #[test]
    fn names_inside_sentences_are_stressed() {
        // Not where a sentence or a quote may begin (plain quotes may open or close).
        assert_eq!(with_test_lexicon("Xi and Xi. Xi, \"Xi\" Xi, Xi"), "zˌI ænd zˈI. zˌI, \"zˌI\" zˌI, zˈI");
    }

    #[test]
    fn little_words_hear_the_next_one() {
        assert_eq!(with_test_lexicon("the apple and the cat"), "ði ˈæpᵊl ænd ðə kˈæt");
        // Through quotes, not through a comma; an unknown word's sound comes from espeak-ng.
        assert_eq!(with_test_lexicon("the \"apple\""), "ði\"ˈæpᵊl\"");
        assert_eq!(with_test_lexicon("go to, apple"), "ɡˈO <to>, ˈæpᵊl");
        assert_eq!(with_test_lexicon("go to home"), "ɡˈO tə hˈOm");
        assert_eq!(with_test_lexicon("go in"), "ɡˈO ˈɪn");
        assert_eq!(with_test_lexicon("the ubiquitous"), "ðə <ubiquitous>");
    }

    #[test]
    fn sentences_keep_their_punctuation() {
        let Ok(ps) = phonemize("Hello, world! It’s “fine”.", "en-us", None) else {
            eprintln!("skipped: libespeak-ng is not installed");
            return;
        };
        assert!(ps.contains(", "), "{ps}");
        assert!(ps.contains('!'), "{ps}");
        assert!(ps.contains('"'), "{ps}");
        assert!(!ps.contains(TIE), "{ps}");
        assert!(ps.starts_with("həlˈO"), "{ps}");
    }
}
