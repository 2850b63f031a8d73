//! The plain-text reader: decoding and splitting into paragraphs at blank lines.

use super::decode::Declared;
use super::{Document, DocumentKind, IngestError, InputSource, Metadata, SourceBlock, SourceBlockKind};

/// Decode bytes into text (see `decode.rs`). Empty or binary input is refused here, before any
/// other stage sees it; when the text was not UTF-8, stderr says which encoding was assumed and
/// why, and a declaration naming no known encoding is noted as passed over.
pub fn decode(bytes: &[u8], source: &InputSource, declared: Declared) -> Result<String, IngestError> {
    let decoded = super::decode::decode_bytes(bytes, source, declared)?;
    let name = source.display_name();
    for ignored in &decoded.ignored {
        eprintln!("readcast: note: {name}: {ignored}; ignoring it");
    }
    let (encoding, why) = (decoded.encoding.name(), decoded.basis.why());
    if decoded.encoding != encoding_rs::UTF_8 && !decoded.ascii_only {
        eprintln!("readcast: note: {name} is not UTF-8; reading it as {encoding} ({why})");
    }
    if decoded.malformed {
        eprintln!("readcast: note: {name} has bytes that are not valid {encoding} ({why}); each became U+FFFD");
    }
    Ok(decoded.text)
}

/// Split text into paragraph blocks at blank lines. CRLF and lone CR line ends are accepted.
pub fn parse_plain(source: String, text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut current: Option<SourceBlock> = None;
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    for (index, line) in normalized.split('\n').enumerate() {
        if line.trim().is_empty() {
            if let Some(block) = current.take() {
                blocks.push(block);
            }
            continue;
        }
        let block = current.get_or_insert_with(|| SourceBlock {
            kind: SourceBlockKind::Paragraph,
            lines: Vec::new(),
            first_line: index + 1,
        });
        block.lines.push(line.to_string());
    }
    if let Some(block) = current {
        blocks.push(block);
    }
    Document { source, kind: DocumentKind::Text, metadata: Metadata::default(), blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_with_line_numbers() {
        let doc = parse_plain("t".into(), "One\r\ntwo\r\n\r\n\r\nThree\n");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[0].lines, vec!["One", "two"]);
        assert_eq!(doc.blocks[1].first_line, 5);
    }

    #[test]
    fn bom_is_dropped_and_nul_is_binary() {
        let (src, declared) = (InputSource::Stdin, Declared::default());
        assert_eq!(decode(b"\xEF\xBB\xBFHi", &src, declared).unwrap(), "Hi");
        assert!(matches!(decode(b"a\0b", &src, declared), Err(IngestError::Binary { .. })));
        assert!(matches!(decode(b"  \n ", &src, declared), Err(IngestError::Empty { .. })));
    }
}
