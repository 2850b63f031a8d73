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
use super::{Document, DocumentKind, Metadata, ReadOptions, SourceBlock, SourceBlockKind};

/// What the text events being passed over belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    None,
    /// Inside something not read (a code block, an image without `--read-alt`, raw HTML, a
    /// footnote); the count is the nesting depth of skipped containers.
    Quiet(usize),
}

impl Skip {
    /// The state after `event`, passed over at nesting `depth`.
    fn after(depth: usize, event: &Event<'_>) -> Skip {
        match event {
            Event::Start(_) => Skip::Quiet(depth + 1),
            Event::End(_) if depth <= 1 => Skip::None,
            Event::End(_) => Skip::Quiet(depth - 1),
            _ => Skip::Quiet(depth),
        }
    }
}

pub fn parse_markdown(source: String, text: &str, options: &ReadOptions) -> Document {
    let line_starts = line_starts(text);
    let mut reader = MarkdownReader::new(options);
    for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
        let line = line_starts.partition_point(|&start| start <= range.start);
        reader.event(event, line);
    }
    let (metadata, blocks) = reader.finish();
    Document { source, kind: DocumentKind::Markdown, metadata, blocks }
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// The blocks and metadata gathered so far, and where in the document the events are.
struct MarkdownReader<'o> {
    options: &'o ReadOptions,
    out: BlockBuilder,
    metadata: Metadata,
    /// Front matter being gathered, until its block ends.
    front_matter: Option<(MetadataBlockKind, String)>,
    skip: Skip,
    /// The kind of the text being gathered: list items nest, so the kinds form a stack.
    kinds: Vec<SourceBlockKind>,
    /// The level of the heading being gathered.
    heading: Option<u8>,
    /// The line the block being gathered starts on.
    block_line: usize,
}

impl<'o> MarkdownReader<'o> {
    fn new(options: &'o ReadOptions) -> Self {
        MarkdownReader {
            options,
            out: BlockBuilder::default(),
            metadata: Metadata::default(),
            front_matter: None,
            skip: Skip::None,
            kinds: vec![SourceBlockKind::Paragraph],
            heading: None,
            block_line: 1,
        }
    }

    /// Take one event, starting on `line`.
    fn event(&mut self, event: Event<'_>, line: usize) {
        if let Skip::Quiet(depth) = self.skip {
            self.skip = Skip::after(depth, &event);
            return;
        }
        if self.front_matter.is_some() {
            self.gather_front_matter(event);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.out.push_text(&t),
            Event::SoftBreak | Event::HardBreak => self.out.push_text(" "),
            // Inline HTML, rules, task-list marks and footnote references are not spoken.
            _ => {}
        }
    }

    fn gather_front_matter(&mut self, event: Event<'_>) {
        match event {
            Event::Text(t) => {
                if let Some((_, buffer)) = self.front_matter.as_mut() {
                    buffer.push_str(&t);
                }
            }
            Event::End(TagEnd::MetadataBlock(_)) => {
                if let Some((kind, buffer)) = self.front_matter.take() {
                    read_front_matter(kind, &buffer, &mut self.metadata);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: usize) {
        match tag {
            Tag::MetadataBlock(kind) => self.front_matter = Some((kind, String::new())),
            Tag::Heading { level, .. } => {
                self.start_block(line);
                self.heading = Some(level as u8);
            }
            Tag::Paragraph => self.start_block(line),
            Tag::BlockQuote(_) => {
                self.start_block(line);
                self.kinds.push(SourceBlockKind::Quote);
            }
            Tag::Item => {
                self.start_block(line);
                self.kinds.push(SourceBlockKind::ListItem);
            }
            Tag::List(_) => self.flush(),
            Tag::CodeBlock(_) => self.start_code_block(line),
            Tag::Table(_) => self.start_table(line),
            Tag::TableHead | Tag::TableRow => self.block_line = line,
            Tag::Image { .. } => self.start_image(),
            Tag::HtmlBlock | Tag::FootnoteDefinition(_) => {
                self.flush();
                self.skip_container();
            }
            // Emphasis, links and the rest only mark text up; their text events carry the words.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::Paragraph => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.kinds.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.kinds.pop();
            }
            TagEnd::CodeBlock => self.out.flush(SourceBlockKind::Paragraph, self.block_line),
            TagEnd::TableCell => self.out.push_text(", "),
            TagEnd::TableHead | TagEnd::TableRow => self.end_table_row(),
            TagEnd::Image => self.out.push_text(". "),
            _ => {}
        }
    }

    /// The kind of the text being gathered.
    fn current_kind(&self) -> SourceBlockKind {
        self.kinds.last().copied().unwrap_or(SourceBlockKind::Paragraph)
    }

    /// End the block being gathered, if it has any text.
    fn flush(&mut self) {
        self.out.flush(self.current_kind(), self.block_line);
    }

    fn start_block(&mut self, line: usize) {
        self.flush();
        self.block_line = line;
    }

    /// Pass over everything up to the end of the container just started.
    fn skip_container(&mut self) {
        self.skip = Skip::Quiet(1);
    }

    /// Speak `note` where the container just started would be, and pass over the container.
    fn replace_with_note(&mut self, note: &str, line: usize) {
        self.out.push(SourceBlockKind::Note, note, line);
        self.skip_container();
    }

    /// A level-1 heading before any text is the title, unless front matter gave one.
    fn end_heading(&mut self) {
        let level = self.heading.take().unwrap_or(2);
        if level == 1 && self.metadata.title.is_none() && self.out.is_empty() {
            self.metadata.title = Some(self.out.take_text()).filter(|t| !t.is_empty());
        } else {
            self.out.flush(SourceBlockKind::Heading(level), self.block_line);
        }
    }

    fn start_code_block(&mut self, line: usize) {
        self.flush();
        if self.options.read_code {
            self.block_line = line;
        } else {
            self.replace_with_note(NOTE_CODE, line);
        }
    }

    fn start_table(&mut self, line: usize) {
        self.flush();
        if !self.options.read_tables {
            self.replace_with_note(NOTE_TABLE, line);
        }
    }

    /// A table row is read as a list item, its cells separated by commas.
    fn end_table_row(&mut self) {
        // The separator after the last cell is not part of the row.
        let row = self.out.take_text();
        self.out.push(SourceBlockKind::ListItem, row.trim_end_matches([',', ' ']), self.block_line);
    }

    fn start_image(&mut self) {
        if self.options.read_alt {
            self.out.push_text(" Image: ");
        } else {
            self.skip_container();
        }
    }

    fn finish(mut self) -> (Metadata, Vec<SourceBlock>) {
        self.flush();
        (self.metadata, self.out.into_blocks())
    }
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
