//! The plain-text reader: decoding and splitting into paragraphs at blank lines.

use super::{Document, DocumentKind, IngestError, InputSource, Metadata, SourceBlock, SourceBlockKind};

/// Decode bytes as UTF-8 (a byte-order mark is dropped). Empty or binary input is refused here,
/// before any other stage sees it.
pub fn decode(bytes: &[u8], source: &InputSource) -> Result<String, IngestError> {
    let name = source.display_name();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(IngestError::Binary { name });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| IngestError::NotUtf8 { name: name.clone(), offset: e.valid_up_to() })?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty { name });
    }
    Ok(text.to_string())
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
        let src = InputSource::Stdin;
        assert_eq!(decode(b"\xEF\xBB\xBFHi", &src).unwrap(), "Hi");
        assert!(matches!(decode(b"a\0b", &src), Err(IngestError::Binary { .. })));
        assert!(matches!(decode(b"  \n ", &src), Err(IngestError::Empty { .. })));
    }
}
