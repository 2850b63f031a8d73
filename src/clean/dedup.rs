//! Repeated text: pull quotes and standfirsts print a sentence of the body a second time. A
//! listener should hear it once, where it stands in the body.

use std::collections::HashMap;

use super::{ArticleBlock, DroppedLine, Rule};

/// Lowercase words with punctuation removed: two renderings of the same quote compare equal even
/// when one has an extra comma.
pub fn normalize_key(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drop blocks that repeat another block, or that repeat a sentence inside a longer block.
///
/// Of two equal blocks, the one whose neighbours are longer (body text) is kept; on a tie the
/// later is kept, since a pull quote usually comes before the passage it quotes.
pub fn drop_repeats(blocks: &mut Vec<ArticleBlock>, dropped: &mut Vec<DroppedLine>) {
    let keys: Vec<String> = blocks.iter().map(|b| normalize_key(&b.text)).collect();
    let mut remove = vec![false; blocks.len()];

    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if !key.is_empty() && !blocks[i].heading && !crate::ingest::is_note(&blocks[i].text) {
            groups.entry(key.as_str()).or_default().push(i);
        }
    }
    for indices in groups.values().filter(|v| v.len() > 1) {
        let keep = indices.iter().copied().max_by_key(|&i| (neighbour_length(blocks, i), i)).unwrap_or(indices[0]);
        for &i in indices.iter().filter(|&&i| i != keep) {
            remove[i] = true;
        }
    }

    // A short block quoted from inside a longer one (a pull quote of one sentence). A block can
    // only hold the quote if it holds every three-word run of it, so only the blocks that share
    // the quote's rarest run are compared: on a long page with a small vocabulary (a forum, a
    // generated report) the first run alone would compare most blocks with most others.
    let mut by_trigram: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, key) in keys.iter().enumerate() {
        let words: Vec<&str> = key.split(' ').collect();
        for gram in words.windows(3) {
            let entry = by_trigram.entry(gram.join(" ")).or_default();
            if entry.last() != Some(&j) {
                entry.push(j);
            }
        }
    }
    let padded: Vec<String> = keys.iter().map(|key| format!(" {key} ")).collect();
    for (i, key) in keys.iter().enumerate() {
        let words: Vec<&str> = key.split(' ').collect();
        if remove[i] || blocks[i].heading || words.len() < 5 {
            continue;
        }
        let candidates = words
            .windows(3)
            .filter_map(|gram| by_trigram.get(&gram.join(" ")))
            .min_by_key(|postings| postings.len())
            .map_or(&[][..], Vec::as_slice);
        let quoted_elsewhere = candidates
            .iter()
            .any(|&j| j != i && !remove[j] && keys[j].len() > key.len() && padded[j].contains(padded[i].as_str()));
        if quoted_elsewhere {
            remove[i] = true;
        }
    }

    let mut index = 0;
    blocks.retain(|b| {
        let gone = remove[index];
        index += 1;
        if gone {
            dropped.push(DroppedLine {
                line_no: b.first_line,
                text: b.text.clone(),
                rule: Rule::RepeatedText,
                why: None,
            });
        }
        !gone
    });
}

fn neighbour_length(blocks: &[ArticleBlock], i: usize) -> usize {
    let before = i.checked_sub(1).map_or(0, |j| blocks[j].text.len());
    let after = blocks.get(i + 1).map_or(0, |b| b.text.len());
    before.min(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> ArticleBlock {
        ArticleBlock { text: text.into(), heading: false, quote: false, first_line: 0 }
    }

    #[test]
    fn pull_quote_before_body_is_dropped_and_body_copy_kept() {
        let body = "A long paragraph of body text that goes on for a while about the harbour.";
        let mut blocks = vec![
            block("The tide waits for no council, said the mayor."),
            block(body),
            block("The tide waits for no council said the mayor"),
            block(body.replace("harbour", "bridge").as_str()),
        ];
        let mut dropped = Vec::new();
        drop_repeats(&mut blocks, &mut dropped);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].text, "The tide waits for no council said the mayor");
        assert_eq!(dropped[0].rule, Rule::RepeatedText);
    }

    #[test]
    fn sentence_quoted_from_a_longer_paragraph_is_dropped() {
        let mut blocks = vec![
            block("Nobody expected the vote to pass."),
            block("The count ran late. Nobody expected the vote to pass. Then it did."),
        ];
        let mut dropped = Vec::new();
        drop_repeats(&mut blocks, &mut dropped);
        assert_eq!(blocks.len(), 1);
        assert!(blocks[0].text.starts_with("The count"));
    }
}
