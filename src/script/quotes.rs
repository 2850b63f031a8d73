//! Where a paragraph's direct quotations are (a first version; see docs/voices.md).
//!
//! After cleaning, every double quotation mark is `"` (curly marks, guillemets and „…" are made
//! plain), so quotations are found by pairing marks in order. A quotation switches voice only when
//! it is a clause of its own: it starts the sentence, or follows a colon or comma after a verb of
//! saying, and holds a few words. A short phrase inside a sentence ("the so-called "reform"") stays
//! with the narrator.

/// Why a span is a quotation, for `script --explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteReason {
    Attributed,
    OwnSentence,
    Continued,
    Block,
}

impl QuoteReason {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteReason::Attributed => "quotation with attribution",
            QuoteReason::OwnSentence => "quotation as its own sentence",
            QuoteReason::Continued => "continued from the previous paragraph",
            QuoteReason::Block => "block quotation",
        }
    }
}

/// A quotation: a byte range of the paragraph, marks included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    pub start: usize,
    pub end: usize,
    pub why: QuoteReason,
}

/// A quotation left open at the end of a paragraph, carried into the next one when that opens
/// with a quotation mark.
#[derive(Debug, Clone, Default)]
pub struct QuoteCarry {
    open: bool,
}

/// Fewer words than this inside marks are a phrase, not a quotation.
const MIN_WORDS: usize = 4;

pub fn find_quotations(paragraph: &str, carry: &mut QuoteCarry) -> Vec<QuoteSpan> {
    let marks: Vec<usize> = paragraph.match_indices('"').map(|(i, _)| i).collect();
    let mut spans = Vec::new();
    let continued = carry.open && paragraph.trim_start().starts_with('"');
    carry.open = false;
    let mut i = 0;
    while i < marks.len() {
        let start = marks[i];
        let Some(&close) = marks.get(i + 1) else {
            // Unclosed: it ends with the paragraph, and may go on in the next.
            if words(&paragraph[start..]) >= MIN_WORDS {
                let why = if continued && i == 0 { QuoteReason::Continued } else { QuoteReason::OwnSentence };
                spans.push(QuoteSpan { start, end: paragraph.len(), why });
            }
            carry.open = true;
            break;
        };
        let end = close + 1;
        // A quotation cut by its attribution ("It is," she said, "...") may be short.
        let cut = paragraph[start..end].ends_with(",\"");
        if (words(&paragraph[start..end]) >= MIN_WORDS || cut) && opens_clause(&paragraph[..start]) {
            let attributed = !paragraph[end..].trim().is_empty() || !paragraph[..start].trim().is_empty();
            let why = if continued && i == 0 {
                QuoteReason::Continued
            } else if attributed {
                QuoteReason::Attributed
            } else {
                QuoteReason::OwnSentence
            };
            spans.push(QuoteSpan { start, end, why });
        }
        i += 2;
    }
    spans
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Does a quotation starting after `before` begin a clause (start of text or sentence, after a
/// colon or comma)?
fn opens_clause(before: &str) -> bool {
    let trimmed = before.trim_end();
    trimmed.is_empty() || trimmed.ends_with([':', ',', '.', '!', '?'])
}
