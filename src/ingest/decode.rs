//! Decoding bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with a BOM, or a
//! legacy single-byte encoding detected with chardetng (Latin-1, Windows-1252 and kin), in which
//! case stderr says what was assumed. Binary files are refused before anything reads them.

use super::{IngestError, InputSource};

/// A text file may hold a few control characters (form feeds, stray escapes); a file where more
/// than this share of characters are control or replacement characters is not text.
const MAX_NON_TEXT_SHARE: f64 = 0.05;

/// The decoded text and, when it was not UTF-8, the name of the encoding assumed.
pub fn decode_bytes(bytes: &[u8], source: &InputSource) -> Result<(String, Option<&'static str>), IngestError> {
    let name = source.display_name();
    let (text, assumed) = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let assumed = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        (text.into_owned(), assumed)
    } else if bytes.contains(&0) {
        return Err(IngestError::Binary { name });
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), None)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
        let (text, _, _) = encoding.decode(bytes);
        (text.into_owned(), Some(encoding.name()))
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty { name });
    }
    if non_text_share(&text) > MAX_NON_TEXT_SHARE {
        return Err(IngestError::Binary { name });
    }
    Ok((text, assumed))
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

    fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), IngestError> {
        decode_bytes(bytes, &InputSource::Stdin)
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
}
