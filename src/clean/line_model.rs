//! The learned line model: whether a unit that the rules left to judgement is the article.
//!
//! The named rules are exact about what they name (a cookie notice, a byline) and they stay.
//! What falls to judgement (a short line among paragraphs, a teaser, prose after the article's
//! run, and prose the rules kept) was decided by hand thresholds that did not generalize to
//! sites they were not tuned on. Here a logistic regression over each unit's evidence, its
//! neighbours', and its place relative to the article's run and the headline decides instead.
//! The weights are fitted on real pages by `scripts/train-lines.py` (validated by site) and
//! written to `line_weights.rs`; the features are computed here and only here, and the
//! training script reads them from `readcast script --features-json`.

use std::collections::{HashMap, HashSet};

use super::dedup::normalize_key;
use super::features::Features;
use super::furniture;
use super::line_weights::{BIAS, MARGIN, MEANS, SCALES, SMOOTH, TAIL_MEAN, TAIL_UNITS, THRESHOLD, WEIGHTS};
use super::reasons::{LinearModel, Toward};
use super::rule::Rule;
use super::title;
use super::units::Unit;

/// The names of the features, in the order of the vector (`--features-json` prints them).
pub const NAMES: [&str; FEATURES] = [
    "log_words",
    "ends_sentence",
    "function_share",
    "capital_share",
    "menu_marks",
    "comma",
    "number_share",
    "ends_ellipsis",
    "is_prose",
    "heading_like",
    "sentence_like",
    "lowercase_phrase",
    "has_links",
    "verdict_kept",
    "verdict_short_line",
    "verdict_teaser",
    "verdict_outside",
    "legal_phrase",
    "inside_run",
    "before_run",
    "after_run",
    "run_distance",
    "continues_run",
    "page_position",
    "after_title",
    "title_distance",
    "shares_title",
    "shares_article",
    "repeated_on_page",
    "prev_furniture",
    "next_furniture",
    "prev_prose",
    "next_prose",
    "prev_log_words",
    "next_log_words",
    "furniture_near",
    "kept_near",
    "share_of_run",
    "ends_colon",
    "speaks_to_reader",
    "glued_joins",
    "first_person",
    "run_progress",
    "next_glued",
    "same_lead_run",
    "same_lead_in_run",
    "copies_long",
];
pub const FEATURES: usize = 47;

/// A line of this many words or more printed more than once counts its copies (`copies_long`);
/// shorter repeated lines are the `repeated-line` rule's.
const LONG_COPY_WORDS: usize = 12;

/// Units this far on either side count as near (for the shares of furniture and kept text).
const NEAR: usize = 3;

/// The verdicts the model may overrule: the judgement rules, and prose the rules kept.
pub fn is_judged(verdict: Option<Rule>) -> bool {
    matches!(
        verdict,
        None | Some(
            Rule::ShortLine | Rule::BetweenFurniture | Rule::Teaser | Rule::OutsideArticle | Rule::AfterArticle
        )
    )
}

/// The article's run as the rules found it (see `run`).
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// The first and last paragraph of the article's run, if the page has one.
    pub bounds: Option<(usize, usize)>,
    pub words: usize,
    /// Units in a later run that continues the article.
    pub continues: Vec<bool>,
}

/// What the rules made of the page: the model's input.
pub struct Verdicts<'a> {
    pub units: &'a [Unit],
    pub features: &'a [Features],
    pub prose: &'a [bool],
    pub dropped_by: &'a [Option<Rule>],
    pub title: Option<usize>,
    pub run: &'a RunInfo,
}

/// The model's logit for a feature vector: a weighted sum of the standardized features.
pub fn logit(x: &[f32; FEATURES]) -> f32 {
    BIAS + (0..FEATURES).map(|k| WEIGHTS[k] * (x[k] - MEANS[k]) / SCALES[k]).sum::<f32>()
}

/// Features measured on a scale; the rest are yes or no.
const SCALED: [&str; 20] = [
    "log_words",
    "function_share",
    "capital_share",
    "number_share",
    "run_distance",
    "page_position",
    "title_distance",
    "shares_title",
    "shares_article",
    "prev_log_words",
    "next_log_words",
    "furniture_near",
    "kept_near",
    "share_of_run",
    "glued_joins",
    "first_person",
    "run_progress",
    "next_glued",
    "same_lead_run",
    "same_lead_in_run",
];

