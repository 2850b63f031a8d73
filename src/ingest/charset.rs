//! What an input declares about its own encoding, read the way browsers read it.
//!
//! A web page names its encoding in the server's `Content-Type` header (`charset=...`) or in a
//! `<meta charset>` / `<meta http-equiv="Content-Type">` near its start. Guessing from the bytes
//! is a last resort: on a short text, a statistical detector easily mistakes one Cyrillic or
//! Japanese encoding for another. This module finds those declarations; `decode.rs` decides the
//! order in which they count. Labels are resolved by `encoding_rs`, which implements the WHATWG
//! label table, so `latin1`, `x-sjis` or `cp1251` mean what they mean to a browser.
//!
//! The `<meta>` search is the WHATWG "prescan a byte stream to determine its encoding",
//! simplified only where it does not change the answer: it looks at the first
//! [`PRESCAN_BYTES`] bytes, skips comments and the attributes of other tags, and takes the first
//! `<meta>` whose declaration names an encoding it knows.

use encoding_rs::Encoding;

/// Browsers look for a `<meta>` declaration only this far into a page.
pub const PRESCAN_BYTES: usize = 1024;
/// Unknown labels kept for the notes on stderr; a page cannot make the list grow without bound.
const MAX_UNKNOWN_LABELS: usize = 4;
/// A label longer than this is not a label (the longest in the WHATWG table is under 30 bytes).
const MAX_LABEL_CHARS: usize = 40;

/// What the `<meta>` prescan found: the encoding of the first usable declaration, and the labels
/// of declarations it had to pass over because no encoding goes by that name.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Prescan {
    pub encoding: Option<&'static Encoding>,
    pub unknown: Vec<String>,
}

/// The encoding a label names, if it names one. A label for the "replacement" encoding (names
/// of encodings that are unsafe to decode, such as `iso-2022-kr`) counts as unknown: a browser
/// would show nothing, whereas falling through still reads the text.
pub fn for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes()).filter(|e| *e != encoding_rs::REPLACEMENT)
}

/// The `charset` parameter of a `Content-Type` value (`text/html; Charset="Shift_JIS"`), as
/// written; `None` when there is none.
pub fn content_type_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| shorten(value))
    })
}

/// Search the first [`PRESCAN_BYTES`] bytes of an HTML document for a `<meta>` declaring its
/// encoding. As in browsers, a page that declares UTF-16 in ASCII bytes is not UTF-16, so that
/// declaration means UTF-8, and `x-user-defined` means windows-1252.
pub fn prescan(bytes: &[u8]) -> Prescan {
    let bytes = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut found = Prescan::default();
    let mut pos = 0;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        if rest.starts_with(b"<!--") {
            // The comment ends at the first "-->" whose ">" comes after the "<!--" ("<!-->" too).
            match find(&rest[2..], b"-->") {
                Some(end) => pos += 2 + end + 3,
                None => break,
            }
        } else if starts_with_ignore_case(rest, b"<meta") && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/') {
            let mut cursor = Cursor { bytes, pos: pos + 5 };
            if let Some(label) = meta_declaration(&mut cursor) {
                match for_label(&label) {
                    Some(encoding) => {
                        found.encoding = Some(browser_meta_encoding(encoding));
                        return found;
                    }
                    None if found.unknown.len() < MAX_UNKNOWN_LABELS => found.unknown.push(shorten(&label)),
                    None => {}
                }
            }
            pos = cursor.pos;
        } else if rest.len() > 1 && rest[0] == b'<' && (rest[1].is_ascii_alphabetic() || rest[1] == b'/') {
            let after_slash = usize::from(rest[1] == b'/');
            if rest.get(1 + after_slash).is_some_and(|b| b.is_ascii_alphabetic()) {
                // Another tag: its attributes are skipped whole, so a quoted "<meta" inside one
                // (an `alt` text, say) is not mistaken for a declaration.
                let name_end = rest.iter().position(|&b| is_space(b) || b == b'>').map_or(bytes.len(), |end| pos + end);
                let mut cursor = Cursor { bytes, pos: name_end };
                while cursor.attribute().is_some() {}
                pos = cursor.pos + 1;
            } else {
                pos = skip_past(bytes, pos, b'>');
            }
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            pos = skip_past(bytes, pos, b'>');
        } else {
            pos += 1;
        }
    }
    found
}

