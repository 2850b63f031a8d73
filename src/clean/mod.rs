//! Clean: a [`Document`] becomes an [`Article`], holding only what a narrator would read.
//!
//! Scraped pages arrive with the page around them: skip links, menus, appeals, pull quotes that
//! repeat the body. Every line that is dropped is dropped by a named rule and recorded, so
//! `readcast script --explain` can show why, and `--keep REGEX` can overrule it.
//!
//! The page is cut into units (`units`), each unit's evidence is measured (`features`), named
//! wording rules fire first (`furniture`), then the evidence and the neighbours decide the rest
//! (`score`), the headline is chosen (`title`) and text printed twice is read once (`dedup`).

mod article;
mod byline_look;
mod dedup;
mod features;
mod furniture;
mod headline;
mod headline_weights;
mod inline;
mod line_model;
mod line_weights;
mod reasons;
mod rule;
mod run;
mod score;
mod standfirst;
mod title;
mod unicode;
mod units;

pub use article::{Article, ArticleBlock, DroppedLine};
pub use rule::Rule;

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
    #[error(
        "{source_name}: nothing is left to read after cleaning ({dropped} lines were dropped as page furniture; `readcast script --explain` shows why)"
    )]
    NothingLeft { source_name: String, dropped: usize },
}

/// Clean a document into an article.
pub fn clean(doc: &Document, options: &CleanOptions) -> Result<Article, CleanError> {
    let (units, emptied) = units::units(doc);
    let known_title = options.title_override.is_some() || doc.metadata.title.is_some();
    let mut judgement = score::judge(&units, &options.keep, !known_title);
    // The line rules are for text scraped with the page around it. A reader's own note ("A table
    // is left out.") is never page furniture; a Markdown file is the author's own text; an HTML
    // page has already been cut down to its article by the HTML reader (readability plus its own
    // furniture rules), and what a flag asked for (table rows, captions) must be read.
    // Only the wording rules that name what is never the article (an appeal to subscribe, a shop
    // link, a copyright or legal notice) still apply to an HTML page: readability keeps such
    // lines when the site puts them inside the article's element.
    let structured = matches!(doc.kind, DocumentKind::Markdown | DocumentKind::Html);
    for (i, unit) in units.iter().enumerate() {
        let note = doc.blocks.get(unit.block).is_some_and(|b| b.kind == SourceBlockKind::Note);
        let exact = doc.kind == DocumentKind::Html && judgement.dropped_by[i].is_some_and(Rule::is_exact_wording);
        if note || (structured && !exact) {
            judgement.dropped_by[i] = None;
        }
    }

    let mut dropped: Vec<DroppedLine> = emptied
        .into_iter()
        .map(|(line_no, text)| DroppedLine { line_no, text, rule: Rule::NoWords, why: None })
        .collect();
    let mut blocks: Vec<ArticleBlock> = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        if Some(i) == judgement.title {
            let why = judgement.title_why.clone();
            for (line_no, text) in &unit.lines {
                dropped.push(DroppedLine {
                    line_no: *line_no,
                    text: text.clone(),
                    rule: Rule::Title,
                    why: why.clone(),
                });
            }
            continue;
        }
        match judgement.dropped_by[i] {
            Some(rule) => {
                for (line_no, text) in &unit.lines {
                    let why = judgement.why[i].clone();
                    dropped.push(DroppedLine { line_no: *line_no, text: text.clone(), rule, why });
                }
            }
            None => blocks.push(ArticleBlock {
                text: unit.text.clone(),
                heading: unit.heading,
                quote: doc.blocks.get(unit.block).is_some_and(|b| b.kind == SourceBlockKind::Quote),
                first_line: unit.lines.first().map_or(0, |(n, _)| *n),
            }),
        }
    }

    let title = match (&options.title_override, &doc.metadata.title, judgement.title) {
        (Some(title), _, _) | (None, Some(title), _) => {
            let title = unicode::collapse_spaces(&unicode::normalize(title));
            title::remove_title_lines(&mut blocks, &title, &mut dropped);
            title
        }
        (None, None, Some(i)) => judgement.title_text.clone().unwrap_or_else(|| units[i].text.clone()),
        (None, None, None) => title::fallback_title(&doc.source),
    };

    dedup::drop_repeats(&mut blocks, &mut dropped);
    // Blocks dropped whole (repeats, copies of the title) are recorded by their first line; list
    // each line of a wrapped paragraph on its own, as the line rules do.
    let lines_of: std::collections::HashMap<usize, &[(usize, String)]> = units
        .iter()
        .filter(|u| u.lines.len() > 1)
        .filter_map(|u| Some((u.lines.first()?.0, u.lines.as_slice())))
        .collect();
    dropped = dropped
        .into_iter()
        .flat_map(|d| match lines_of.get(&d.line_no) {
            Some(lines) if d.text == units_text(lines) => lines
                .iter()
                .map(|(line_no, text)| DroppedLine {
                    line_no: *line_no,
                    text: text.clone(),
                    rule: d.rule,
                    why: d.why.clone(),
                })
                .collect(),
            _ => vec![d],
        })
        .collect();

    if blocks.iter().all(|b| b.heading) {
        return Err(CleanError::NothingLeft { source_name: doc.source.clone(), dropped: dropped.len() });
    }
    dropped.sort_by_key(|d| d.line_no);
    Ok(Article { title, metadata: doc.metadata.clone(), blocks, dropped })
}