/// The features that pushed a unit's logit down most, strongest first, for `--explain`: "not
/// sentence_like", "title_distance high".
pub fn strongest_against(x: &[f32; FEATURES], n: usize) -> Vec<String> {
    MODEL.reasons(x, Toward::Down, n)
}

/// The fitted model, for its reasons.
const MODEL: LinearModel<'static> =
    LinearModel { names: &NAMES, weights: &WEIGHTS, means: &MEANS, scales: &SCALES, scaled: &SCALED };

/// Every unit's feature vector.
pub fn vectors(v: &Verdicts) -> Vec<[f32; FEATURES]> {
    let ctx = Context::new(v);
    (0..v.units.len()).map(|i| ctx.features(v, i)).collect()
}

/// The model's decision for each judged unit: `Some(true)` read, `Some(false)` dropped, `None`
/// for units a rule decided (or the headline). A unit's logit is smoothed with its judged
/// neighbours' (the article is a few contiguous runs, not single lines scattered over a page),
/// and the rules' verdict stands unless the model is [`MARGIN`] past the threshold against it:
/// held out, overruling them on a narrow margin lost more on our own pages than it gained.
pub fn decide(v: &Verdicts, x: &[[f32; FEATURES]]) -> Vec<Option<bool>> {
    let judged: Vec<bool> = (0..v.units.len()).map(|i| is_judged(v.dropped_by[i]) && Some(i) != v.title).collect();
    let raw: Vec<f32> = x.iter().map(logit).collect();
    let mut read = decide_units(v, &judged, &raw);
    cut_tail(v, &judged, &raw, &mut read);
    read
}

/// Each judged unit on its own score (see [`decide`]).
fn decide_units(v: &Verdicts, judged: &[bool], raw: &[f32]) -> Vec<Option<bool>> {
    (0..v.units.len())
        .map(|i| {
            if !judged[i] {
                return None;
            }
            let near: Vec<f32> = [i.wrapping_sub(1), i + 1]
                .into_iter()
                .filter(|&j| j < judged.len() && judged[j])
                .map(|j| raw[j])
                .collect();
            let smoothed = if near.is_empty() {
                raw[i]
            } else {
                (1.0 - SMOOTH) * raw[i] + SMOOTH * near.iter().sum::<f32>() / near.len() as f32
            };
            let kept_by_rules = v.dropped_by[i].is_none();
            Some(if kept_by_rules { smoothed >= THRESHOLD - MARGIN } else { smoothed >= THRESHOLD + MARGIN })
        })
        .collect()
}

/// The article's run often goes on past the article's end into what the page adds after it (a
/// grid of teasers, a company's "about us", a newsletter box) with no header to end it; each
/// unit there may score too weakly to overrule the rules, but together they score low. The
/// judged units of the run (and those read after it) are taken from the end: the longest tail of
/// [`TAIL_UNITS`] or more whose mean score, weighted by words, is under [`TAIL_MEAN`] is
/// dropped. Both were chosen held out by site (`scripts/train-lines.py --tail`).
fn cut_tail(v: &Verdicts, judged: &[bool], raw: &[f32], read: &mut [Option<bool>]) {
    let Some((start, end)) = v.run.bounds else { return };
    let tail: Vec<usize> = (0..read.len())
        .filter(|&i| judged[i] && ((start..=end).contains(&i) || (i > end && read[i] == Some(true))))
        .collect();
    if tail.len() < TAIL_UNITS + 2 {
        return;
    }
    let (mut sum, mut weight, mut cut) = (0.0, 0.0, None);
    // The first two units always stay: a tail is what follows some of the article.
    for s in (2..tail.len()).rev() {
        let w = 1.0 + v.features[tail[s]].words as f32;
        sum += w * raw[tail[s]];
        weight += w;
        if tail.len() - s >= TAIL_UNITS && sum / weight < TAIL_MEAN {
            cut = Some(s);
        }
    }
    for &i in cut.map_or(&[][..], |s| &tail[s..]) {
        read[i] = Some(false);
    }
}

