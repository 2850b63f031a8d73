//! Text XML 1.0 can hold: the characters it forbids outright (even escaped) are dropped.
//!
//! A title with U+FFFE or a control character would make `feed.xml` not well-formed, and a
//! feed reader then refuses every episode in it. The same filter serves the web page and the
//! MP3's tags, whose text podcast apps pass on to XML of their own.

use std::borrow::Cow;

/// Whether XML 1.0 allows `c` in a document (C1 controls, allowed but discouraged, are
/// dropped too: they never belong in a title).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// `text` without the characters XML forbids; borrowed when there were none.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_code_points_are_dropped_and_the_rest_kept() {
        assert_eq!(xml_safe("Harbour\u{FFFE} News\u{FFFF}\u{0}\u{1B}\u{85}!"), "Harbour News!");
        assert_eq!(xml_safe("Tab\tnew\nline é 😀 \u{E000}"), "Tab\tnew\nline é 😀 \u{E000}");
        assert!(matches!(xml_safe("plain"), Cow::Borrowed(_)));
    }
}
