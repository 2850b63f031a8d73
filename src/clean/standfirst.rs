//! The headline's second look: the model chose a standfirst, the sentence under the headline.
//!
//! The headline model scores each candidate alone, and a standfirst looks like a strong
//! headline on its own: a line of some length, just above the article, sharing its words. What
//! tells the two apart is a comparison: the headline stands one or two units above the
//! standfirst, is set with more capitals (title case over a sentence-case summary) and shares
//! the article's words too. So after the model has chosen, the choice is compared with the
//! candidates just above it (round 6; measured held out by site in `docs/cleaning.md`, headlines
//! right 130 -> 135 of 150).

use super::features::Features;
use super::headline;
use super::title::Candidate;

/// The chosen line is set in sentence case: fewer than this share of its words capitalized.
const SENTENCE_CASE_BELOW: f32 = 0.5;
/// The headline stands at most this many units above the standfirst.
const MAX_UNITS_ABOVE: usize = 2;
/// The headline scored at most this much below the standfirst by the model.
pub const MAX_SCORE_GAP: f32 = 5.0;
/// A headline has at least this many words (a section label or kicker has fewer).
const MIN_WORDS: usize = 4;
/// At least this share of the headline's words are the article's.
const MIN_SHARED: f32 = 0.5;

/// Of the `scored` candidates (each with its model score), the headline: the model's best, or
/// the best-scoring headline-shaped line just above it when the best reads as its standfirst.
pub fn choose(scored: &[(Candidate, f32)]) -> Option<usize> {
    let best = (0..scored.len()).max_by(|&a, &b| order(&scored[a], &scored[b]))?;
    let (chosen, chosen_score) = &scored[best];
    let cap = |c: &Candidate| c.x[headline::CAPITAL_SHARE];
    if cap(chosen) >= SENTENCE_CASE_BELOW {
        return Some(best);
    }
    let above = (0..scored.len())
        .filter(|&k| {
            let (c, score) = &scored[k];
            (1..=MAX_UNITS_ABOVE).contains(&chosen.unit.saturating_sub(c.unit))
                && c.unit < chosen.unit
                && chosen_score - score <= MAX_SCORE_GAP
                && cap(c) >= cap(chosen)
                && c.x[headline::SHARED_WITH_BODY] >= MIN_SHARED
                && Features::of(&c.text).words >= MIN_WORDS
        })
        .max_by(|&a, &b| order(&scored[a], &scored[b]));
    Some(above.unwrap_or(best))
}

/// The model's order of candidates: by score, then the later unit, then the whole unit before
/// its first line.
pub fn order(a: &(Candidate, f32), b: &(Candidate, f32)) -> std::cmp::Ordering {
    a.1.total_cmp(&b.1).then(a.0.unit.cmp(&b.0.unit)).then(b.0.first_line.cmp(&a.0.first_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(unit: usize, text: &str, capitals: f32, shared: f32) -> Candidate {
        let mut x = [0.0; headline::FEATURES];
        x[headline::CAPITAL_SHARE] = capitals;
        x[headline::SHARED_WITH_BODY] = shared;
        Candidate { unit, first_line: false, text: text.into(), hand: 3.0, x, bylined: false }
    }

    const HEADLINE: &str = "Harbour Wall Repairs Will Take Two More Years";
    const STANDFIRST: &str = "The council says the work on the old wall has to wait for the spring tides to pass";

    #[test]
    fn a_sentence_case_choice_under_a_title_case_headline_gives_way_to_it() {
        let scored = [(candidate(3, HEADLINE, 0.9, 0.8), 7.0), (candidate(4, STANDFIRST, 0.1, 0.9), 9.0)];
        assert_eq!(choose(&scored), Some(0));
    }

    #[test]
    fn the_model_choice_stands_when_nothing_above_reads_as_its_headline() {
        // Set in title case itself: a headline, whatever stands above it.
        let title_case = [(candidate(3, HEADLINE, 0.9, 0.8), 7.0), (candidate(4, HEADLINE, 0.8, 0.9), 9.0)];
        assert_eq!(choose(&title_case), Some(1));
        // A section label above (too few words), one that shares none of the article's words,
        // one too far above, one the model scored far lower.
        for (above, score) in [
            (candidate(3, "World News", 1.0, 1.0), 7.0),
            (candidate(3, "Ten Things To Do This Weekend", 0.9, 0.0), 7.0),
            (candidate(1, HEADLINE, 0.9, 0.8), 7.0),
            (candidate(3, HEADLINE, 0.9, 0.8), 3.0),
        ] {
            let scored = [(above, score), (candidate(4, STANDFIRST, 0.1, 0.9), 9.0)];
            assert_eq!(choose(&scored), Some(1), "{:?}", scored[0].0.text);
        }
        assert_eq!(choose(&[]), None);
    }
}
