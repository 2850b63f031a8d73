//! Text to the phonemes Kokoro was trained on.
//!
//! The text arrives in its spoken form (numbers, abbreviations and the lexicon already applied by
//! the script stage). What is left to do here: curly quotes and apostrophes made plain (Kokoro
//! mispronounces words around typographic ones), the text cut at punctuation so espeak-ng
//! phonemizes the runs of words between while the punctuation itself reaches the model (it shapes
//! pauses and intonation), and espeak-ng's IPA mapped onto Kokoro's symbol set the way Kokoro's
//! own tools do (tied diphthongs become its single letters, sounds it lacks become the nearest
//! ones it has).

use super::super::espeak_phonemes;

/// Punctuation that reaches the model as it is (Kokoro's vocabulary has these).
const PUNCTUATION: &str = ";:,.!?¡¿—…\"«»“”()";

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

/// Phonemize `text` for a voice whose words espeak-ng's `espeak_voice` reads.
pub fn phonemize(text: &str, espeak_voice: &str) -> Result<String, String> {
    let text = normalize(text);
    let english = espeak_voice.starts_with("en");
    let british = espeak_voice.starts_with("en-gb");
    let mut out = String::with_capacity(text.len() * 2);
    for (is_punctuation, run) in split_punctuation(&text) {
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
            continue;
        }
        let ipa = espeak_phonemes::phonemize_tied(espeak_voice, run)?;
        let fixed = if english { english_fixups(&ipa, british) } else { other_fixups(&ipa) };
        out.push_str(fixed.trim());
    }
    Ok(out.split_whitespace().collect::<Vec<_>>().join(" "))
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

    #[test]
    fn sentences_keep_their_punctuation() {
        let Ok(ps) = phonemize("Hello, world! It’s “fine”.", "en-us") else {
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
