//! The learned headline chooser: what is measured about each line that may be the headline, and
//! the model that weighs it.
//!
//! Hand-set weights for these signs (round 1, `title::hand_score`) did not generalize to sites
//! they were not tuned on, so the weights are fitted on real pages by
//! `scripts/train-headline.py` (a softmax over each page's candidates, validated by site) and
//! written to `headline_weights.rs`. The features are computed here and only here: the training
//! script reads them from `readcast script --features-json`, so training and use cannot disagree.

use std::collections::{HashMap, HashSet};

use super::dedup::normalize_key;
use super::features::Features;
use super::headline_weights::{MEANS, SCALES, WEIGHTS};
use super::reasons::{LinearModel, Toward};
use super::rule::Rule;
use super::title::{self, Page};

/// The names of the features, in the order of the vector (`--features-json` prints them).
pub const NAMES: [&str; FEATURES] = [
    "hand_score",
    "words_1_2",
    "words_3_4",
    "words_5_20",
    "words_over_20",
    "shared_with_body",
    "shared_with_first_paragraph",
    "comma",
    "number_heavy",
    "rivals_below",
    "menus_between",
    "distance",
    "last_candidate",
    "signed_below",
    "credit_below",
    "faq_question",
    "repeated_in_body",
    "repeated_on_page",
    "capital_share",
    "function_share",
    "ends_question_or_bang",
    "ends_period",
    "is_prose",
    "has_links",
    "short_neighbours",
    "furniture_neighbours",
    "page_position",
    "title_case",
    "dropped_by_rule",
    "inside_run",
    "shaped_above_shared",
];
pub const FEATURES: usize = 31;
/// Where the standfirst step (`standfirst`) finds the features it compares.
pub const SHARED_WITH_BODY: usize = 5;
pub const CAPITAL_SHARE: usize = 18;
/// Where the byline step (`byline_look`) finds whether a byline or a date signs a candidate.
pub const SIGNED_BELOW: usize = 13;

/// Rules that sometimes take the headline for furniture: its candidates include such lines.
pub fn may_hide_headline(rule: Rule) -> bool {
    matches!(rule, Rule::LinkList | Rule::RepeatedLine | Rule::PhotoCaption | Rule::Shopping)
}

/// The model's score of a feature vector: a weighted sum of the standardized features.
pub fn model_score(x: &[f32; FEATURES]) -> f32 {
    (0..FEATURES).map(|k| WEIGHTS[k] * (x[k] - MEANS[k]) / SCALES[k]).sum()
}

/// The `n` features that moved a candidate's score most either way, with their shares.
pub fn strongest(x: &[f32; FEATURES], n: usize) -> Vec<(&'static str, f32)> {
    MODEL.strongest(x, n)
}

/// The fitted model, for its reasons.
const MODEL: LinearModel<'static> =
    LinearModel { names: &NAMES, weights: &WEIGHTS, means: &MEANS, scales: &SCALES, scaled: &SCALED };

/// The features measured on a scale (the rest are yes or no), for explanations.
const SCALED: [&str; 12] = [
    "hand_score",
    "shared_with_body",
    "shared_with_first_paragraph",
    "rivals_below",
    "menus_between",
    "distance",
    "capital_share",
    "function_share",
    "short_neighbours",
    "furniture_neighbours",
    "page_position",
    "shaped_above_shared",
];

/// The features that raised a chosen headline's score most, in words ("words_5_20,
/// shared_with_body high"), for `--explain`: why this line heads the page.
pub fn strongest_for(x: &[f32; FEATURES], n: usize) -> Vec<String> {
    MODEL.reasons(x, Toward::Up, n)
}

/// What is known about the page around the candidates.
pub struct Context<'a> {
    page: &'a Page<'a>,
    first_prose: usize,
    shaped: &'a [usize],
    later_questions: usize,
    later_keys: HashSet<String>,
    key_counts: HashMap<String, usize>,
    first_paragraph: HashSet<String>,
}

