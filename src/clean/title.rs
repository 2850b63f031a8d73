//! Finding the headline: the first line near the top that reads like a title, not like a
//! sentence of the body or a line of the page around it.

use super::{ArticleBlock, DroppedLine};

/// How many blocks from the top may hold the headline; past this we are in the body.
const HEADLINE_WINDOW: usize = 8;
const HEADLINE_MAX_CHARS: usize = 160;

/// Find the headline among the first blocks, remove it from the body and return it.
pub fn take_headline(blocks: &mut Vec<ArticleBlock>, dropped: &mut Vec<DroppedLine>) -> Option<String> {
    let index = blocks.iter().take(HEADLINE_WINDOW).position(|b| looks_like_headline(&b.text))?;
    let block = blocks.remove(index);
    dropped.push(DroppedLine { line_no: block.first_line, text: block.text.clone(), rule: "title" });
    Some(block.text)
}

/// A headline is short, has a few words, and does not end like a sentence.
pub fn looks_like_headline(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let chars = text.chars().count();
    let ends_like_sentence = text.ends_with(['.', ',', ';', ':']);
    (2..=25).contains(&words) && chars <= HEADLINE_MAX_CHARS && !ends_like_sentence
}

/// Remove body blocks that only repeat the title (pages often print the headline twice).
pub fn remove_title_lines(blocks: &mut Vec<ArticleBlock>, title: &str, dropped: &mut Vec<DroppedLine>) {
    let key = super::dedup::normalize_key(title);
    blocks.retain(|b| {
        let repeat = super::dedup::normalize_key(&b.text) == key;
        if repeat {
            dropped.push(DroppedLine { line_no: b.first_line, text: b.text.clone(), rule: "repeated-title" });
        }
        !repeat
    });
}

/// With no headline found, the file name stands in: `city-budget.txt` gives "city budget".
pub fn fallback_title(source: &str) -> String {
    let stem = std::path::Path::new(source)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| *s != "-")
        .unwrap_or("Untitled article");
    stem.replace(['-', '_'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, line: usize) -> ArticleBlock {
        ArticleBlock { text: text.into(), heading: false, first_line: line }
    }

    #[test]
    fn headline_is_first_title_like_block() {
        let mut blocks = vec![
            block("The harbour reopened on Monday after a week of storms.", 1),
            block("Harbour Reopens After Storm Week", 3),
        ];
        let mut dropped = Vec::new();
        assert_eq!(take_headline(&mut blocks, &mut dropped).as_deref(), Some("Harbour Reopens After Storm Week"));
        assert_eq!(blocks.len(), 1);
        assert_eq!(dropped[0].rule, "title");
    }

    #[test]
    fn fallback_uses_file_stem() {
        assert_eq!(fallback_title("notes/city-budget.txt"), "city budget");
        assert_eq!(fallback_title("-"), "Untitled article");
    }
}