/// Page-level facts the unit features refer to.
struct Context {
    title_words: HashSet<String>,
    /// Content words of the run's prose, with how often each occurs there.
    run_words: HashMap<String, usize>,
    key_counts: HashMap<String, usize>,
    /// Each unit's `same_lead_runs`.
    lead_runs: Vec<usize>,
}

impl Context {
    fn new(v: &Verdicts) -> Context {
        let title_words =
            v.title.map(|t| title::content_words(&v.units[t].text).into_iter().collect()).unwrap_or_default();
        let mut run_words: HashMap<String, usize> = HashMap::new();
        if let Some((start, end)) = v.run.bounds {
            for i in (start..=end).filter(|&i| v.prose[i]) {
                for w in title::content_words(&v.units[i].text) {
                    *run_words.entry(w).or_default() += 1;
                }
            }
        }
        let mut key_counts: HashMap<String, usize> = HashMap::new();
        for u in v.units {
            *key_counts.entry(normalize_key(&u.text)).or_default() += 1;
        }
        Context { title_words, run_words, key_counts, lead_runs: same_lead_runs(v.units) }
    }

    /// How many times the page prints this text.
    fn copies(&self, text: &str) -> usize {
        self.key_counts.get(&normalize_key(text)).copied().unwrap_or(1)
    }

    /// The share of a unit's content words that the rest of the article's run uses.
    fn shares_article(&self, v: &Verdicts, i: usize) -> f32 {
        let words = title::content_words(&v.units[i].text);
        if words.is_empty() {
            return 0.0;
        }
        let own_in_run = v.run.bounds.is_some_and(|(s, e)| (s..=e).contains(&i) && v.prose[i]);
        let mut own: HashMap<&str, usize> = HashMap::new();
        for w in &words {
            *own.entry(w.as_str()).or_default() += 1;
        }
        let elsewhere = |w: &String| {
            let total = self.run_words.get(w).copied().unwrap_or(0);
            let mine = if own_in_run { own.get(w.as_str()).copied().unwrap_or(0) } else { 0 };
            total > mine
        };
        words.iter().filter(|w| elsewhere(w)).count() as f32 / words.len() as f32
    }

