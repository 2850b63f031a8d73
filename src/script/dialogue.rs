//! Scripts for two or more hosts: paragraphs that begin with a speaker label (`ALEX:`, `Sam:`,
//! `**Dr. Lee:**`). Each speaker's lines get that speaker's voice and the label is not spoken.
//!
//! A label is a short name (one to three words, each starting with a capital letter) followed by
//! a colon at the very start of a paragraph. Words that label notes rather than people ("Update:",
//! "Note:", "Source:") are not speakers. One labelled paragraph does not make a script: a text is
//! a dialogue when most of its paragraphs are labelled and at least two people speak. A label
//! anywhere but the start of a paragraph is just text.

/// Labels that introduce a note, not a person speaking, separated by `|`.
const NOT_SPEAKERS: &str = concat!(
    "note|notes|update|updated|source|sources|photo|photograph|image|credit|caption|correction|warning|",
    "disclaimer|editor's note|summary|tl;dr|tldr|example|answer|question|date|time|place|location|",
    "read more|see also|related|tags|chapter|part|step|tip|important|p.s|ps|by|via|re|fig|table|listen|",
    "watch",
);

/// The longest name taken as a label, in characters.
const MAX_NAME_CHARS: usize = 32;

/// The speaker label of a paragraph: (the name as written, the rest of the paragraph). Markdown
/// emphasis around the label (`**Alex:**`, `**Alex**:`) is not part of either.
pub fn speaker_label(paragraph: &str) -> Option<(&str, &str)> {
    let text = paragraph.trim_start();
    let emphasis = ["**", "__", "*", "_"].into_iter().find(|m| text.starts_with(m)).unwrap_or("");
    let body = &text[emphasis.len()..];
    let colon = body.find(':')?;
    let name = body[..colon].trim_end_matches(emphasis).trim();
    let mut rest = &body[colon + 1..];
    if !emphasis.is_empty() {
        rest = rest.strip_prefix(emphasis).unwrap_or(rest);
    }
    // "Alex: Hello" has a space after the colon; "10:30" and "https://..." do not.
    if !rest.starts_with(char::is_whitespace) || !is_name(name) {
        return None;
    }
    let rest = rest.trim();
    (!rest.is_empty()).then_some((name, rest))
}

/// One to three words, the first of each a capital letter ("Alex", "DR. LEE", "Mary-Jane O'Neil",
/// "Host 2"), not a note label.
fn is_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let shaped = |(i, w): (usize, &&str)| {
        let mut chars = w.chars();
        let first = chars.next().is_some_and(|c| c.is_uppercase() || i > 0 && c.is_ascii_digit());
        first && w.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '\u{2019}'))
    };
    (1..=3).contains(&words.len())
        && name.chars().count() <= MAX_NAME_CHARS
        && words.iter().enumerate().all(shaped)
        && !NOT_SPEAKERS.split('|').any(|note| note == name.to_lowercase().trim_end_matches('.'))
}

/// The form in which speaker names are compared: `ALEX`, `Alex` and `alex` are one speaker, and
/// so are `Dr. Sato` and `DR.  SATO` (case and spacing do not matter). `[speakers]` names in the
/// settings are matched the same way.
pub fn speaker_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Is this a script for several hosts: more than half of the paragraphs labelled, and at least
/// two different speakers (names compared without regard to case)?
pub fn is_dialogue(paragraphs: &[&str]) -> bool {
    let mut speakers: Vec<String> = Vec::new();
    let mut labelled = 0;
    for paragraph in paragraphs {
        if let Some((name, _)) = speaker_label(paragraph) {
            labelled += 1;
            let key = speaker_key(name);
            if !speakers.contains(&key) {
                speakers.push(key);
            }
        }
    }
    speakers.len() >= 2 && labelled * 2 > paragraphs.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_at_the_start_of_a_paragraph() {
        assert_eq!(speaker_label("ALEX: Welcome back to the show."), Some(("ALEX", "Welcome back to the show.")));
        assert_eq!(speaker_label("Sam:  Thanks, Alex."), Some(("Sam", "Thanks, Alex.")));
        assert_eq!(speaker_label("**Dr. Lee:** It depends."), Some(("Dr. Lee", "It depends.")));
        assert_eq!(speaker_label("**Mary-Jane**: Yes."), Some(("Mary-Jane", "Yes.")));
        assert_eq!(speaker_label("Host 2: And now the weather."), Some(("Host 2", "And now the weather.")));
    }

    #[test]
    fn not_labels() {
        for paragraph in [
            "The meeting began at 10:30 sharp.",
            "Update: the vote was moved to Friday.",
            "Editor's note: this story was corrected.",
            "She said it plainly: the ferry stays.",
            "See https://example.org: it is there.",
            "ALEX:",
            "the host: lower case is not a name.",
            "Three Long Words Here: is too many words.",
        ] {
            assert_eq!(speaker_label(paragraph), None, "{paragraph}");
        }
    }

    #[test]
    fn speaker_names_compare_without_case_or_spacing() {
        assert_eq!(speaker_key("DR.  SATO"), speaker_key("Dr. Sato"));
        assert_ne!(speaker_key("Alex"), speaker_key("Alexa"));
    }

    #[test]
    fn a_dialogue_needs_most_paragraphs_labelled_and_two_speakers() {
        let script = ["Episode 12", "ALEX: Hello.", "SAM: Hi, Alex.", "ALEX: Shall we start?", "Sam: Let's."];
        assert!(is_dialogue(&script));
        assert!(!is_dialogue(&["ALEX: Hello.", "ALEX: Still me.", "Alex: Only me."]));
        let article = ["The council met.", "Update: it rained.", "Ellis: we stay.", "Nobody argued.", "Then home."];
        assert!(!is_dialogue(&article));
    }
}
