//! Marks inside a line that belong to the page, not the sentence: wiki "[edit]" links, footnote
//! numbers "[12]", "[citation needed]", "(opens in new tab)". A narrator skips them.

use std::sync::LazyLock;

use regex::Regex;

static MARKS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\[(edit|\d{1,3}|citation needed|clarification needed|when\?|who\?|note \d+|source)\]|\((opens|open) in (a )?new (tab|window)\)|\(external link\)").ok()
});

/// Remove in-line page marks from `line`.
pub fn strip_marks(line: &str) -> String {
    match MARKS.as_ref() {
        Some(re) => re.replace_all(line, "").into_owned(),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wiki_marks_go_and_text_stays() {
        assert!(MARKS.is_some());
        assert_eq!(strip_marks("History[edit]"), "History");
        assert_eq!(strip_marks("busiest in the county.[1] Then"), "busiest in the county. Then");
        assert_eq!(strip_marks("It was big[citation needed]."), "It was big.");
        assert_eq!(strip_marks("See the report (opens in new tab)."), "See the report .");
        assert_eq!(strip_marks("Array a[i] stays"), "Array a[i] stays");
    }
}