/// The label a `<meta>` tag declares, or `None` when it declares nothing. The cursor is left
/// after the tag's attributes.
fn meta_declaration(cursor: &mut Cursor) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut got_pragma = false;
    // Some(true): the label came from `content` and needs http-equiv; Some(false): from `charset`.
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<String> = None;
    while let Some((name, value)) = cursor.attribute() {
        // Only the first of two attributes with one name counts, as in the HTML parser.
        if seen.contains(&name) {
            continue;
        }
        match name.as_str() {
            "http-equiv" => got_pragma |= value.eq_ignore_ascii_case("content-type"),
            "content" if charset.is_none() => {
                if let Some(label) = charset_in_content(&value) {
                    charset = Some(label);
                    need_pragma = Some(true);
                }
            }
            "charset" => {
                charset = Some(value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    // A tag cut off by the prescan's limit declares nothing.
    if cursor.peek() != Some(b'>') {
        return None;
    }
    match need_pragma {
        Some(true) if !got_pragma => None,
        Some(_) => charset,
        None => None,
    }
}

/// The label in a `content` value such as `text/html; charset=windows-1251` (the WHATWG
/// "extracting a character encoding from a meta element").
fn charset_in_content(content: &str) -> Option<String> {
    let bytes = content.as_bytes();
    let mut from = 0;
    loop {
        let at = from + find_ignore_case(&bytes[from..], b"charset")?;
        let mut pos = at + "charset".len();
        while bytes.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        if bytes.get(pos) != Some(&b'=') {
            from = pos;
            continue;
        }
        pos += 1;
        while bytes.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        let rest = &content[pos..];
        return match rest.as_bytes().first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let inner = &rest[1..];
                inner.find(char::from(quote)).map(|end| inner[..end].to_string())
            }
            Some(_) => {
                let end = rest.find(|c: char| c == ';' || c.is_ascii_whitespace()).unwrap_or(rest.len());
                Some(rest[..end].to_string())
            }
            None => None,
        };
    }
}

/// A `<meta>` declaration is read from ASCII bytes, so it cannot truly mean UTF-16.
fn browser_meta_encoding(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::UTF_16BE || encoding == encoding_rs::UTF_16LE {
        encoding_rs::UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        encoding
    }
}

/// Reads a tag's attributes the way the WHATWG prescan's "get an attribute" does.
struct Cursor<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    /// The next attribute as (lowercased name, value); `None` at the tag's `>` (the cursor then
    /// points at it) or at the end of the bytes.
    fn attribute(&mut self) -> Option<(String, String)> {
        while self.peek().is_some_and(|b| is_space(b) || b == b'/') {
            self.pos += 1;
        }
        let mut name = Vec::new();
        loop {
            match self.peek()? {
                b'>' if name.is_empty() => return None,
                b'=' if !name.is_empty() => break,
                b'/' | b'>' => return Some((lower(&name), String::new())),
                b if is_space(b) => {
                    self.skip_spaces();
                    if self.peek() != Some(b'=') {
                        return Some((lower(&name), String::new()));
                    }
                    break;
                }
                b => {
                    name.push(b);
                    self.pos += 1;
                }
            }
        }
        // At the '='.
        self.pos += 1;
        self.skip_spaces();
        let mut value = Vec::new();
        match self.peek()? {
            quote @ (b'"' | b'\'') => {
                self.pos += 1;
                loop {
                    let b = self.peek()?;
                    self.pos += 1;
                    if b == quote {
                        break;
                    }
                    value.push(b);
                }
            }
            b'>' => {}
            _ => {
                while let Some(b) = self.peek().filter(|&b| !is_space(b) && b != b'>') {
                    value.push(b);
                    self.pos += 1;
                }
                // A value cut off by the end of the bytes may be a shortened label.
                self.peek()?;
            }
        }
        Some((lower(&name), String::from_utf8_lossy(&value).into_owned()))
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn lower(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_ascii_lowercase()
}

/// A label as it may appear in a note: bounded and printable.
fn shorten(label: &str) -> String {
    label.trim().chars().filter(|c| !c.is_control()).take(MAX_LABEL_CHARS).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The position just after the next `byte` at or after `from` (the end when there is none).
fn skip_past(bytes: &[u8], from: usize, byte: u8) -> usize {
    bytes[from..].iter().position(|&b| b == byte).map_or(bytes.len(), |at| from + at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> Option<&'static str> {
        prescan(html.as_bytes()).encoding.map(Encoding::name)
    }

    #[test]
    fn meta_charset_in_any_case_and_quoting() {
        assert_eq!(meta(r#"<html><head><meta charset="windows-1251">"#), Some("windows-1251"));
        assert_eq!(meta("<META CHARSET='Shift_JIS'>"), Some("Shift_JIS"));
        assert_eq!(meta("<meta charset=latin1>"), Some("windows-1252"));
        assert_eq!(meta("<meta charset = x-sjis />"), Some("Shift_JIS"));
        assert_eq!(meta("<meta\ncharset=\"koi8-r\"/>"), Some("KOI8-R"));
        assert_eq!(meta("<meta/charset=cp1251>"), Some("windows-1251"));
    }

    #[test]
    fn http_equiv_in_any_order_and_case() {
        let pragma = r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-5">"#;
        assert_eq!(meta(pragma), Some("ISO-8859-5"));
        let reversed = r#"<meta content='text/html;charset="EUC-JP"' HTTP-EQUIV=content-type>"#;
        assert_eq!(meta(reversed), Some("EUC-JP"));
        let spaced = "<Meta Content=\"text/html; CHARSET = gb2312 \" http-equiv='CONTENT-TYPE'>";
        assert_eq!(meta(spaced), Some("GBK"));
        // `content` alone (a description that mentions a charset) declares nothing.
        assert_eq!(meta(r#"<meta name="x" content="charset=koi8-r">"#), None);
        // `charset` beats `content` in one tag, whatever the order.
        let both = r#"<meta content="text/html; charset=koi8-r" charset="utf-8" http-equiv="content-type">"#;
        assert_eq!(meta(both), Some("UTF-8"));
        // The first of two attributes with one name counts.
        assert_eq!(meta("<meta charset=koi8-r charset=utf-8>"), Some("KOI8-R"));
    }

    #[test]
    fn comments_other_tags_and_the_byte_limit() {
        assert_eq!(meta("<!-- <meta charset=koi8-r> --><meta charset=euc-kr>"), Some("EUC-KR"));
        assert_eq!(meta("<!--> <meta charset=euc-kr>"), Some("EUC-KR"));
        assert_eq!(meta("<!-- unterminated <meta charset=euc-kr>"), None);
        // A quoted "<meta" inside another tag's attribute is not a tag.
        assert_eq!(meta(r#"<img alt="<meta charset=koi8-r>"><meta charset=big5>"#), Some("Big5"));
        assert_eq!(meta("<metadata charset=koi8-r><meta charset=big5>"), Some("Big5"));
        assert_eq!(meta("<title>No declaration</title>"), None);

        let filler = format!("<html><head><title>{}</title>", "x".repeat(970));
        let inside = format!("{filler}<meta charset=koi8-r>");
        assert!(inside.len() <= PRESCAN_BYTES, "{}", inside.len());
        assert_eq!(meta(&inside), Some("KOI8-R"));
        let beyond = format!("{filler}{}<meta charset=koi8-r>", " ".repeat(PRESCAN_BYTES - filler.len()));
        assert_eq!(meta(&beyond), None);
        // A tag cut by the limit is not read either.
        let cut = format!("{}<meta charset=koi8-r>", " ".repeat(PRESCAN_BYTES - 18));
        assert_eq!(meta(&cut), None);
    }

    #[test]
    fn unknown_labels_are_kept_and_the_next_declaration_counts() {
        let found = prescan(b"<meta charset=klingon-8><meta charset=koi8-u>");
        assert_eq!(found.encoding.map(Encoding::name), Some("KOI8-U"));
        assert_eq!(found.unknown, vec!["klingon-8".to_string()]);
        let found = prescan(b"<meta charset=iso-2022-kr>");
        assert_eq!(found, Prescan { encoding: None, unknown: vec!["iso-2022-kr".into()] });
    }

    #[test]
    fn utf16_and_user_defined_in_a_meta_mean_what_browsers_take() {
        assert_eq!(meta("<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(meta("<meta charset=x-user-defined>"), Some("windows-1252"));
    }

    #[test]
    fn content_type_header_charset() {
        assert_eq!(content_type_charset("text/html; charset=Shift_JIS").as_deref(), Some("Shift_JIS"));
        assert_eq!(content_type_charset("text/html;Charset=\"koi8-r\"").as_deref(), Some("koi8-r"));
        assert_eq!(content_type_charset("text/plain ; format=flowed; CHARSET = latin1").as_deref(), Some("latin1"));
        assert_eq!(content_type_charset("text/html"), None);
        assert_eq!(content_type_charset("text/html; charset="), None);
        assert_eq!(for_label(" LATIN1 ").map(Encoding::name), Some("windows-1252"));
        assert_eq!(for_label("no-such-thing"), None);
    }
}
