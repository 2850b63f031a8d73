//! The document: what ingest hands to clean.
//!
//! A document is a list of source blocks (paragraphs of lines, headings, list items) plus any
//! metadata the format carried. Plain text yields only paragraphs; structured formats can say
//! more, and `clean` trusts what they say.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    Text,
    Markdown,
    Html,
}

/// Metadata an input may carry. Plain text carries none; HTML and Markdown fill it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceBlockKind {
    /// Lines of running text, separated from the next block by a blank line.
    Paragraph,
    /// A heading of a structured document (level 1 is the largest).
    Heading(u8),
    /// One item of a list.
    ListItem,
    /// A paragraph of a block quotation (HTML `<blockquote>`, Markdown `>`).
    Quote,
    /// A short spoken note written by the reader itself, standing in for something left out
    /// ("A table is left out."). Clean passes it through without its furniture rules.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceBlock {
    pub kind: SourceBlockKind,
    /// The block's lines as they appeared (without line ends).
    pub lines: Vec<String>,
    /// The 1-based line number of the block's first line in the input, for `--explain`.
    pub first_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The input as named on the command line (`-` for standard input).
    pub source: String,
    pub kind: DocumentKind,
    pub metadata: Metadata,
    pub blocks: Vec<SourceBlock>,
}
