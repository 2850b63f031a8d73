//! Web addresses, e-mail addresses, @handles and #hashtags in spoken form.
//!
//! Nobody reads "https://www.example.com/news/2024/03/harbour?ref=rss" aloud: a narrator says
//! "example dot com". An e-mail address is read as its domain too; a handle as "at" and its
//! words, a hashtag as "hashtag" and its words.

use std::sync::LazyLock;

use regex::Regex;

use crate::rule_regex::{compile, replace};

const TLDS: &str = "com|org|net|edu|gov|mil|int|io|co|uk|us|ca|au|nz|ie|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|eu|info|biz|me|tv|ly|app|dev|ai|news|blog|online|site|xyz|tech|example|jp|cn|in|ru|br|mx|za";

static EMAIL: LazyLock<Regex> = LazyLock::new(|| compile(&format!(r"(?i)\b[\w.+-]+@((?:[a-z0-9-]+\.)+(?:{TLDS}))\b")));
static URL: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(r"(?i)\b(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+(?:{TLDS}))\b(?::\d+)?(?:/[^\s]*)?"))
});
static SCHEME_URL: LazyLock<Regex> = LazyLock::new(|| compile(r"(?i)\bhttps?://(?:www\.)?([a-z0-9.-]+)[^\s]*"));
static HANDLE: LazyLock<Regex> = LazyLock::new(|| compile(r"(^|[\s(\[])@([A-Za-z0-9_]{1,30})\b"));
static HASHTAG: LazyLock<Regex> = LazyLock::new(|| compile(r"(^|[\s(\[])#([A-Za-z][A-Za-z0-9_]{0,60})\b"));

/// A domain as it is said: "brightfield-energy.example" is "brightfield energy dot example".
pub fn speak_domain(domain: &str) -> String {
    domain
        .trim_start_matches("www.")
        .trim_end_matches('.')
        .split('.')
        .map(|part| part.replace('-', " "))
        .collect::<Vec<_>>()
        .join(" dot ")
        .to_lowercase()
}

/// Words run together in a handle or hashtag: "SlowCity_letter2024" is "Slow City letter 2024".
pub fn split_words(s: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if c == '_' {
            out.push(' ');
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let boundary = (p.is_lowercase() && c.is_uppercase()) || (p.is_alphabetic() != c.is_alphabetic());
            if boundary {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Path characters that end a sentence rather than the address ("see example.com/a.").
fn trailing_punctuation(url: &str) -> &str {
    let core = url.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'']);
    &url[core.len()..]
}

/// Speak every web address, e-mail address, handle and hashtag in `text`.
pub fn apply(text: &str) -> String {
    let text = replace(&EMAIL, text, |c, _| speak_domain(&c[1]));
    let text = replace(&SCHEME_URL, &text, |c, _| format!("{}{}", speak_domain(&c[1]), trailing_punctuation(&c[0])));
    let text = replace(&URL, &text, |c, _| format!("{}{}", speak_domain(&c[1]), trailing_punctuation(&c[0])));
    let text = replace(&HANDLE, &text, |c, _| format!("{}at {}", &c[1], split_words(&c[2])));
    replace(&HASHTAG, &text, |c, _| format!("{}hashtag {}", &c[1], split_words(&c[2])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_read_as_their_domain() {
        assert_eq!(
            apply("A link to https://www.example.com/news/2024?ref=rss today."),
            "A link to example dot com today."
        );
        assert_eq!(apply("See example.com/a/b."), "See example dot com.");
        assert_eq!(apply("Book on Booking.com now"), "Book on booking dot com now");
        assert_eq!(apply("Visit http://127.0.0.1:8080/x"), "Visit 127 dot 0 dot 0 dot 1");
    }

    #[test]
    fn email_is_read_as_its_domain() {
        assert_eq!(apply("Write to press@brightfield-energy.example."), "Write to brightfield energy dot example.");
    }

    #[test]
    fn handles_and_hashtags() {
        assert_eq!(
            apply("Tag @weeknight_table or use #WeeknightTable"),
            "Tag at weeknight table or use hashtag Weeknight Table"
        );
        assert_eq!(apply("(@SlowCity2024)"), "(at Slow City 2024)");
    }

    #[test]
    fn must_not_fire_on_decimals_abbreviations_or_numbers() {
        assert_eq!(apply("Rates rose 3.5 percent, e.g. in May."), "Rates rose 3.5 percent, e.g. in May.");
        assert_eq!(apply("Call room #5 or a.m. slots"), "Call room #5 or a.m. slots");
        assert_eq!(apply("She said it. Then left."), "She said it. Then left.");
    }
}
