//! Marks inside a line that belong to the page, not the sentence: wiki "[edit]" links, footnote
//! and link numbers "[12]" (text browsers number every link so), "[citation needed]", "(opens in
//! new tab)", and Markdown links, of which only the words are read. How many links a line held
//! is kept as evidence: a line that is mostly links is a menu.

use std::sync::LazyLock;

use regex::Regex;

use crate::rule_regex::compile;

static MARKS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\[(edit|\d{1,3}|citation needed|clarification needed|when\?|who\?|note \d+|source)\]|\((opens|open) in (a )?new (tab|window)\)|\(external link\)",
    )
});

static MARKDOWN_LINK: LazyLock<Regex> =
    LazyLock::new(|| compile(r"!?\[([^\]\n]*)\]\((?:https?://|/|#|mailto:)[^)\s]*\)"));
static LINK_MARK: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\[\d{1,4}\]\S|\]\((?:https?://|/|#|mailto:)|\bhttps?://"));

/// How many links `line` holds: Markdown links, numbered links of a text browser ("[12]Home"),
/// bare addresses.
pub fn count_links(line: &str) -> usize {
    LINK_MARK.find_iter(line).count()
}

/// Remove in-line page marks from `line`.
pub fn strip_marks(line: &str) -> String {
    let line = MARKDOWN_LINK.replace_all(line, "$1");
    MARKS.replace_all(&line, "").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wiki_marks_go_and_text_stays() {
        assert_eq!(strip_marks("History[edit]"), "History");
        assert_eq!(strip_marks("busiest in the county.[1] Then"), "busiest in the county. Then");
        assert_eq!(strip_marks("It was big[citation needed]."), "It was big.");
        assert_eq!(strip_marks("See the report (opens in new tab)."), "See the report .");
        assert_eq!(strip_marks("Array a[i] stays"), "Array a[i] stays");
        assert_eq!(strip_marks("Read [the report](https://example.com/r) now"), "Read the report now");
        assert_eq!(strip_marks("[12]Home [13]News"), "Home News");
    }

    #[test]
    fn links_are_counted() {
        assert_eq!(count_links("[12]Home [13]News [14]Sport"), 3);
        assert_eq!(count_links("* [Home](/) * [News](/news)"), 2);
        assert_eq!(count_links("The council met [2] on Tuesday."), 0);
    }
}
