//! The article: the title and the blocks a narrator reads, plus the record of what was dropped.

use crate::ingest::Metadata;

use super::Rule;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleBlock {
    /// The block's text on one line, Unicode punctuation normalized.
    pub text: String,
    /// A heading starts a new section (a chapter); anything else is a paragraph.
    pub heading: bool,
    /// A block quotation (HTML `<blockquote>`, Markdown `>`).
    pub quote: bool,
    /// Line number of the block's first kept line in the input.
    pub first_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedLine {
    pub line_no: usize,
    pub text: String,
    /// The name of the rule that dropped the line, as shown by `--explain`.
    pub rule: Rule,
    /// For a line the line model dropped: the features that weighed most against it.
    pub why: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    pub metadata: Metadata,
    pub blocks: Vec<ArticleBlock>,
    pub dropped: Vec<DroppedLine>,
}