/// What the learned parts of the cleaner see on a page, for the training scripts
/// (`readcast script --features-json`): each headline candidate with its features, and each
/// unit with the rules' verdict and the line model's features.
pub fn features_json(doc: &Document) -> serde_json::Value {
    let (units, _) = units::units(doc);
    let candidates: Vec<serde_json::Value> = score::headline_candidates(&units)
        .iter()
        .map(|c| {
            serde_json::json!({
                "unit": c.unit,
                "line": units[c.unit].lines.first().map_or(0, |(n, _)| *n),
                "text": c.text,
                "first_line": c.first_line,
                "bylined": c.bylined,
                "hand": c.hand,
                "model": headline::model_score(&c.x),
                "reasons": headline::strongest(&c.x, 3),
                "x": c.x.to_vec(),
            })
        })
        .collect();
    let stage = score::by_rules(&units, doc.metadata.title.is_none());
    let verdicts = stage.verdicts(&units);
    let x = line_model::vectors(&verdicts);
    let lines: Vec<serde_json::Value> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            serde_json::json!({
                "text": u.text,
                "rule": stage.dropped_by[i].map(Rule::as_str),
                "judged": line_model::is_judged(stage.dropped_by[i]) && Some(i) != stage.title,
                "x": x[i].to_vec(),
            })
        })
        .collect();
    serde_json::json!({
        "headline": { "names": headline::NAMES.to_vec(), "candidates": candidates },
        "lines": { "names": line_model::NAMES.to_vec(), "title": stage.title, "units": lines },
    })
}

/// The text of a unit made of these lines, as `units` joins them.
fn units_text(lines: &[(usize, String)]) -> String {
    unicode::collapse_spaces(&lines.iter().map(|(_, l)| l.trim()).collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Metadata, SourceBlock};

    #[test]
    fn a_wrapped_pull_quote_dropped_as_a_repeat_lists_each_of_its_lines() {
        let quote = ["Nobody wants to hear that the work will take two more years, but it", "is better to say so now."];
        let body = "Residents were told on Tuesday. Nobody wants to hear that the work will take two more years, but it is better to say so now. The council agreed.";
        let blocks = vec![
            SourceBlock {
                kind: SourceBlockKind::Paragraph,
                lines: vec!["Harbour Wall Repairs Delayed".into()],
                first_line: 1,
            },
            SourceBlock {
                kind: SourceBlockKind::Paragraph,
                lines: quote.iter().map(|s| s.to_string()).collect(),
                first_line: 3,
            },
            SourceBlock { kind: SourceBlockKind::Paragraph, lines: vec![body.into()], first_line: 6 },
        ];
        let doc = Document { source: "t".into(), kind: DocumentKind::Text, metadata: Metadata::default(), blocks };
        let article = clean(&doc, &CleanOptions::default()).expect("article");
        let repeats: Vec<usize> =
            article.dropped.iter().filter(|d| d.rule == Rule::RepeatedText).map(|d| d.line_no).collect();
        assert_eq!(repeats, vec![3, 4], "{:?}", article.dropped);
    }

    #[test]
    fn odd_pages_never_panic() {
        let lines = [
            "Home",
            "Comments (3)",
            "Related",
            "Reply",
            "",
            "Photo: A B",
            "Image caption,",
            "©",
            "The council met today and said it would.",
            "A Headline Of Some Kind",
            "[1]",
            "\u{1F600}",
            "By Jane Doe",
            "Contents",
            "x",
            "Read more",
            ":",
            "Advertisement",
            "A long line of prose that goes on and on about the harbour wall and the storm and the council meeting.",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..500 {
            let mut blocks = Vec::new();
            let mut line = 1;
            for _ in 0..(state % 9 + 1) {
                let mut block = Vec::new();
                for _ in 0..(state % 4 + 1) {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    block.push(lines[(state % lines.len() as u64) as usize].to_string());
                }
                let n = block.len();
                blocks.push(SourceBlock { kind: SourceBlockKind::Paragraph, lines: block, first_line: line });
                line += n + 1;
            }
            let doc = Document { source: "t".into(), kind: DocumentKind::Text, metadata: Metadata::default(), blocks };
            match clean(&doc, &CleanOptions::default()) {
                Ok(article) => {
                    let mut by_number = std::collections::HashMap::new();
                    for b in &doc.blocks {
                        for (k, l) in b.lines.iter().enumerate() {
                            by_number.insert(b.first_line + k, l.trim().to_string());
                        }
                    }
                    // Each dropped line is a real, non-empty line, listed once; a read block
                    // starts on a line that was not dropped.
                    let mut seen = std::collections::HashSet::new();
                    for d in &article.dropped {
                        assert!(by_number.get(&d.line_no).is_some_and(|l| !l.is_empty()), "{d:?}");
                        assert!(seen.insert(d.line_no), "line {} listed twice", d.line_no);
                        if d.rule != Rule::Title {
                            assert_eq!(d.why.is_some(), d.rule == Rule::Model, "only the models give reasons: {d:?}");
                        }
                    }
                    for b in &article.blocks {
                        assert!(!seen.contains(&b.first_line), "{b:?} was also dropped");
                    }
                    assert!(!article.title.is_empty());
                }
                Err(CleanError::NothingLeft { .. }) => {}
            }
        }
    }
}
