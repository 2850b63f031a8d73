//! Decoding bytes into text, choosing the encoding in the order browsers do: a byte-order mark,
//! then the charset the server's `Content-Type` names, then a web page's own `<meta>` declaration
//! (found by `charset.rs`), then UTF-8 when the bytes are valid UTF-8, and only then a guess by
//! chardetng (Latin-1, Windows-1252 and kin). The caller tells stderr what was assumed and why.
//! Binary files are refused before anything reads them.

use encoding_rs::Encoding;

use super::charset;
use super::{IngestError, InputSource};

/// A text file may hold a few control characters (form feeds, stray escapes); a file where more
/// than this share of characters are control or replacement characters is not text.
const MAX_NON_TEXT_SHARE: f64 = 0.05;

/// What is known about an input's encoding before its bytes are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Declared<'a> {
    /// The `charset` of a fetched page's `Content-Type`, as the server wrote it.
    pub content_type_charset: Option<&'a str>,
    /// Whether the input is an HTML document, whose first bytes may declare its encoding.
    pub html: bool,
}

/// Why an encoding was chosen, in the order browsers weigh the reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    ByteOrderMark,
    ContentType,
    Page,
    /// No declaration, and the bytes are valid UTF-8.
    ValidUtf8,
    /// No declaration: chardetng guessed from the bytes.
    Detected,
}

impl Basis {
    pub fn why(self) -> &'static str {
        match self {
            Basis::ByteOrderMark => "from its byte-order mark",
            Basis::ContentType => "from the server's Content-Type",
            Basis::Page => "declared by the page",
            Basis::ValidUtf8 => "valid UTF-8",
            Basis::Detected => "detected",
        }
    }
}

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub basis: Basis,
    /// Some bytes were not valid in the declared encoding and became U+FFFD.
    pub malformed: bool,
    /// Declarations passed over because they name no encoding, each as one sentence.
    pub ignored: Vec<String>,
    /// Every byte is ASCII and the encoding reads ASCII as ASCII: which one it was changes
    /// nothing, so there is nothing to tell the user.
    pub ascii_only: bool,
}

/// Decode an input: a byte-order mark wins; then the server's `Content-Type` charset; then, for
/// HTML, a `<meta>` declaration in the first bytes; then UTF-8 if the bytes are valid UTF-8;
/// then chardetng's guess. A declared label that names no encoding is passed over (and noted).
pub fn decode_bytes(bytes: &[u8], source: &InputSource, declared: Declared) -> Result<Decoded, IngestError> {
    let name = source.display_name();
    let mut ignored = Vec::new();
    let (encoding, basis, body) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        (encoding, Basis::ByteOrderMark, &bytes[bom_len..])
    } else {
        let from_header = declared.content_type_charset.and_then(|label| {
            let found = charset::for_label(label);
            if found.is_none() {
                ignored.push(format!(
                    "the server's Content-Type names charset \"{label}\", which is no encoding readcast knows"
                ));
            }
            found
        });
        let chosen = match from_header {
            Some(encoding) => Some((encoding, Basis::ContentType)),
            None if declared.html => {
                let found = charset::prescan(bytes);
                for label in &found.unknown {
                    ignored.push(format!("the page declares charset \"{label}\", which is no encoding readcast knows"));
                }
                found.encoding.map(|encoding| (encoding, Basis::Page))
            }
            None => None,
        };
        let utf16 = |e: &'static Encoding| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE;
        if bytes.contains(&0) && !chosen.is_some_and(|(e, _)| utf16(e)) {
            return Err(IngestError::Binary { name });
        }
        match chosen {
            Some((encoding, basis)) => (encoding, basis, bytes),
            None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, Basis::ValidUtf8, bytes),
            None => {
                let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                (detector.guess(None, chardetng::Utf8Detection::Deny), Basis::Detected, bytes)
            }
        }
    };
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    let ascii_only = encoding.is_ascii_compatible() && Encoding::ascii_valid_up_to(body) == body.len();
    let text = text.into_owned();
    if text.trim().is_empty() {
        return Err(IngestError::Empty { name });
    }
    if non_text_share(&text) > MAX_NON_TEXT_SHARE {
        return Err(IngestError::Binary { name });
    }
    Ok(Decoded { text, encoding, basis, malformed, ignored, ascii_only })
}

