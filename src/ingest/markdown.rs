//! The Markdown reader (pulldown-cmark): headings start sections, list items are read one by
//! one, emphasis marks and link targets are not spoken, code blocks and tables are replaced by a
//! short spoken note unless a flag asks for them, and images' alt text is read only on request.
//!
//! Front matter (`---` YAML-style or `+++` TOML-style) gives the title, author and date as
//! metadata; it is never spoken. Without a title there, a level-1 heading before any text is the
//! title.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::blocks::BlockBuilder;
use super::options::{NOTE_CODE, NOTE_TABLE};
use super::{Document, DocumentKind, Metadata, ReadOptions, SourceBlockKind};

/// What the text events being passed over belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    None,
    /// Inside something not read (a code block, an image without `--read-alt`, raw HTML, a
    /// footnote); the count is the nesting depth of skipped containers.
    Quiet(usize),
}

pub fn parse_markdown(source: String, text: &str, options: &ReadOptions) -> Document {
    let line_starts = line_starts(text);
    let line_of = |offset: usize| line_starts.partition_point(|&start| start <= offset);

    let parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = BlockBuilder::default();
    let mut metadata = Metadata::default();
    let mut front_matter: Option<(MetadataBlockKind, String)> = None;
    let mut skip = Skip::None;
    // The kind of the text being gathered: list items nest, so the kinds form a stack.
    let mut kinds: Vec<SourceBlockKind> = vec![SourceBlockKind::Paragraph];
    let mut heading: Option<u8> = None;
    let mut block_line = 1;

    for (event, range) in Parser::new_ext(text, parser_options).into_offset_iter() {
        let line = line_of(range.start);
        if let Skip::Quiet(depth) = skip {
            match event {
                Event::Start(_) => skip = Skip::Quiet(depth + 1),
                Event::End(_) if depth <= 1 => skip = Skip::None,
                Event::End(_) => skip = Skip::Quiet(depth - 1),
                _ => {}
            }
            continue;
        }
        if let Some((_, buffer)) = front_matter.as_mut() {
            match event {
                Event::Text(t) => buffer.push_str(&t),
                Event::End(TagEnd::MetadataBlock(_)) => {
                    if let Some((kind, buffer)) = front_matter.take() {
                        read_front_matter(kind, &buffer, &mut metadata);
                    }
                }
                _ => {}
            }
            continue;
        }
        let current = kinds.last().copied().unwrap_or(SourceBlockKind::Paragraph);
        match event {
            Event::Start(Tag::MetadataBlock(kind)) => front_matter = Some((kind, String::new())),
            Event::Start(Tag::Heading { level, .. }) => {
                out.flush(current, block_line);
                heading = Some(level as u8);
                block_line = line;
            }
            Event::End(TagEnd::Heading(_)) => {
                let level = heading.take().unwrap_or(2);
                if level == 1 && metadata.title.is_none() && out.is_empty() {
                    metadata.title = Some(out.take_text()).filter(|t| !t.is_empty());
                } else {
                    out.flush(SourceBlockKind::Heading(level), block_line);
                }
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::BlockQuote(_)) => {
                out.flush(current, block_line);
                block_line = line;
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::BlockQuote(_)) => out.flush(current, block_line),
            Event::Start(Tag::Item) => {
                out.flush(current, block_line);
                kinds.push(SourceBlockKind::ListItem);
                block_line = line;
            }
            Event::End(TagEnd::Item) => {
                out.flush(current, block_line);
                kinds.pop();
            }
            Event::Start(Tag::List(_)) => out.flush(current, block_line),
            Event::Start(Tag::CodeBlock(_)) => {
                out.flush(current, block_line);
                if options.read_code {
                    block_line = line;
                } else {
                    out.push(SourceBlockKind::Note, NOTE_CODE, line);
                    skip = Skip::Quiet(1);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.flush(SourceBlockKind::Paragraph, block_line),
            Event::Start(Tag::Table(_)) => {
                out.flush(current, block_line);
                if !options.read_tables {
                    out.push(SourceBlockKind::Note, NOTE_TABLE, line);
                    skip = Skip::Quiet(1);
                }
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => block_line = line,
            Event::End(TagEnd::TableCell) => out.push_text(", "),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                // The separator after the last cell is not part of the row.
                let row = out.take_text();
                out.push(SourceBlockKind::ListItem, row.trim_end_matches([',', ' ']), block_line);
            }
            Event::Start(Tag::Image { .. }) => {
                if options.read_alt {
                    out.push_text(" Image: ");
                } else {
                    skip = Skip::Quiet(1);
                }
            }
            Event::End(TagEnd::Image) => out.push_text(". "),
            Event::Start(Tag::HtmlBlock) | Event::Start(Tag::FootnoteDefinition(_)) => {
                out.flush(current, block_line);
                skip = Skip::Quiet(1);
            }
            Event::Text(t) | Event::Code(t) => out.push_text(&t),
            Event::SoftBreak | Event::HardBreak => out.push_text(" "),
            // Emphasis, links and the rest only mark text up; their text events carry the words.
            _ => {}
        }
    }
    out.flush(kinds.last().copied().unwrap_or(SourceBlockKind::Paragraph), block_line);
    Document { source, kind: DocumentKind::Markdown, metadata, blocks: out.into_blocks() }
}

/// Byte offsets where each line starts, for turning an event's offset into a line number.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// Title, author and date from `key: value` (YAML-style) or `key = "value"` (TOML-style) lines.
/// Only these flat keys are read; anything else in the front matter is ignored.
fn read_front_matter(kind: MetadataBlockKind, text: &str, metadata: &mut Metadata) {
    let separator = match kind {
        MetadataBlockKind::YamlStyle => ':',
        MetadataBlockKind::PlusesStyle => '=',
    };
    for line in text.lines() {
        let Some((key, value)) = line.split_once(separator) else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() || line.starts_with([' ', '\t']) {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut metadata.title,
            "author" | "by" => &mut metadata.author,
            "date" | "published" => &mut metadata.date,
            "site" | "site_name" => &mut metadata.site,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "---\ntitle: \"Quiet Streets\"\nauthor: Ada Brook\ndate: 2026-02-01\ntags: [x]\n---\n\n\
Cities are trying *car-free* Sundays, and [many residents](https://example.org/x) like them.\n\n\
## Why it started\n\nIt began with a petition.\n\n- First item\n- Second **item**\n\n\
```rust\nfn main() {}\n```\n\n![A quiet street](s.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## What comes next\n\nMore streets.\n";

    fn texts(doc: &Document) -> Vec<(SourceBlockKind, String)> {
        doc.blocks.iter().map(|b| (b.kind, b.lines.join(" "))).collect()
    }

    #[test]
    fn front_matter_is_metadata_and_marks_are_not_spoken() {
        let doc = parse_markdown("n.md".into(), NOTE, &ReadOptions::default());
        assert_eq!(doc.metadata.title.as_deref(), Some("Quiet Streets"));
        assert_eq!(doc.metadata.author.as_deref(), Some("Ada Brook"));
        assert_eq!(doc.metadata.date.as_deref(), Some("2026-02-01"));
        let blocks = texts(&doc);
        assert_eq!(
            blocks[0],
            (SourceBlockKind::Paragraph, "Cities are trying car-free Sundays, and many residents like them.".into())
        );
        assert!(!blocks[0].1.contains("example.org"));
        assert_eq!(blocks[1], (SourceBlockKind::Heading(2), "Why it started".into()));
        assert!(blocks.contains(&(SourceBlockKind::ListItem, "Second item".into())));
        assert!(blocks.contains(&(SourceBlockKind::Note, NOTE_CODE.into())));
        assert!(blocks.contains(&(SourceBlockKind::Note, NOTE_TABLE.into())));
        assert!(
            !blocks.iter().any(|(_, t)| t.contains("quiet street") || t.contains("fn main") || t.contains("title"))
        );
        assert_eq!((doc.blocks[0].first_line, doc.blocks[1].first_line), (8, 10));
    }

    #[test]
    fn flags_read_code_tables_and_alt() {
        let options = ReadOptions { read_code: true, read_tables: true, read_alt: true, ..Default::default() };
        let doc = parse_markdown("n.md".into(), NOTE, &options);
        let blocks = texts(&doc);
        assert!(blocks.contains(&(SourceBlockKind::Paragraph, "fn main() {}".into())), "{blocks:?}");
        assert!(blocks.contains(&(SourceBlockKind::Paragraph, "Image: A quiet street.".into())), "{blocks:?}");
        assert!(blocks.contains(&(SourceBlockKind::ListItem, "1, 2".into())), "{blocks:?}");
    }

    #[test]
    fn leading_h1_is_the_title_without_front_matter() {
        let doc = parse_markdown(
            "n.md".into(),
            "# Harbour Notes\n\nText here.\n\n# Later part\n\nMore.\n",
            &ReadOptions::default(),
        );
        assert_eq!(doc.metadata.title.as_deref(), Some("Harbour Notes"));
        assert_eq!(texts(&doc)[1], (SourceBlockKind::Heading(1), "Later part".into()));
    }
}
