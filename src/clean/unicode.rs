//! Unicode normalization of punctuation and spacing, so later stages see one form of each mark.

/// Map typographic punctuation to plain forms a speech engine reads well; drop zero-width and
/// emoji characters.
pub fn normalize(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            '\u{2013}' | '\u{2012}' | '\u{2212}' => out.push('-'),
            // An em dash marks a break in thought; a comma gives the engine a short pause.
            '\u{2014}' | '\u{2015}' => out.push_str(", "),
            '\u{2026}' => out.push_str("..."),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\u{2002}' | '\u{2003}' | '\t' => {
                out.push(' ')
            }
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{FE0F}' => {}
            '\u{2022}' | '\u{25CF}' | '\u{25AA}' | '\u{2023}' | '\u{2043}' => out.push(' '),
            c if is_emoji(c) => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xE0000..=0xE007F)
}

/// Collapse runs of spaces and tidy the space left before punctuation by a removed character.
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let starts_with_closer = word.starts_with([',', '.', ';', ':', '!', '?']);
        if !out.is_empty() && !starts_with_closer {
            out.push(' ');
        }
        if starts_with_closer && out.ends_with(',') && word.starts_with(',') {
            out.push_str(&word[1..]);
            continue;
        }
        out.push_str(word);
    }
    out.trim_start_matches([',', ' ']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_dashes_and_ellipsis_become_plain() {
        let s = normalize("\u{201C}It\u{2019}s\u{201D} 2020\u{2013}2022\u{2026}");
        assert_eq!(s, "\"It's\" 2020-2022...");
    }

    #[test]
    fn em_dash_becomes_a_pause_and_spaces_collapse() {
        let s = collapse_spaces(&normalize("met in November \u{2014} an assurance"));
        assert_eq!(s, "met in November, an assurance");
    }

    #[test]
    fn zero_width_and_emoji_are_dropped() {
        assert_eq!(collapse_spaces(&normalize("Hi\u{200B} there \u{1F600}!")), "Hi there!");
    }
}
