//! The headline's last look: the model chose a line under a headline that its author signed.
//!
//! A headline is signed: a byline ("By Ann Lee") stands right under it. A video's title, a
//! teaser or a list item under the headline is not, yet the model, scoring each line alone, may
//! prefer it (its words are the article's, it stands nearer the first paragraph). So when the
//! choice carries no signature (no byline nor date under it) and a line of four or more words a
//! little above it is signed by a byline, and the model scored that line within the same gap the
//! standfirst step allows, that line is the headline (round 7; measured held out by site in
//! `docs/cleaning.md`). Only a byline counts above: a date also signs a masthead ("Issue 47 · 12
//! April 2024") or another story's teaser, a byline names the article's author.

use super::features::Features;
use super::headline;
use super::standfirst::{MAX_SCORE_GAP, order};
use super::title::Candidate;

/// The signed line stands at most this many units above the choice.
const MAX_UNITS_ABOVE: usize = 20;
/// A headline has at least this many words (a section label or kicker has fewer).
const MIN_WORDS: usize = 4;

/// Of the `scored` candidates, the headline once `chosen` is known: a line signed by a byline
/// above an unsigned choice, else the choice.
pub fn choose(scored: &[(Candidate, f32)], chosen: usize) -> usize {
    let (choice, choice_score) = &scored[chosen];
    if choice.bylined || choice.x[headline::SIGNED_BELOW] > 0.5 {
        return chosen;
    }
    (0..scored.len())
        .filter(|&k| {
            let (c, score) = &scored[k];
            c.bylined
                && c.unit < choice.unit
                && choice.unit - c.unit <= MAX_UNITS_ABOVE
                && choice_score - score <= MAX_SCORE_GAP
                && Features::of(&c.text).words >= MIN_WORDS
        })
        .max_by(|&a, &b| order(&scored[a], &scored[b]))
        .unwrap_or(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(unit: usize, text: &str, bylined: bool) -> Candidate {
        let mut x = [0.0; headline::FEATURES];
        x[headline::SIGNED_BELOW] = if bylined { 1.0 } else { 0.0 };
        Candidate { unit, first_line: false, text: text.into(), hand: 3.0, x, bylined }
    }

    const HEADLINE: &str = "Harbour Wall Repairs Will Take Two More Years";
    const VIDEO: &str = "Watch the storm break over the harbour wall";

    #[test]
    fn an_unsigned_choice_under_a_signed_headline_gives_way_to_it() {
        let scored = [(candidate(3, HEADLINE, true), 7.0), (candidate(12, VIDEO, false), 9.0)];
        assert_eq!(choose(&scored, 1), 0);
    }

    #[test]
    fn the_choice_stands_when_it_is_signed_or_nothing_above_is_signed_close_enough() {
        // Signed itself.
        let scored = [(candidate(3, HEADLINE, true), 7.0), (candidate(12, VIDEO, true), 9.0)];
        assert_eq!(choose(&scored, 1), 1);
        // A signed line too far above, scored far lower, too short, or below the choice.
        for (signed, score) in [
            (candidate(11, HEADLINE, true), 7.0),
            (candidate(31, HEADLINE, true), 1.0),
            (candidate(31, "Ann Lee Column", true), 7.0),
        ] {
            let scored = [(signed, score), (candidate(32, VIDEO, false), 9.0)];
            assert_eq!(choose(&scored, 1), 1, "{:?} at {}", scored[0].0.text, scored[0].0.unit);
        }
        let below = [(candidate(40, HEADLINE, true), 8.0), (candidate(32, VIDEO, false), 9.0)];
        assert_eq!(choose(&below, 1), 1);
    }
}