    fn features(&self, v: &Verdicts, i: usize) -> [f32; FEATURES] {
        let (units, features, dropped_by) = (v.units, v.features, v.dropped_by);
        let f = &features[i];
        let n = units.len();
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        let ln = |x: usize| (1.0 + x as f32).ln();
        let verdict = dropped_by[i];
        let furniture = |j: usize| j < n && dropped_by[j].is_some_and(|r| !is_judged(Some(r)));
        let prose = |j: usize| j < n && v.prose[j];
        let words_at = |j: usize| if j < n { ln(features[j].words) } else { 0.0 };
        let (start, end) = v.run.bounds.unwrap_or((n, n));
        let run_distance = start.saturating_sub(i) + i.saturating_sub(end);
        let inside = v.run.bounds.is_some() && (start..=end).contains(&i);
        let near: Vec<usize> = (i.saturating_sub(NEAR)..(i + NEAR + 1).min(n)).filter(|&j| j != i).collect();
        let share_near =
            |p: &dyn Fn(usize) -> bool| near.iter().filter(|&&j| p(j)).count() as f32 / near.len().max(1) as f32;
        let text = units[i].text.trim();
        let words = title::content_words(text);
        let shares_title = if words.is_empty() {
            0.0
        } else {
            words.iter().filter(|w| self.title_words.contains(*w)).count() as f32 / words.len() as f32
        };
        let lower = text.to_lowercase();
        let lower_words: Vec<&str> =
            lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
        let speaks = lower_words.iter().any(|w| matches!(*w, "you" | "your" | "you're"));
        let first_person =
            lower_words.iter().filter(|w| matches!(**w, "i" | "i'm" | "i've" | "i'd" | "my" | "me")).count();
        let run_progress = match v.run.bounds {
            Some((s, e)) if e > s && (s..=e).contains(&i) => (i - s) as f32 / (e - s) as f32,
            _ => 0.0,
        };
        [
            ln(f.words),
            b(f.ends_sentence),
            f.function_share,
            f.capital_share,
            b(f.separators > 0),
            b(f.has_comma),
            f.numbers as f32 / f.words.max(1) as f32,
            b(f.ends_ellipsis),
            b(v.prose[i]),
            b(f.is_heading_like()),
            b(f.is_sentence_like()),
            b(f.is_lowercase_phrase()),
            b(units[i].links > 0),
            b(verdict.is_none()),
            b(matches!(verdict, Some(Rule::ShortLine | Rule::BetweenFurniture))),
            b(verdict == Some(Rule::Teaser)),
            b(matches!(verdict, Some(Rule::OutsideArticle | Rule::AfterArticle))),
            b(furniture::legal_phrases(text) > 0),
            b(inside),
            b(i < start),
            b(v.run.bounds.is_some() && i > end),
            ln(run_distance),
            b(v.run.continues.get(i).copied().unwrap_or(false)),
            i as f32 / n.max(1) as f32,
            b(v.title.is_some_and(|t| i > t)),
            v.title.map_or(0.0, |t| ln(i.abs_diff(t))),
            shares_title,
            self.shares_article(v, i),
            b(self.copies(text) > 1),
            b(i > 0 && furniture(i - 1)),
            b(furniture(i + 1)),
            b(i > 0 && prose(i - 1)),
            b(prose(i + 1)),
            if i > 0 { words_at(i - 1) } else { 0.0 },
            words_at(i + 1),
            share_near(&|j| dropped_by[j].is_some_and(|r| !is_judged(Some(r)))),
            share_near(&|j| dropped_by[j].is_none()),
            (f.words as f32 / v.run.words.max(1) as f32).min(1.0),
            b(text.ends_with(':')),
            b(speaks),
            ln(glued_joins(text)),
            first_person as f32 / lower_words.len().max(1) as f32,
            run_progress,
            if i + 1 < n { ln(glued_joins(&units[i + 1].text)) } else { 0.0 },
            ln(self.lead_runs[i].saturating_sub(1)),
            // The same inside the article's run, where a list of data is most often the article's.
            if inside { ln(self.lead_runs[i].saturating_sub(1)) } else { 0.0 },
            // A long line printed more than once: a gallery's caption, a teaser in two lists. The
            // article says a sentence once (a pull quote's copy is `dedup`'s).
            if f.words >= LONG_COPY_WORDS { ln(self.copies(text).saturating_sub(1)) } else { 0.0 },
        ]
    }
}

/// What a line starts with, when it starts like an entry of a list of data: a number, a price,
/// a month's name ("June 23 - Venue, City", "$19.99 at ...", "2 cups flour").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    Number,
    Price,
    Month,
}

fn lead(text: &str) -> Option<Lead> {
    let first = text.split_whitespace().next()?;
    let c = first.chars().next()?;
    if c.is_ascii_digit() {
        return Some(Lead::Number);
    }
    if matches!(c, '$' | '£' | '€' | '¥') {
        return Some(Lead::Price);
    }
    let word: String = first.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    // "Sept", "Nov" and "November" are months; "Mayors", "Marching" and "Marc" are not.
    let month = crate::script::numbers::MONTHS.contains(&word.as_str());
    month.then_some(Lead::Month)
}

/// How many lines in a row, this one among them, start alike with a number, a price or a month
/// (0 when this one does not), for each unit: the entries of a list of data (tour dates, deals, ingredients),
/// which are the article on such pages though each entry is short. Held out by site, the length
/// of the run gained more than "the line above or below starts alike".
fn same_lead_runs(units: &[Unit]) -> Vec<usize> {
    let leads: Vec<Option<Lead>> = units.iter().map(|u| lead(&u.text)).collect();
    let mut runs = vec![0; units.len()];
    // One pass over the stretches of equal leads, so a page of many list lines stays linear.
    let mut start = 0;
    while start < leads.len() {
        let end = start + leads[start..].iter().take_while(|l| **l == leads[start]).count();
        if leads[start].is_some() {
            runs[start..end].iter_mut().for_each(|r| *r = end - start);
        }
        start = end;
    }
    runs
}

