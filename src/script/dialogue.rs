//! Dialogue scripts: paragraphs that open with a speaker's label (`ALEX:`, `Sam:`) are lines
//! for several hosts (a first version; see docs/voices.md).

/// The speaker's name as written and the rest of the paragraph, when it opens with a label.
pub fn speaker_label(paragraph: &str) -> Option<(&str, &str)> {
    let (name, rest) = paragraph.split_once(':')?;
    let name = name.trim();
    let plain = name.split_whitespace().count() <= 3
        && name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '\'' || c == '-');
    let rest = rest.trim();
    (plain && !rest.is_empty()).then_some((name, rest))
}

/// Is this a script for two or more hosts? Most paragraphs are labelled, by two or more names.
pub fn is_dialogue(paragraphs: &[&str]) -> bool {
    let labels: Vec<&str> = paragraphs.iter().filter_map(|p| speaker_label(p).map(|(name, _)| name)).collect();
    let mut names: Vec<String> = labels.iter().map(|n| n.to_lowercase()).collect();
    names.sort();
    names.dedup();
    names.len() >= 2 && labels.len() * 3 >= paragraphs.len() * 2
}
