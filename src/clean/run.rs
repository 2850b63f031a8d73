//! The article's run: the stretch of the page where its paragraphs stand close together.
//!
//! A page holds prose outside its article too: teasers of other stories, a sidebar, legal text
//! at the foot. The article is the densest run of paragraphs, those no more than [`RUN_GAP`]
//! units apart with the most words between them. The headline is sought just above it, and
//! prose far outside it is judged more strictly than prose inside it.

use super::features::Features;

/// Paragraphs this many units apart or closer belong to one run (a caption, a subheading and a
/// link card may stand between them).
pub const RUN_GAP: usize = 8;

/// A run in which at least this share of the paragraphs stands under a headline of its own is
/// a block of teasers (headline, one paragraph, headline, ...), not an article with subheadings.
const TEASER_SHARE: f32 = 0.5;
/// A block of teasers counts this share of its words.
const TEASER_WEIGHT: f32 = 0.25;

/// The first and the last paragraph (inclusive) of the run with the most words of prose;
/// `paragraph` marks the units that are paragraphs, `headed` those right under a headline-shaped
/// line. `None` when there is none.
pub fn main_run(features: &[Features], paragraph: &[bool], headed: &[bool]) -> Option<(usize, usize)> {
    // The first of equal runs wins.
    runs(features, paragraph, headed)
        .iter()
        .rev()
        .max_by(|a, b| a.weight().total_cmp(&b.weight()))
        .map(|r| (r.start, r.last))
}

/// A run of paragraphs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Run {
    /// The first and the last paragraph (inclusive).
    pub start: usize,
    pub last: usize,
    /// Words of its paragraphs.
    pub words: usize,
    paragraphs: usize,
    headed: usize,
}

impl Run {
    /// Its words, a block of teasers discounted.
    pub fn weight(&self) -> f32 {
        let teasers = self.paragraphs >= 2 && self.headed as f32 >= TEASER_SHARE * self.paragraphs as f32;
        self.words as f32 * if teasers { TEASER_WEIGHT } else { 1.0 }
    }
}

/// The runs of paragraphs of a page, in page order.
pub fn runs(features: &[Features], paragraph: &[bool], headed: &[bool]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for i in (0..paragraph.len()).filter(|&i| paragraph[i]) {
        let words = features[i].words;
        let h = usize::from(headed[i]);
        match runs.last_mut() {
            Some(r) if i - r.last <= RUN_GAP => {
                *r = Run { last: i, words: r.words + words, paragraphs: r.paragraphs + 1, headed: r.headed + h, ..*r }
            }
            _ => runs.push(Run { start: i, last: i, words, paragraphs: 1, headed: h }),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_with_most_words_wins_over_an_earlier_one() {
        let long = Features::of("The council met on Tuesday and agreed that the harbour wall must be repaired soon.");
        let short = Features::of("A teaser of another story that is told elsewhere on the site.");
        let menu = Features::of("Home");
        let mut features = vec![short];
        features.extend(std::iter::repeat_n(menu, RUN_GAP + 1));
        features.extend([long, menu, long, long]);
        let paragraph: Vec<bool> = features.iter().map(|f| f.words > 1).collect();
        let n = features.len();
        assert_eq!(main_run(&features, &paragraph, &vec![false; n]), Some((RUN_GAP + 2, n - 1)));
        assert_eq!(main_run(&features[..1], &[false], &[false]), None);
    }

    #[test]
    fn a_block_of_headlines_over_one_paragraph_each_is_not_the_article() {
        let teaser = Features::of("The council met on Tuesday and agreed that the harbour wall must be repaired soon.");
        let headline = Features::of("Harbour Wall Repairs Delayed");
        let para = Features::of("A paragraph of the article itself, which tells the story of the harbour wall.");
        let mut features = Vec::new();
        for _ in 0..4 {
            features.extend([headline, teaser]);
        }
        features.extend(std::iter::repeat_n(Features::of("Home"), RUN_GAP + 1));
        let first = features.len();
        features.extend([para, para]);
        let paragraph: Vec<bool> = features.iter().map(|f| f.words > 5).collect();
        let headed: Vec<bool> = (0..features.len()).map(|i| paragraph[i] && i < first).collect();
        assert_eq!(main_run(&features, &paragraph, &headed), Some((first, first + 1)));
    }
}