/// Places where two texts were run together with no space: a link card's headline and its teaser
/// ("...On The Rise?Violence is..."), a name and its link ("Rep. Jane DoeJane Doe"). A word
/// that changes from lower to upper case after two or more lower-case letters (not "McDonald",
/// "iPhone"), or a sentence mark right before a capital.
fn glued_joins(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    (2..chars.len().saturating_sub(1))
        .filter(|&k| {
            let next_lower = chars[k + 1].is_lowercase();
            let lower_run = chars[k - 2..k].iter().all(|c| c.is_lowercase());
            let mark = matches!(chars[k - 1], '?' | '!' | '.') && chars[k - 2].is_lowercase();
            chars[k].is_uppercase() && next_lower && (lower_run || mark)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(i: usize, text: &str) -> Unit {
        Unit { lines: vec![(i + 1, text.to_string())], text: text.to_string(), heading: false, block: i, links: 0 }
    }

    /// The rules' verdicts on a page whose headline is its first unit.
    fn headed_page<'a>(
        units: &'a [Unit],
        features: &'a [Features],
        prose: &'a [bool],
        dropped_by: &'a [Option<Rule>],
        run: &'a RunInfo,
    ) -> Verdicts<'a> {
        Verdicts { units, features, prose, dropped_by, title: Some(0), run }
    }

    #[test]
    fn every_feature_has_a_name_and_only_judged_units_are_decided() {
        assert_eq!(NAMES.len(), FEATURES);
        let texts = [
            "Harbour Wall Repairs Delayed Again",
            "The council said on Tuesday that the harbour wall would be repaired by the spring.",
            "Fishermen move their boats along the coast whenever a gale is forecast, at a cost.",
            "Sign up for our newsletter",
        ];
        let units: Vec<Unit> = texts.iter().enumerate().map(|(i, t)| unit(i, t)).collect();
        let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
        let prose = [false, true, true, false];
        let dropped_by = [None, None, None, Some(Rule::Appeal)];
        let run = RunInfo { bounds: Some((1, 2)), words: 30, continues: vec![false; 4] };
        let v = headed_page(&units, &features, &prose, &dropped_by, &run);
        let x = vectors(&v);
        let decided = decide(&v, &x);
        assert_eq!(decided[0], None, "the headline is not judged");
        assert_eq!(decided[3], None, "a named rule wins");
        assert!(decided[1].is_some() && decided[2].is_some());
        // The two paragraphs share words with each other's run, and the first shares the title's.
        assert!(x[1][NAMES.iter().position(|n| *n == "shares_title").unwrap_or(0)] > 0.0);
        assert_eq!(x[1][NAMES.iter().position(|n| *n == "inside_run").unwrap_or(0)], 1.0);
    }

    #[test]
    fn a_long_line_printed_again_counts_its_copies_and_a_short_one_does_not() {
        let caption = "The harbour master, left, and the mayor walk along the new wall on Tuesday, March 4, 2024.";
        let texts = ["Harbour Wall Repairs Delayed Again", caption, "Share", caption, "Share"];
        let units: Vec<Unit> = texts.iter().enumerate().map(|(i, t)| unit(i, t)).collect();
        let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
        let prose = [false, true, false, true, false];
        let dropped_by = [None; 5];
        let run = RunInfo { bounds: Some((1, 3)), words: 34, continues: vec![false; 5] };
        let v = headed_page(&units, &features, &prose, &dropped_by, &run);
        let x = vectors(&v);
        let copies = NAMES.iter().position(|n| *n == "copies_long").unwrap_or(0);
        assert!(x[1][copies] > 0.0 && x[3][copies] == x[1][copies]);
        assert_eq!(x[2][copies], 0.0, "a short line printed twice is the repeated-line rule's");
        assert_eq!(x[0][copies], 0.0);
    }

    #[test]
    fn glued_texts_are_counted() {
        assert_eq!(glued_joins("Is Sport Ever Fair?Violence is part of the game"), 1);
        assert_eq!(glued_joins("Rep. Jane DoeJane Doe said on Monday"), 1);
        assert_eq!(glued_joins("The council met on Tuesday. McDonald and the iPhone stayed."), 0);
    }

    #[test]
    fn lines_that_start_alike_are_a_list_of_data() {
        let texts = [
            "Tour dates",
            "June 23 - Harbour Hall, Bristol",
            "June 25 - The Old Mill, Leeds",
            "July 2 - Riverside Arena, York",
            "Tickets go on sale on Friday at noon.",
            "2 cups of flour",
            "Mayors of the region met on Tuesday.",
        ];
        let units: Vec<Unit> = texts.iter().enumerate().map(|(i, t)| unit(i, t)).collect();
        let runs = same_lead_runs(&units);
        // Two months in a row count as alike ("June", "July"); a lone number is a run of one; a
        // word that only starts like a month ("Mayors") is none.
        assert_eq!(runs, vec![0, 3, 3, 3, 0, 1, 0]);
        assert_eq!(lead("$19.99 at the shop"), Some(Lead::Price));
        assert_eq!(lead("Sept. 4 - Town Hall"), Some(Lead::Month));
        assert_eq!(lead("Marc Benioff spoke first."), None);
    }

    #[test]
    fn a_tail_of_the_run_that_scores_low_together_is_cut_and_one_weak_unit_is_not() {
        let p = "The council said on Tuesday that the harbour wall would be repaired by the spring, after a survey.";
        let units: Vec<Unit> = (0..12).map(|i| unit(i, p)).collect();
        let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
        let prose = vec![true; 12];
        let dropped_by = vec![None; 12];
        let run = RunInfo { bounds: Some((1, 11)), words: 11 * 19, continues: vec![false; 12] };
        let v = headed_page(&units, &features, &prose, &dropped_by, &run);
        let judged: Vec<bool> = (0..12).map(|i| i > 0).collect();
        // The article scores well; the last five units (teasers with no header) each a little
        // above the rules' margin, but under 0 together.
        let mut raw = vec![3.0; 12];
        raw[7..].copy_from_slice(&[-0.5, -0.8, 0.4, -0.9, -0.6]);
        let mut read: Vec<Option<bool>> = (0..12).map(|i| (i > 0).then_some(true)).collect();
        cut_tail(&v, &judged, &raw, &mut read);
        assert!(read[1..7].iter().all(|r| *r == Some(true)), "{read:?}");
        assert!(read[7..].iter().all(|r| *r == Some(false)), "{read:?}");
        // One weak unit at the end is not a tail of TAIL_UNITS.
        let mut raw = vec![2.0; 12];
        raw[11] = -0.9;
        let mut read: Vec<Option<bool>> = (0..12).map(|i| (i > 0).then_some(true)).collect();
        cut_tail(&v, &judged, &raw, &mut read);
        assert!(read[1..].iter().all(|r| *r == Some(true)), "{read:?}");
    }

    #[test]
    fn the_article_s_paragraphs_are_read_and_a_far_teaser_is_not() {
        let p = "The council said on Tuesday that the harbour wall would be repaired by the spring, after a survey.";
        let mut texts = vec!["Harbour Wall Repairs Delayed Again"];
        texts.extend(std::iter::repeat_n(p, 6));
        texts.extend(std::iter::repeat_n("Home", 12));
        texts.push("Win a luxury cruise for two with our partners at the travel desk this summer...");
        let units: Vec<Unit> = texts.iter().enumerate().map(|(i, t)| unit(i, t)).collect();
        let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
        let prose: Vec<bool> = features.iter().map(Features::is_prose).collect();
        let mut dropped_by = vec![None; units.len()];
        for d in dropped_by.iter_mut().take(19).skip(7) {
            *d = Some(Rule::Menu);
        }
        dropped_by[19] = Some(Rule::Teaser);
        let run = RunInfo { bounds: Some((1, 6)), words: 6 * 19, continues: vec![false; units.len()] };
        let v = headed_page(&units, &features, &prose, &dropped_by, &run);
        let decided = decide(&v, &vectors(&v));
        assert!(decided[1..7].iter().all(|d| *d == Some(true)), "{decided:?}");
        assert_eq!(decided[19], Some(false));
        assert!(!strongest_against(&vectors(&v)[19], 3).is_empty());
    }
}
