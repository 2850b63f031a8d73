//! Line rules for page furniture: text that surrounds an article on a web page but is not part
//! of it. Each rule has a name that `--explain` prints.
//!
//! These rules look at one line at a time and only fire on strong evidence (a line must be short
//! for a phrase to count against it), so that a real sentence that happens to mention a word like
//! "subscribe" is still read.

use std::sync::LazyLock;

use regex::Regex;

struct Rule {
    name: &'static str,
    /// Lines longer than this (in characters) are never dropped by the rule.
    max_len: usize,
    pattern: Regex,
}

fn rule(name: &'static str, max_len: usize, pattern: &str) -> Option<Rule> {
    // The patterns are constants checked by the unit tests below, so a bad one cannot ship;
    // skipping it rather than panicking keeps the promise of never panicking at run time.
    Regex::new(pattern).ok().map(|pattern| Rule { name, max_len, pattern })
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    [
        rule("skip-link", 80, r"(?i)\bskip (to|navigation)\b|\bjump to (main )?content\b"),
        rule("link-stub", 120, r"[(\[]\s*$"),
        rule("menu", 200, r"^[^.!?]*(\s\|\s[^.!?|]*){1,}$"),
        rule(
            "appeal",
            200,
            r"(?i)\b(donat(e|ing|ion)|subscribe|sign (up|in)|log ?in|newsletter|support (us|our)|become a (member|patron)|keep [a-z ]+ going|follow us|share (this|on))\b",
        ),
        rule("label", 40, r"^[\w' ]{1,30}:\s*$"),
        rule("no-words", 200, r"^[^\p{L}]*$"),
        rule("url-only", 300, r"^\s*(https?://|www\.)\S+\s*$"),
    ]
    .into_iter()
    .flatten()
    .collect()
});

/// The name of the first rule that drops `line`, or `None` when the line is kept.
pub fn rule_for(line: &str) -> Option<&'static str> {
    let trimmed = line.trim();
    let len = trimmed.chars().count();
    RULES
        .iter()
        .find(|rule| len <= rule.max_len && rule.pattern.is_match(trimmed))
        .map(|rule| rule.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_compiles() {
        assert_eq!(RULES.len(), 7);
    }

    #[test]
    fn furniture_lines_are_dropped_with_their_rule() {
        assert_eq!(rule_for("Press \"Enter\" to skip to content"), Some("skip-link"));
        assert_eq!(rule_for("Live Stream + Chat ("), Some("link-stub"));
        assert_eq!(rule_for("Home | News | Sports"), Some("menu"));
        assert_eq!(rule_for("Please consider donating to keep us independent"), Some("appeal"));
        assert_eq!(rule_for("Breaking News:"), Some("label"));
        assert_eq!(rule_for("12 | 04 | 2024"), Some("menu"));
        assert_eq!(rule_for("— 3 —"), Some("no-words"));
        assert_eq!(rule_for("https://example.com/a/b"), Some("url-only"));
    }

    #[test]
    fn sentences_are_kept() {
        assert_eq!(rule_for("The council met on Tuesday to discuss the budget."), None);
        let long = "Residents who subscribe to the view that the bridge is safe were surprised by the report, which found cracks in four of the six supports and recommended closing it to heavy traffic until repairs are done in the spring.";
        assert_eq!(rule_for(long), None);
    }
}
