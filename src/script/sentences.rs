//! Sentence splitting for English prose.
//!
//! A full stop ends a sentence unless it belongs to an abbreviation (Mr., U.S., e.g.), an
//! initial (J. R. R. Tolkien), a decimal (3.5) or an ellipsis followed by lower case. Sentences
//! that are too long for one breath are then cut at clause punctuation, never inside a word.

/// Abbreviations after which a full stop does not end a sentence (compared in lower case,
/// without the final dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "vs", "etc", "e.g", "i.e", "cf", "al", "gen", "gov", "sen",
    "rep", "rev", "col", "lt", "sgt", "capt", "cmdr", "hon", "pres", "inc", "ltd", "co", "corp", "no", "vol", "fig",
    "approx", "dept", "est", "ft", "mt", "ave", "blvd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "u.s", "u.k", "u.n", "a.m", "p.m", "ph.d", "b.a", "m.a", "d.c",
];

/// Abbreviations that commonly end a sentence too ("... at 10 a.m. The next day"): after them a
/// capitalized word does start a new sentence.
const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &["etc", "a.m", "p.m", "u.s", "u.k", "d.c", "inc", "ltd", "co", "corp"];

/// Split a paragraph into sentences.
pub fn split_sentences(paragraph: &str) -> Vec<String> {
    let chars: Vec<char> = paragraph.chars().collect();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '.' | '!' | '?') {
            // Take the whole run of terminal punctuation and closing quotes/brackets.
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end], '.' | '!' | '?' | '"' | '\'' | ')' | ']') {
                end += 1;
            }
            if is_boundary(&chars, start, i, end) {
                push_trimmed(&mut sentences, &chars[start..end]);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(&mut sentences, &chars[start..]);
    sentences
}

fn push_trimmed(out: &mut Vec<String>, chars: &[char]) {
    let s: String = chars.iter().collect();
    let s = s.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

/// Is the punctuation run `chars[dot..end]` the end of a sentence?
fn is_boundary(chars: &[char], start: usize, dot: usize, end: usize) -> bool {
    // Must be followed by white space (or the end): "3.5" and "example.com" are not boundaries.
    if end < chars.len() && !chars[end].is_whitespace() {
        return false;
    }
    let next = chars[end..].iter().find(|c| !c.is_whitespace()).copied();
    let Some(next) = next else { return true };
    let run: String = chars[dot..end].iter().collect();
    let next_starts_lower = next.is_lowercase() || next.is_ascii_digit() && chars[dot] == '.';
    if chars[dot] != '.' {
        // "!" and "?" end a sentence unless the text goes on in lower case ("Wow! he said").
        return !next.is_lowercase();
    }
    if run.starts_with("...") {
        // An ellipsis inside a sentence is followed by lower case.
        return !next_starts_lower;
    }
    if next_starts_lower || matches!(next, ',' | ';' | ':') {
        return false;
    }
    let word = word_before(chars, start, dot);
    let lower = word.to_lowercase();
    if is_initial(&word) {
        return false;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return SENTENCE_FINAL_ABBREVIATIONS.contains(&lower.as_str()) && starts_sentence_word(chars, end);
    }
    true
}

/// The word ending right before `dot`, including inner dots (so "U.S" and "e.g").
fn word_before(chars: &[char], start: usize, dot: usize) -> String {
    let mut begin = dot;
    while begin > start && (chars[begin - 1].is_alphanumeric() || chars[begin - 1] == '.') {
        begin -= 1;
    }
    chars[begin..dot].iter().collect()
}

/// A single capital letter: an initial as in "J. R. R. Tolkien".
fn is_initial(word: &str) -> bool {
    let mut letters = word.chars();
    matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase())
}

/// After a sentence-final abbreviation, does a new sentence begin? We say yes when the next word
/// is a common sentence opener rather than a name ("U.S. President" goes on; "U.S. The" ends).
fn starts_sentence_word(chars: &[char], from: usize) -> bool {
    let rest: String = chars[from..].iter().collect();
    let next_word: String = rest.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    const OPENERS: &[&str] = &[
        "The", "A", "An", "It", "He", "She", "They", "We", "I", "This", "That", "But", "And", "In", "On", "At",
        "After", "Before", "There", "His", "Her", "Their", "Our", "Its", "When", "Then", "So", "Yet", "If", "As",
        "For", "Some", "Many", "Most",
    ];
    OPENERS.contains(&next_word.as_str())
}

