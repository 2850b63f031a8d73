//! The units a page is judged in: each line on its own, except that a paragraph wrapped at a
//! fixed width is one unit, and a line cut in mid-sentence is joined to the line it continues.
//!
//! Scraped pages put one paragraph, menu item or button on each line; plain-text articles wrap
//! paragraphs over several lines. Judging a wrapped paragraph line by line would make its short
//! last line look like furniture, so wrapping is undone first.

use crate::ingest::{Document, SourceBlockKind};

use super::{inline, unicode};

/// One unit: the lines it came from (with their numbers) and their text on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub lines: Vec<(usize, String)>,
    pub text: String,
    /// The source marked it a heading (Markdown or HTML); plain text never does.
    pub heading: bool,
    /// The index of the source block (lines between blank lines) it came from.
    pub block: usize,
    /// Links the lines held before their marks were removed.
    pub links: usize,
}

/// Lines this long (in characters) or longer may be the inner lines of a wrapped paragraph.
const WRAP_MIN_CHARS: usize = 55;

/// A line this long that stops mid-sentence may continue on the next line.
const JOIN_MIN_CHARS: usize = 40;

/// Split a document into units, with Unicode and in-line marks normalized. Lines left empty by
/// that (only emoji, only an "[edit]" mark) are returned apart, with their line numbers.
pub fn units(doc: &Document) -> (Vec<Unit>, Vec<(usize, String)>) {
    let width = wrap_width(doc);
    let mut out = Vec::new();
    let mut emptied = Vec::new();
    for (block_index, block) in doc.blocks.iter().enumerate() {
        let heading = matches!(block.kind, SourceBlockKind::Heading(_));
        // (line number, cleaned text, links the raw line held)
        let lines: Vec<(usize, String, usize)> = block
            .lines
            .iter()
            .enumerate()
            .filter_map(|(offset, raw)| {
                let text = unicode::collapse_spaces(&inline::strip_marks(&unicode::normalize(raw)));
                if text.trim().is_empty() {
                    if !raw.trim().is_empty() {
                        emptied.push((block.first_line + offset, raw.trim().to_string()));
                    }
                    return None;
                }
                Some((block.first_line + offset, text, inline::count_links(raw)))
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        let texts: Vec<(usize, String)> = lines.iter().map(|(n, l, _)| (*n, l.clone())).collect();
        if is_wrapped(&texts, width) {
            out.push(unit(&lines, heading, block_index));
            continue;
        }
        let mut start = 0;
        for i in 1..=lines.len() {
            if i == lines.len() || !continues_line(&lines[i - 1].1, &lines[i].1, width) {
                out.push(unit(&lines[start..i], heading, block_index));
                start = i;
            }
        }
    }
    (out, emptied)
}

fn unit(lines: &[(usize, String, usize)], heading: bool, block: usize) -> Unit {
    let text = unicode::collapse_spaces(&lines.iter().map(|(_, l, _)| l.trim()).collect::<Vec<_>>().join(" "));
    Unit {
        lines: lines.iter().map(|(n, l, _)| (*n, l.clone())).collect(),
        text,
        heading,
        block,
        links: lines.iter().map(|(_, _, k)| k).sum(),
    }
}

/// A paragraph wrapped at a fixed width: several lines, every line but the last long and of
/// about the same length, and most of them broken in mid-sentence (a page that puts one
/// paragraph on each line ends nearly every line with a full stop).
fn is_wrapped(lines: &[(usize, String)], width: Option<usize>) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let inner = &lines[..lines.len() - 1];
    let lengths: Vec<usize> = inner.iter().map(|(_, l)| l.chars().count()).collect();
    if let Some(width) = width {
        return lengths.iter().all(|&n| n * 4 >= width * 3);
    }
    let longest = lengths.iter().copied().max().unwrap_or(0);
    let ended = inner.iter().filter(|(_, l)| l.trim_end().ends_with(['.', '!', '?', ':', '"'])).count();
    longest >= WRAP_MIN_CHARS
        && lengths.iter().all(|&n| n >= WRAP_MIN_CHARS && n * 10 >= longest * 7)
        && ended * 2 < inner.len().max(2)
}

/// A long line that stops without punctuation, followed by one starting in lower case, is one
/// sentence broken in two.
fn continues_line(prev: &str, next: &str, width: Option<usize>) -> bool {
    let prev = prev.trim_end();
    let len = prev.chars().count();
    let open = !prev.ends_with(['.', '!', '?', ':', ';', '"']);
    // On a page wrapped at a fixed width, a full line that stops mid-sentence goes on below.
    let full = width.is_some_and(|w| len * 4 >= w * 3);
    open && len >= JOIN_MIN_CHARS && (full || next.trim_start().chars().next().is_some_and(char::is_lowercase))
}

/// Lines at least this many characters long may be the fixed width of a wrapped page.
const MIN_WRAP_WIDTH: usize = 60;
/// Wider than this, lines are paragraphs of a page that was not wrapped.
const MAX_WRAP_WIDTH: usize = 120;
/// A page is wrapped at a fixed width when this many lines reach nearly the longest one.
const WRAPPED_LINES: usize = 5;

/// The width a page was wrapped at (a text browser's dump, a plain-text e-mail), if it was: the
/// longest line, when several other lines come close to it. Pages with one paragraph per line
/// have lines of every length and no such width.
fn wrap_width(doc: &Document) -> Option<usize> {
    let lengths: Vec<usize> =
        doc.blocks.iter().flat_map(|b| b.lines.iter().map(|l| l.trim_end().chars().count())).collect();
    let width = lengths.iter().copied().max()?;
    let near = lengths.iter().filter(|&&n| n * 10 >= width * 9).count();
    ((MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width) && near >= WRAPPED_LINES).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{DocumentKind, Metadata, SourceBlock};

    fn doc(blocks: &[&[&str]]) -> Document {
        let mut line = 1;
        let blocks = blocks
            .iter()
            .map(|lines| {
                let b = SourceBlock {
                    kind: SourceBlockKind::Paragraph,
                    lines: lines.iter().map(|s| s.to_string()).collect(),
                    first_line: line,
                };
                line += lines.len() + 1;
                b
            })
            .collect();
        Document { source: "t".into(), kind: DocumentKind::Text, metadata: Metadata::default(), blocks }
    }

    #[test]
    fn wrapped_paragraph_is_one_unit_and_menu_lines_are_separate() {
        let d = doc(&[
            &["Home", "News", "Sport"],
            &[
                "This paragraph was wrapped at a fixed width of about sixty-five",
                "characters by the mail program. It goes on for a while and then",
                "ends.",
            ],
        ]);
        let u = units(&d).0;
        assert_eq!(u.len(), 4);
        assert_eq!(u[3].lines.len(), 3);
        assert!(u[3].text.ends_with("and then ends."));
        assert_eq!(u[3].lines[0].0, 5);
    }

    #[test]
    fn date_line_above_a_short_line_is_not_a_wrapped_paragraph() {
        let d = doc(&[&["Posted on 3 February 2024 by Anna Lindqvist", "8 Comments"]]);
        assert_eq!(units(&d).0.len(), 2);
        let d =
            doc(&[&["Fishing boats moored inside the damaged section of the harbour wall.", "Photo: Daniel Price"]]);
        assert_eq!(units(&d).0.len(), 2);
    }

    #[test]
    fn line_of_only_emoji_is_reported_apart() {
        let d = doc(&[&["\u{1F600}\u{1F600}", "Text here."]]);
        let (u, emptied) = units(&d);
        assert_eq!(u.len(), 1);
        assert_eq!(emptied, vec![(1, "\u{1F600}\u{1F600}".to_string())]);
    }

    #[test]
    fn cut_sentence_is_joined_but_new_sentence_is_not() {
        let d =
            doc(&[&["A line that is long enough to be wrapped in the middle", "of the sentence.", "Another line."]]);
        let u = units(&d).0;
        assert_eq!(u.len(), 2, "{u:?}");
        assert_eq!(u[0].text, "A line that is long enough to be wrapped in the middle of the sentence.");
    }
}
