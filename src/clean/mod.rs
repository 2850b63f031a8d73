//! Clean: a [`Document`] becomes an [`Article`], holding only what a narrator would read.
//!
//! Scraped pages arrive with the page around them: skip links, menus, appeals, pull quotes that
//! repeat the body. Every line that is dropped is dropped by a named rule and recorded, so
//! `readcast script --explain` can show why, and `--keep REGEX` can overrule it.

mod article;
mod dedup;
mod furniture;
mod title;
mod unicode;

pub use article::{Article, ArticleBlock, DroppedLine};

use crate::ingest::{Document, DocumentKind, SourceBlockKind};

/// Options of the clean stage.
#[derive(Debug, Clone, Default)]
pub struct CleanOptions {
    /// A title given by the user replaces the detected headline.
    pub title_override: Option<String>,
    /// Lines matching any of these are kept even when a rule would drop them.
    pub keep: Vec<regex::Regex>,
}

#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    #[error("{source_name}: nothing is left to read after cleaning ({dropped} lines were dropped as page furniture; `readcast script --explain` shows why)")]
    NothingLeft { source_name: String, dropped: usize },
}

/// Clean a document into an article.
pub fn clean(doc: &Document, options: &CleanOptions) -> Result<Article, CleanError> {
    let mut dropped = Vec::new();
    let mut blocks: Vec<ArticleBlock> = Vec::new();
    for block in &doc.blocks {
        let mut kept_lines = Vec::new();
        for (offset, raw) in block.lines.iter().enumerate() {
            let line = unicode::normalize(raw);
            let line_no = block.first_line + offset;
            if line.trim().is_empty() {
                continue;
            }
            // A reader's own note ("A table is left out.") is never page furniture, and a Markdown
            // file is the author's own text, with no page around it.
            let trusted = block.kind == SourceBlockKind::Note || doc.kind == DocumentKind::Markdown;
            let kept_by_user = trusted || options.keep.iter().any(|re| re.is_match(&line));
            match furniture::rule_for(&line) {
                Some(rule) if !kept_by_user => {
                    dropped.push(DroppedLine { line_no, text: line, rule });
                }
                _ => kept_lines.push((line_no, line)),
            }
        }
        if kept_lines.is_empty() {
            continue;
        }
        let first_line = kept_lines[0].0;
        let text = kept_lines.iter().map(|(_, l)| l.trim()).collect::<Vec<_>>().join(" ");
        let text = unicode::collapse_spaces(&text);
        let heading = matches!(block.kind, SourceBlockKind::Heading(_));
        blocks.push(ArticleBlock { text, heading, first_line });
    }

    let title = match &options.title_override {
        Some(title) => {
            // The page's own headline is replaced, not read as body text.
            if doc.metadata.title.is_none() {
                title::take_headline(&mut blocks, &mut dropped);
            }
            title::remove_title_lines(&mut blocks, title, &mut dropped);
            unicode::collapse_spaces(&unicode::normalize(title))
        }
        None => {
            let found = doc
                .metadata
                .title
                .clone()
                .or_else(|| title::take_headline(&mut blocks, &mut dropped));
            match found {
                Some(title) => {
                    title::remove_title_lines(&mut blocks, &title, &mut dropped);
                    title
                }
                None => title::fallback_title(&doc.source),
            }
        }
    };

    dedup::drop_repeats(&mut blocks, &mut dropped);

    if blocks.iter().all(|b| b.heading) {
        return Err(CleanError::NothingLeft { source_name: doc.source.clone(), dropped: dropped.len() });
    }
    dropped.sort_by_key(|d| d.line_no);
    Ok(Article { title, metadata: doc.metadata.clone(), blocks, dropped })
}