/// Cut a sentence longer than `max_chars` at clause punctuation (; : , and dashes), falling back
/// to the last space before the limit. Never cuts inside a word.
pub fn split_long(sentence: &str, max_chars: usize) -> Vec<String> {
    let max_chars = max_chars.max(20);
    let mut pieces = Vec::new();
    let mut rest = sentence.trim();
    while rest.chars().count() > max_chars {
        let byte_limit = rest.char_indices().nth(max_chars).map_or(rest.len(), |(b, _)| b);
        let head = &rest[..byte_limit];
        let clause_cut = head
            .char_indices()
            .filter(|&(b, c)| matches!(c, ';' | ':' | ',') && head[b + c.len_utf8()..].starts_with(' '))
            .map(|(b, c)| b + c.len_utf8())
            .rfind(|&b| b >= byte_limit / 3);
        let cut = clause_cut.or_else(|| head.rfind(' ').filter(|&b| b > 0));
        let Some(cut) = cut else {
            // One word longer than the limit: it cannot be cut without breaking it.
            let end = rest.find(' ').unwrap_or(rest.len());
            pieces.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
            continue;
        };
        pieces.push(rest[..cut].trim().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        split_sentences(s)
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(split("One here. Two there! Three? Four."), vec!["One here.", "Two there!", "Three?", "Four."]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        let s = "Mr. Lee met Dr. Okafor on St. Mark's Road, e.g. near the park. Then they left.";
        assert_eq!(split(s), vec!["Mr. Lee met Dr. Okafor on St. Mark's Road, e.g. near the park.", "Then they left."]);
        assert_eq!(split("The U.S. Senate voted in Jan. 2023 on it.").len(), 1);
        assert_eq!(split("Use i.e. this one.").len(), 1);
    }

    #[test]
    fn sentence_final_abbreviation_then_new_sentence() {
        assert_eq!(split("They moved to the U.S. The rest followed.").len(), 2);
        assert_eq!(split("It opens at 10 a.m. The queue starts early.").len(), 2);
    }

    #[test]
    fn initials_and_decimals_do_not_split() {
        assert_eq!(split("J. R. R. Tolkien wrote it. Rates rose 3.5 percent.").len(), 2);
        assert_eq!(split("Prices rose 3.5 percent in May.").len(), 1);
    }

    #[test]
    fn quotes_close_the_sentence() {
        assert_eq!(split("He said \"Stop.\" She did."), vec!["He said \"Stop.\"", "She did."]);
        assert_eq!(split("\"Why?\" she asked. Nobody knew."), vec!["\"Why?\" she asked.", "Nobody knew."]);
    }

    #[test]
    fn ellipsis_inside_a_sentence_does_not_split() {
        assert_eq!(
            split("And then... nothing happened. Later it rained."),
            vec!["And then... nothing happened.", "Later it rained."]
        );
        assert_eq!(split("It faded... The end."), vec!["It faded...", "The end."]);
    }

    #[test]
    fn long_sentences_split_at_clauses_not_words() {
        let s = "First clause runs along for quite some time, second clause keeps going on and on; third clause finishes the whole thing off nicely.";
        let pieces = split_long(s, 60);
        assert!(pieces.len() >= 2, "{pieces:?}");
        assert!(pieces.iter().all(|p| p.chars().count() <= 60));
        assert_eq!(pieces.join(" "), s);
        assert!(pieces[0].ends_with(','));
    }

    #[test]
    fn long_sentence_without_punctuation_splits_at_spaces() {
        let s = "word ".repeat(30);
        let pieces = split_long(s.trim(), 42);
        assert!(pieces.iter().all(|p| p.chars().count() <= 42 && !p.contains("wor ")));
        assert_eq!(pieces.join(" "), s.trim());
    }

    #[test]
    fn single_overlong_word_stays_whole() {
        let w = "x".repeat(300);
        let pieces = split_long(&format!("a {w} b"), 40);
        assert!(pieces.contains(&w));
    }
}