fn non_text_share(text: &str) -> f64 {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars() {
        total += 1;
        let control = c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}');
        if control || c == '\u{FFFD}' {
            odd += 1;
        }
    }
    odd as f64 / total.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text and, when it was not UTF-8, the encoding's name (the old contract, kept for the
    /// undeclared cases).
    fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), IngestError> {
        let decoded = decode_bytes(bytes, &InputSource::Stdin, Declared::default())?;
        Ok((decoded.text, (decoded.encoding != encoding_rs::UTF_8).then(|| decoded.encoding.name())))
    }

    fn decode_declared(bytes: &[u8], header: Option<&str>, html: bool) -> Decoded {
        decode_bytes(bytes, &InputSource::Stdin, Declared { content_type_charset: header, html }).unwrap()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Caf\u{e9}".as_bytes()).unwrap(), ("Caf\u{e9}".to_string(), None));
        assert_eq!(decode(b"\xEF\xBB\xBFHi").unwrap(), ("Hi".to_string(), None));
    }

    #[test]
    fn legacy_encodings_are_detected_and_named() {
        // "Le café était très crème, ça va." in Windows-1252, with curly quotes (0x93/0x94).
        let bytes = b"\x93Le caf\xe9 \xe9tait tr\xe8s cr\xe8me, \xe7a va.\x94 Il a pay\xe9 5 \x80.";
        let (text, assumed) = decode(bytes).unwrap();
        assert!(text.contains("caf\u{e9}") && text.contains('\u{201C}') && text.contains('\u{20AC}'), "{text}");
        assert_eq!(assumed, Some("windows-1252"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Hello there.".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), ("Hello there.".to_string(), Some("UTF-16LE")));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(matches!(decode(b"abc\0def"), Err(IngestError::Binary { .. })));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 37 % 32) as u8 + 1).collect();
        assert!(matches!(decode(&noise), Err(IngestError::Binary { .. })));
        assert!(matches!(decode(b" \n\t \r\n"), Err(IngestError::Empty { .. })));
    }

    /// A short Cyrillic text in windows-1251, with its page around it.
    fn cyrillic_page(meta: &str) -> Vec<u8> {
        let html = format!(
            "<html><head>{meta}<title>\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442}</title></head><body><p>\u{41c}\u{43e}\u{441}\u{442} \u{43e}\u{442}\u{43a}\u{440}\u{44b}\u{442}.</p></body></html>"
        );
        encoding_rs::WINDOWS_1251.encode(&html).0.into_owned()
    }

    #[test]
    fn the_page_declaration_counts_for_html_only() {
        let bytes = cyrillic_page("<meta charset=\"windows-1251\">");
        let decoded = decode_declared(&bytes, None, true);
        assert_eq!((decoded.encoding, decoded.basis), (encoding_rs::WINDOWS_1251, Basis::Page));
        assert!(decoded.text.contains("\u{41c}\u{43e}\u{441}\u{442}"), "{}", decoded.text);
        // The same bytes read as text: no declaration is looked for.
        let decoded = decode_declared(&bytes, None, false);
        assert_eq!(decoded.basis, Basis::Detected);
    }

    #[test]
    fn header_beats_page_and_bom_beats_both() {
        let bytes = cyrillic_page("<meta charset=\"koi8-r\">");
        let decoded = decode_declared(&bytes, Some("CP1251"), true);
        assert_eq!((decoded.encoding, decoded.basis), (encoding_rs::WINDOWS_1251, Basis::ContentType));
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice("<html><meta charset=koi8-r><p>\u{41c}\u{43e}\u{441}\u{442}</p>".as_bytes());
        let decoded = decode_declared(&with_bom, Some("windows-1251"), true);
        assert_eq!((decoded.encoding, decoded.basis), (encoding_rs::UTF_8, Basis::ByteOrderMark));
        assert!(decoded.text.contains("\u{41c}\u{43e}\u{441}\u{442}"));
    }

    #[test]
    fn unknown_labels_fall_through_with_a_note() {
        let bytes = cyrillic_page("<meta charset=\"cyrillic-9000\">");
        let decoded = decode_declared(&bytes, Some("martian"), true);
        assert_eq!(decoded.basis, Basis::Detected);
        assert_eq!(decoded.ignored.len(), 2, "{:?}", decoded.ignored);
        assert!(decoded.ignored[0].contains("\"martian\"") && decoded.ignored[1].contains("\"cyrillic-9000\""));
        // Valid UTF-8 with an unknown label is still UTF-8.
        let decoded = decode_declared("<meta charset=foo><p>Caf\u{e9}</p>".as_bytes(), None, true);
        assert_eq!((decoded.encoding, decoded.basis), (encoding_rs::UTF_8, Basis::ValidUtf8));
    }

    #[test]
    fn declared_utf16_without_bom_is_not_binary_and_ascii_needs_no_note() {
        let bytes: Vec<u8> = "Hello there.".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let decoded = decode_declared(&bytes, Some("utf-16le"), false);
        assert_eq!(decoded.text, "Hello there.");
        assert!(matches!(decode(&bytes), Err(IngestError::Binary { .. })));
        let decoded = decode_declared(b"<meta charset=latin1><p>Plain words.</p>", None, true);
        assert_eq!(decoded.encoding, encoding_rs::WINDOWS_1252);
        assert!(decoded.ascii_only && !decoded.malformed);
        let decoded = decode_declared(b"<meta charset=utf-8><p>Caf\xe9 au lait, bien s\xfbr.</p>", None, true);
        assert!(decoded.malformed && decoded.text.contains('\u{FFFD}'));
    }
}