impl<'a> Context<'a> {
    pub fn new(page: &'a Page<'a>, first_prose: usize, shaped: &'a [usize]) -> Context<'a> {
        let units = page.units;
        let prose = page.prose;
        let later_questions = (first_prose..units.len().saturating_sub(1))
            .filter(|&j| !prose[j] && units[j].text.trim_end().ends_with('?') && prose[j + 1])
            .count();
        let later_keys = units.iter().skip(first_prose).map(|u| normalize_key(&u.text)).collect();
        let mut key_counts: HashMap<String, usize> = HashMap::new();
        for u in units {
            *key_counts.entry(normalize_key(&u.text)).or_default() += 1;
        }
        let first_paragraph = (first_prose..units.len())
            .find(|&j| prose[j])
            .map(|j| title::content_words(&units[j].text).into_iter().collect())
            .unwrap_or_default();
        Context { page, first_prose, shaped, later_questions, later_keys, key_counts, first_paragraph }
    }

    /// Headline-shaped lines of three or more words (not rows of numbers) below `i`.
    pub fn rivals(&self, i: usize) -> usize {
        let f = self.page.features;
        self.shaped.iter().filter(|&&j| j > i && f[j].words >= 3 && !f[j].is_number_heavy()).count()
    }

    /// Menus between `i` and the article.
    pub fn menus_between(&self, i: usize) -> usize {
        (i + 1..self.first_prose).filter(|&j| self.page.features[j].is_menu_like()).count()
    }

    pub fn is_last(&self, i: usize) -> bool {
        self.shaped.last() == Some(&i)
    }

    /// A question above the first answer when more questions head later paragraphs: a FAQ.
    pub fn faq_question(&self, i: usize) -> bool {
        self.page.units[i].text.trim_end().ends_with('?') && self.later_questions >= 2
    }

    /// Printed again at or after the article's start (a table of contents' entry).
    pub fn repeated_in_body(&self, i: usize) -> bool {
        self.later_keys.contains(&normalize_key(&self.page.units[i].text))
    }

    /// The feature vector of candidate `i`, whose text is `text` (the unit's, or its first
    /// line's) with features `f` (see [`NAMES`]).
    pub fn features(&self, i: usize, text: &str, f: &Features, hand: f32, body: &HashSet<String>) -> [f32; FEATURES] {
        let Page { units, features, rules, prose, .. } = *self.page;
        let text = text.trim_end();
        let words = title::content_words(text);
        let share = |set: &HashSet<String>| {
            if words.is_empty() {
                0.0
            } else {
                words.iter().filter(|w| set.contains(*w)).count() as f32 / words.len() as f32
            }
        };
        let near: Vec<usize> =
            [i.wrapping_sub(2), i.wrapping_sub(1), i + 1, i + 2].into_iter().filter(|&j| j < units.len()).collect();
        let n_near = near.len().max(1) as f32;
        let short_near = near.iter().filter(|&&j| features[j].words <= 3 && !features[j].ends_sentence).count();
        let furniture_near = near.iter().filter(|&&j| rules[j].is_some()).count();
        let b = |v: bool| if v { 1.0 } else { 0.0 };
        let ln = |n: usize| (1.0 + n as f32).ln();
        [
            hand,
            b(f.words <= 2),
            b((3..=4).contains(&f.words)),
            b((5..=20).contains(&f.words)),
            b(f.words > 20),
            share(body),
            share(&self.first_paragraph),
            b(f.has_comma),
            b(f.is_number_heavy()),
            ln(self.rivals(i)),
            ln(self.menus_between(i)),
            ln(self.first_prose.saturating_sub(i)),
            b(self.is_last(i)),
            b(title::signed_below(units, features, rules, i)),
            b(title::credited(rules, i)),
            b(self.faq_question(i)),
            b(self.repeated_in_body(i)),
            b(self.key_counts.get(&normalize_key(text)).is_some_and(|&n| n > 1)),
            f.capital_share,
            f.function_share,
            b(text.ends_with(['?', '!'])),
            b(text.ends_with('.')),
            b(prose[i]),
            b(units[i].links > 0),
            short_near as f32 / n_near,
            furniture_near as f32 / n_near,
            i as f32 / units.len().max(1) as f32,
            b(f.words >= 4 && f.capital_share >= 0.7),
            b(rules[i].is_some()),
            b(i >= self.first_prose),
            self.shaped_above_shared(i, body),
        ]
    }

    /// Of the headline-shaped lines of four or more words one or two units above `i`, the largest
    /// share of words the article uses: a headline over this line, which is then the standfirst
    /// (a teaser of another story above a headline shares few).
    fn shaped_above_shared(&self, i: usize, body: &HashSet<String>) -> f32 {
        let Page { units, features, .. } = *self.page;
        (i.saturating_sub(2)..i)
            .filter(|&j| {
                features[j].words >= 4
                    && title::shaped_like_headline(&units[j].text, &features[j])
                    && !title::is_dateline(&units[j].text)
            })
            .map(|j| {
                let words = title::content_words(&units[j].text);
                words.iter().filter(|w| body.contains(*w)).count() as f32 / words.len().max(1) as f32
            })
            .fold(0.0, f32::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feature_has_a_name_and_the_strongest_come_first() {
        assert_eq!(NAMES.len(), FEATURES);
        assert_eq!((NAMES[SHARED_WITH_BODY], NAMES[CAPITAL_SHARE]), ("shared_with_body", "capital_share"));
        assert_eq!(NAMES[SIGNED_BELOW], "signed_below");
        let mut x = MEANS;
        x[5] += 2.0 * SCALES[5];
        x[1] += SCALES[1];
        let top = strongest(&x, 2);
        assert_eq!(top.len(), 2);
        assert!(top[0].1.abs() >= top[1].1.abs());
        assert!(top.iter().any(|(name, _)| *name == NAMES[5]) || WEIGHTS[5] == 0.0);
        assert!(model_score(&MEANS).abs() < 1e-4, "a line at the means scores zero");
    }
}
