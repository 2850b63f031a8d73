//! Finding the headline: among the lines above the article's first paragraph, the one that
//! reads like a title and shares its words with the article.
//!
//! Menus, site names and section labels come before the headline on most pages. They are short
//! and capitalized like a headline, but their words seldom recur in the body, and they stand
//! further from it. A headline is chosen by a score of those signs; none scores high enough on a
//! page with no headline, and the file name stands in.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::rule_regex::compile;

use super::dedup::normalize_key;
use super::features::{Features, is_function_word};
use super::headline;
use super::run;
use super::units::Unit;
use super::{ArticleBlock, DroppedLine, Rule};
use super::{byline_look, standfirst};

/// How many units above the article's first paragraph may hold the headline.
const HEADLINE_WINDOW: usize = 40;
/// How many units at the top of the article's run the model also considers.
const INSIDE_RUN: usize = 3;
/// How far into the run a line signed by a byline or date under it is also considered.
const SIGNED_INSIDE_RUN: usize = 40;
const HEADLINE_MAX_WORDS: usize = 25;
const HEADLINE_MAX_CHARS: usize = 200;
/// A paragraph this long starts the article.
const PARAGRAPH_WORDS: usize = 15;
/// The lowest score that makes a line the headline.
const MIN_SCORE: f32 = 1.5;
/// A menu between a line and the article says the line belongs to the page's header.
const MENU_PENALTY: f32 = 0.5;
/// Each headline-shaped line of three or more words (not a "6 min read") between a line and the
/// article counts against it.
const CANDIDATE_PENALTY: f32 = 0.3;
/// A byline or date this many units below a line marks it as the headline.
const SIGNED_WITHIN: usize = 3;
const SIGNED_BONUS: f32 = 2.0;
const CREDITED_PENALTY: f32 = 2.0;
/// The last headline-shaped line above the article is most often the headline.
const LAST_BONUS: f32 = 1.0;

/// The index of the headline among `units`: a candidate above the first prose unit.
/// `rules` names the furniture rule that matched each unit, if any: a byline or a date signs the
/// headline just above it, a photo credit marks the caption above it.
///
/// The hand score below decides whether the page has a headline at all (none scoring
/// [`MIN_SCORE`] means none); which candidate it is, the learned model decides (`headline`).
pub fn find(
    units: &[Unit],
    features: &[Features],
    candidates: &[bool],
    prose: &[bool],
    rules: &[Option<Rule>],
) -> Option<Headline> {
    let page = Page { units, features, candidates, prose, rules };
    let first_prose = body_start(units, features, prose);
    // A source that marks headings (Markdown, HTML) names its headline; trust the first one.
    if let Some(i) = (0..first_prose.min(units.len())).find(|&i| units[i].heading && candidates[i]) {
        return Some(Headline { unit: i, text: units[i].text.clone(), why: None });
    }
    let scored = scored_candidates(&page);
    if !scored.iter().any(|c| c.hand >= MIN_SCORE) {
        return None;
    }
    let scored: Vec<(Candidate, f32)> = scored
        .into_iter()
        .map(|c| {
            let s = headline::model_score(&c.x);
            (c, s)
        })
        .collect();
    let over_standfirst = standfirst::choose(&scored)?;
    let chosen = byline_look::choose(&scored, over_standfirst);
    let (candidate, _) = &scored[chosen];
    let note = if chosen != over_standfirst {
        Some("signed by a byline, over an unsigned line below")
    } else if scored.iter().max_by(|a, b| standfirst::order(a, b)).is_some_and(|(best, _)| best.unit > candidate.unit) {
        Some("over its standfirst below")
    } else {
        None
    };
    Some(Headline { unit: candidate.unit, text: candidate.text.clone(), why: why_chosen(candidate, note) })
}

/// The model's strongest reasons for the chosen candidate, after what the second looks
/// (`standfirst`, `byline_look`) said when they overruled the model.
fn why_chosen(chosen: &Candidate, note: Option<&str>) -> Option<String> {
    let mut why = headline::strongest_for(&chosen.x, 3);
    if let Some(note) = note {
        why.insert(0, note.to_string());
    }
    Some(why.join(", ")).filter(|why| !why.is_empty())
}

/// The headline found: the unit that holds it and its words (the unit's text, or only its first
/// line when the unit joined the headline with the line under it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    pub unit: usize,
    pub text: String,
    /// Why the model chose it, for `--explain`; none for a heading the source marked.
    pub why: Option<String>,
}

/// What the headline is chosen from: the page's units and what the earlier steps made of them.
pub struct Page<'a> {
    pub units: &'a [Unit],
    pub features: &'a [Features],
    /// Short units (not prose, not furniture).
    pub candidates: &'a [bool],
    pub prose: &'a [bool],
    pub rules: &'a [Option<Rule>],
}

/// One line that may be the headline: its hand score and its features for the model.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub unit: usize,
    /// Only the unit's first source line: lines joined as one wrapped paragraph may be a
    /// headline and the byline or date under it ("Harbour reopens" + "by Ann Lee, May 2").
    pub first_line: bool,
    pub text: String,
    pub hand: f32,
    pub x: [f32; headline::FEATURES],
    /// A byline stands right under it (see [`bylined_below`]).
    pub bylined: bool,
}

/// The headline-shaped lines in the window above the article, each scored by hand and
/// described for the model.
pub fn scored_candidates(page: &Page) -> Vec<Candidate> {
    let Page { units, features, candidates, prose, rules } = *page;
    let first_prose = body_start(units, features, prose);
    let body: HashSet<String> = units
        .iter()
        .zip(prose)
        .skip(first_prose)
        .filter(|(_, p)| **p)
        .flat_map(|(u, _)| content_words(&u.text))
        .collect();
    let limit = first_prose.min(units.len());
    let shaped: Vec<usize> = (limit.saturating_sub(HEADLINE_WINDOW)..limit)
        .filter(|&i| {
            (candidates[i] || prose[i])
                && shaped_like_headline(&units[i].text, &features[i])
                && !is_dateline(&units[i].text)
        })
        .collect();
    let ctx = headline::Context::new(page, first_prose, &shaped);
    // The model also weighs lines the hand score never saw: a headline that a rule took for a
    // link of a list, a repeated line or a caption (sites print the headline twice, or list it
    // among the section's stories), and the first lines of the run itself.
    let pool_range = limit.saturating_sub(HEADLINE_WINDOW)..(limit + INSIDE_RUN).min(units.len());
    // Further into the run, a line signed by a byline or a date under it: link cards counted
    // as paragraphs may open the run above the headline.
    let signed = (limit + INSIDE_RUN..(limit + SIGNED_INSIDE_RUN).min(units.len())).filter(|&i| {
        features[i].words >= 3
            && signed_below(units, features, rules, i)
            && !prose[i]
            && !prose[i - 1]
            && rules[i].is_none_or(|r| headline::may_hide_headline(r) && r != Rule::PhotoCaption)
    });
    let mut pool: Vec<usize> = pool_range
        .clone()
        .chain(signed)
        .filter(|&i| {
            (i >= limit || rules[i].is_some_and(headline::may_hide_headline))
                && (candidates[i] || prose[i] || rules[i].is_some_and(headline::may_hide_headline))
                && !(i >= limit && prose[i] && !shaped_like_headline(&units[i].text, &features[i]))
                && shaped_like_headline(&units[i].text, &features[i])
                && !is_dateline(&units[i].text)
        })
        .collect();
    pool.extend(&shaped);
    // A headline that ends with a full stop or holds one " / " reads as a sentence or a menu item;
    // right above the date or byline that signs it, it is a candidate all the same.
    pool.extend(pool_range.clone().filter(|&i| {
        loosely_shaped(&units[i].text, &features[i])
            && rules[i].is_none_or(|r| r == Rule::Menu || headline::may_hide_headline(r))
            && units.get(i + 1).is_some_and(|next| {
                rules[i + 1].is_some_and(|r| matches!(r, Rule::Byline | Rule::Date)) || is_dateline(&next.text)
            })
    }));
    pool.sort_unstable();
    pool.dedup();
    let split = pool_range.filter(|&i| (candidates[i] || prose[i]) && first_line_headline(&units[i]).is_some());
    let mut pool: Vec<(usize, bool)> = pool.iter().map(|&i| (i, false)).chain(split.map(|i| (i, true))).collect();
    // A photo's credit is no headline, and the line right above one is its caption.
    pool.retain(|&(i, _)| {
        !is_agency_credit(&units[i].text) && !units.get(i + 1).is_some_and(|u| is_agency_credit(&u.text))
    });
    describe(page, &ctx, &body, pool)
}

/// Each of the `pool`'s candidates (a unit, or only its first line) scored by hand and described
/// for the model; `body` holds the article's words.
fn describe(page: &Page, ctx: &headline::Context, body: &HashSet<String>, pool: Vec<(usize, bool)>) -> Vec<Candidate> {
    let units = page.units;
    // A page with no prose at all (a short note, a list): a candidate's body is the words of the
    // page's other lines. How many lines use each word is counted once, so a long page of short
    // lines is not read again for every candidate.
    let lines_using: HashMap<String, usize> =
        if body.is_empty() { lines_using_each_word(units) } else { HashMap::new() };
    pool.into_iter()
        .map(|(i, first_line)| {
            let text =
                if first_line { first_line_headline(&units[i]).unwrap_or_default() } else { units[i].text.clone() };
            let f = if first_line { Features::of(&text) } else { page.features[i] };
            let rest: HashSet<String>;
            let body = if body.is_empty() {
                let own: HashSet<String> = content_words(&units[i].text).into_iter().collect();
                rest = lines_using
                    .iter()
                    .filter(|(word, lines)| **lines > usize::from(own.contains(*word)))
                    .map(|(word, _)| word.clone())
                    .collect();
                &rest
            } else {
                body
            };
            let hand = hand_score(page, ctx, i, &text, &f, body);
            let x = ctx.features(i, &text, &f, hand, body);
            let bylined = bylined_below(units, page.features, page.rules, i);
            Candidate { unit: i, first_line, text, hand, x, bylined }
        })
        .collect()
}

/// The hand-written score of candidate `i` (round 1): the line's own evidence, then its place.
fn hand_score(page: &Page, ctx: &headline::Context, i: usize, text: &str, f: &Features, body: &HashSet<String>) -> f32 {
    let mut s = score(text, f, body);
    // The headline stands just above the article; bylines and dates between do not count.
    s -= CANDIDATE_PENALTY * ctx.rivals(i) as f32;
    s -= MENU_PENALTY * ctx.menus_between(i) as f32;
    if ctx.is_last(i) && f.words >= 3 {
        s += LAST_BONUS;
    }
    // A byline or a date right under a line is the article's signature under its headline.
    if f.words >= 3 && signed_below(page.units, page.features, page.rules, i) {
        s += SIGNED_BONUS;
    }
    // A line right above a photo credit is the photo's caption.
    if credited(page.rules, i) {
        s -= CREDITED_PENALTY;
    }
    // A question above the first answer, when more questions head later paragraphs, is the
    // first entry of a list of questions and answers.
    if ctx.faq_question(i) {
        s -= 2.0;
    }
    // A line printed again among the paragraphs is a subheading listed in a table of contents,
    // not the headline.
    if ctx.repeated_in_body(i) {
        s -= 2.0;
    }
    s
}

/// The first source line of a unit that joined several, when that line alone is shaped like a
/// headline (and is not a date): sites put the byline or date right under the headline, and
/// a long headline with no full stop is then taken for the first line of a wrapped paragraph.
/// A unit that ends like a sentence is a wrapped paragraph indeed, and its first line no headline.
fn first_line_headline(unit: &Unit) -> Option<String> {
    let ends_sentence = Features::of(&unit.text).ends_sentence;
    let (_, first) = unit.lines.first().filter(|_| unit.lines.len() >= 2 && !ends_sentence)?;
    let first = first.trim();
    let f = Features::of(first);
    (f.words >= 3 && shaped_like_headline(first, &f) && !is_dateline(first)).then(|| first.to_string())
}

/// A photo credit stands right below unit `i`.
/// For each content word of the page, how many of its lines use it.
fn lines_using_each_word(units: &[Unit]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for unit in units {
        let words: HashSet<String> = content_words(&unit.text).into_iter().collect();
        for word in words {
            *counts.entry(word).or_default() += 1;
        }
    }
    counts
}

pub fn credited(rules: &[Option<Rule>], i: usize) -> bool {
    rules.get(i + 1).copied().flatten().is_some_and(|r| matches!(r, Rule::PhotoCredit | Rule::CreditLine))
}

/// A byline or a date stands within [`SIGNED_WITHIN`] units below line `i`, with no other
/// headline-shaped line of three or more words between them.
pub fn signed_below(units: &[Unit], features: &[Features], rules: &[Option<Rule>], i: usize) -> bool {
    signature_below(units, features, rules, i, |j| {
        rules[j].is_some_and(|r| matches!(r, Rule::Byline | Rule::Date)) || is_dateline(&units[j].text)
    })
}

/// A byline stands within [`SIGNED_WITHIN`] units below line `i`, with no other headline-shaped
/// line of three or more words between them (a date may): the article's author signs its headline.
pub fn bylined_below(units: &[Unit], features: &[Features], rules: &[Option<Rule>], i: usize) -> bool {
    signature_below(units, features, rules, i, |j| {
        rules[j] == Some(Rule::Byline) || is_by_line(&units[j].text, &features[j])
    })
}

/// Whether a unit that `signs` stands within [`SIGNED_WITHIN`] units below line `i` before any
/// headline-shaped line of three or more words that is not a date.
fn signature_below(
    units: &[Unit],
    features: &[Features],
    rules: &[Option<Rule>],
    i: usize,
    signs: impl Fn(usize) -> bool,
) -> bool {
    for j in i + 1..(i + 1 + SIGNED_WITHIN).min(units.len()) {
        if signs(j) {
            return true;
        }
        let shaped = features[j].words >= 3 && shaped_like_headline(&units[j].text, &features[j]);
        let date = rules[j] == Some(Rule::Date) || is_dateline(&units[j].text);
        if shaped && !date {
            return false;
        }
    }
    false
}

/// A short line that names an author after one word and "by" ("Analysis by Ann Lee", "written
/// by Regan", "Posted by Vortex"): a byline the wording rules, which want it to start with "By",
/// do not name. A photo's credit ("Photo by ...") signs a caption, not a headline.
fn is_by_line(text: &str, f: &Features) -> bool {
    static BY_LINE: LazyLock<Regex> = LazyLock::new(|| {
        // Case-blind but for the name's capital.
        compile(r"^(?i:[a-z]+\s)?(?i:by)\s+\p{Lu}")
    });
    static CREDIT: LazyLock<Regex> =
        LazyLock::new(|| compile(r"(?i)^(?:photos?|photograph|image|picture|video|illustration|graphic|credit)\b"));
    f.words <= 10 && BY_LINE.is_match(text.trim()) && !CREDIT.is_match(text.trim())
}

/// A photo's credit the wording rules do not name: a name and a wire or photo agency ("Al Goldis,
/// Associated Press", "Ann Lee | Getty Images"), or a name and the paper after a slash ("Ann
/// Lee/The Harbour Times"). A byline ("By Ann Lee | Harbour News") is none.
pub fn is_agency_credit(text: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        compile(
            r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,2}(?:\s*[,|]\s*(?:The )?(?:Associated Press|AP|Reuters|Getty Images|AFP|EPA|Shutterstock)\b.*|/(?:The )?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})$",
        )
    });
    let text = text.trim();
    !text.starts_with("By ") && CREDIT.is_match(text)
}

/// A line that gives a date with a time or a year ("Chris Davies - Nov 19, 2019, 10:31 pm",
/// "2019-11-18T20:51Z", "21:17 18.11.2019") signs an article; a headline seldom holds one.
pub fn is_dateline(text: &str) -> bool {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        compile(
            r"(?i)\b\d{1,2}:\d{2}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b",
        )
    });
    DATELINE.is_match(text)
}

/// Where the article starts: the first paragraph of the article's run (see `run`). Menus,
/// teasers and sidebars above the article hold prose too, but in thinner runs; the headline
/// stands above the article's run, not above the first sentence on the page.
pub fn body_start(units: &[Unit], features: &[Features], prose: &[bool]) -> usize {
    let paragraph = paragraphs(units, features, prose);
    let headed = headed(units, features, &paragraph);
    let Some((start, _)) = run::main_run(features, &paragraph, &headed) else { return units.len() };
    // A short line of prose above the headline ("You have 2 free articles left") does not start
    // the article; its first real paragraph does, unless it stands close enough to be the
    // standfirst under the headline.
    (start..units.len())
        .find(|&i| paragraph[i] && features[i].words >= PARAGRAPH_WORDS)
        .map_or(start, |first| if first - start <= run::RUN_GAP { start } else { first })
}

/// The paragraphs that stand right under a headline-shaped line of three or more words.
pub fn headed(units: &[Unit], features: &[Features], paragraph: &[bool]) -> Vec<bool> {
    (0..units.len())
        .map(|i| {
            paragraph[i]
                && i > 0
                && !paragraph[i - 1]
                && features[i - 1].words >= 3
                && shaped_like_headline(&units[i - 1].text, &features[i - 1])
        })
        .collect()
}

/// The paragraphs of a page: prose that is not shaped like a headline (a headline may end with
/// "?" and so read as prose).
pub fn paragraphs(units: &[Unit], features: &[Features], prose: &[bool]) -> Vec<bool> {
    (0..units.len()).map(|i| prose[i] && !shaped_like_headline(&units[i].text, &features[i])).collect()
}

/// A headline is a few words on one line that does not end with a full stop or a comma (unless
/// it is capitalized word by word, as some sites print headlines).
pub fn shaped_like_headline(text: &str, f: &Features) -> bool {
    const QUOTES: [char; 6] = ['"', '\'', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];
    // A line wholly in quotation marks is a pull quote, not a headline; and a sentence's full
    // stop still counts when a closing quote or bracket follows it.
    let trimmed = text.trim();
    if trimmed.chars().count() > 2 && trimmed.starts_with(QUOTES) && trimmed.ends_with(QUOTES) {
        return false;
    }
    let end = trimmed.trim_end_matches(|c: char| QUOTES.contains(&c) || c == ')');
    let title_case = f.words >= 4 && f.capital_share >= 0.7;
    (1..=HEADLINE_MAX_WORDS).contains(&f.words)
        && f.chars <= HEADLINE_MAX_CHARS
        && !end.ends_with([',', ';', ':'])
        && (!end.ends_with('.') || title_case)
        && !(f.words >= 8 && ends_mid_clause(end))
        && f.separators == 0
        && f.starts_upper
}

/// Shaped like a headline but for a full stop at its end or one menu separator: a headline all the
/// same when a date or byline signs it ("Harbour Reopens / Boats Return").
fn loosely_shaped(text: &str, f: &Features) -> bool {
    const QUOTES: [char; 6] = ['"', '\'', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];
    let end = text.trim();
    !(end.starts_with(QUOTES) && end.ends_with(QUOTES))
        && (3..=HEADLINE_MAX_WORDS).contains(&f.words)
        && f.chars <= HEADLINE_MAX_CHARS
        && !end.ends_with([',', ';', ':'])
        && !(f.words >= 8 && ends_mid_clause(end.trim_end_matches('.')))
        && f.separators <= 1
        && f.starts_upper
        && !is_dateline(text)
}

/// A long line whose last word is "the", "of", "and"… was cut by wrapping, not a headline.
fn ends_mid_clause(text: &str) -> bool {
    const OPEN: &[&str] =
        &["the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "that", "which"];
    text.split_whitespace().next_back().is_some_and(|w| OPEN.contains(&w.to_lowercase().as_str()))
}

/// The evidence in the line itself: enough words, words the article goes on to use, no comma,
/// not a row of numbers (a score line, a rating).
pub fn score(text: &str, f: &Features, body: &HashSet<String>) -> f32 {
    let mut s = match f.words {
        1 => 0.5,
        2 => 0.5,
        3 | 4 => 1.5,
        5..=20 => 2.5,
        _ => 1.0,
    };
    let words = content_words(text);
    if !words.is_empty() {
        let shared = words.iter().filter(|w| body.contains(*w)).count();
        s += 2.0 * shared as f32 / words.len() as f32;
    }
    if f.has_comma {
        s -= 0.75;
    }
    if f.is_number_heavy() {
        s -= 1.0;
    }
    s
}

/// Lowercase words that are not function words, for comparing a headline with the body.
pub fn content_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !is_function_word(w))
        .map(|w| w.to_lowercase())
        .collect()
}

/// The comparison key of a title: its words, with a reply's "Re:" removed.
pub fn key(text: &str) -> String {
    let key = normalize_key(text);
    key.strip_prefix("re ").map(str::to_string).unwrap_or(key)
}

/// Remove body blocks that only repeat the title (pages often print the headline twice).
pub fn remove_title_lines(blocks: &mut Vec<ArticleBlock>, title: &str, dropped: &mut Vec<DroppedLine>) {
    let title_key = key(title);
    blocks.retain(|b| {
        let repeat = key(&b.text) == title_key;
        if repeat {
            dropped.push(DroppedLine {
                line_no: b.first_line,
                text: b.text.clone(),
                rule: Rule::RepeatedTitle,
                why: None,
            });
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

    fn pick(lines: &[&str], prose_from: usize) -> Option<usize> {
        let units: Vec<Unit> = lines
            .iter()
            .map(|l| Unit { lines: vec![(1, l.to_string())], text: l.to_string(), heading: false, block: 0, links: 0 })
            .collect();
        let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
        let prose: Vec<bool> = (0..lines.len()).map(|i| i >= prose_from).collect();
        let candidates: Vec<bool> = prose.iter().map(|p| !p).collect();
        find(&units, &features, &candidates, &prose, &vec![None; lines.len()]).map(|h| h.unit)
    }

    #[test]
    fn headline_after_menu_lines_is_found() {
        let lines = [
            "Menu",
            "World News",
            "Harbour Reopens After Storm Week",
            "The harbour reopened on Monday after a week of storms kept boats in port.",
        ];
        assert_eq!(pick(&lines, 3), Some(2));
    }

    #[test]
    fn one_word_title_that_the_article_repeats() {
        let lines = [
            "Main page",
            "Log in",
            "Kettlebrook",
            "Kettlebrook is a market town in the valley, on the north bank of the river.",
        ];
        assert_eq!(pick(&lines, 3), Some(2));
    }

    #[test]
    fn a_wrapped_line_is_not_a_headline() {
        let lines = [
            "Notes From a Slow City",
            "Hello again, and welcome to the forty new readers who joined after last week's piece on",
            "The council closed the street to traffic for six weeks so that children could walk to school.",
        ];
        assert_eq!(pick(&lines, 2), Some(0));
    }

    #[test]
    fn first_question_of_a_faq_is_not_the_headline() {
        let answer = "The new pass replaces the paper passes from June, and the old ones are accepted until July.";
        let lines = [
            "Questions About the New Bus Pass",
            "When does the new pass start?",
            answer,
            "Who can apply?",
            answer,
            "How do I apply?",
            answer,
        ];
        let units: Vec<Unit> = lines
            .iter()
            .map(|l| Unit { lines: vec![(1, l.to_string())], text: l.to_string(), heading: false, block: 0, links: 0 })
            .collect();
        let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
        let prose: Vec<bool> = lines.iter().map(|l| *l == answer).collect();
        let candidates: Vec<bool> = prose.iter().map(|p| !p).collect();
        assert_eq!(find(&units, &features, &candidates, &prose, &[None; 7]).map(|h| h.unit), Some(0));
    }

    #[test]
    fn headline_over_its_standfirst_is_the_headline() {
        let lines = [
            "Home",
            "Local News",
            "Harbour Reopens to Fishing Boats After Storm Week",
            "Fishing boats left the harbour on Monday for the first time since the storm closed it",
            "By Ann Lee",
            "Fishing boats left the harbour on Monday morning, a week after the storm closed it to all traffic.",
            "The harbour master said the wall would be repaired by the spring, and the boats were safe.",
        ];
        assert_eq!(pick(&lines, 5), Some(2));
    }

    #[test]
    fn a_photo_credit_by_an_agency_or_after_a_slash_is_told_from_a_byline() {
        for credit in
            ["Al Goldis, Associated Press", "Ann Lee | Getty Images", "Ann Lee/The Harbour Times", "Ann Lee, AP"]
        {
            assert!(is_agency_credit(credit), "{credit}");
        }
        for other in [
            "By Ann Lee | Harbour News",
            "Ann Lee, Harbour Times",
            "AC/DC Back in Black",
            "Harbour Reopens After Storm",
        ] {
            assert!(!is_agency_credit(other), "{other}");
        }
    }

    #[test]
    fn a_headline_with_a_full_stop_or_one_separator_is_loosely_shaped() {
        let loose = |t: &str| loosely_shaped(t, &Features::of(t));
        assert!(loose("Harbour Reopens / Boats Return") && loose("The harbour is open. The boats are not."));
        assert!(!loose("Home / News / Sport") && !loose("\"The wall will hold for now.\"") && !loose("May 2, 2024"));
    }

    #[test]
    fn a_byline_after_one_word_signs_but_a_credit_or_a_phrase_does_not() {
        let by = |t: &str| is_by_line(t, &Features::of(t));
        assert!(by("Analysis by Ann Lee, Harbour Editor") && by("written by Regan") && by("Posted by Vortex"));
        assert!(!by("Photo by Ann Lee") && !by("Passed by the council") && !by("Stand by for news"));
        assert!(!by("A long day at the harbour ended, as the report by Ann Lee says, with all boats safe"));
    }

    #[test]
    fn a_signed_headline_wins_over_an_unsigned_video_title_under_it() {
        let lines = [
            "Home",
            "Quiet Week Ends Here",
            "By Ann Lee",
            "Share",
            "Video",
            "Fishing boats leave the harbour on Monday morning after the storm",
            "Fishing boats left the harbour on Monday morning, a week after the storm closed it to all traffic.",
            "The harbour master said the wall would be repaired by the spring, and the boats were safe.",
        ];
        let units: Vec<Unit> = lines
            .iter()
            .map(|l| Unit { lines: vec![(1, l.to_string())], text: l.to_string(), heading: false, block: 0, links: 0 })
            .collect();
        let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
        let prose: Vec<bool> = (0..lines.len()).map(|i| i >= 6).collect();
        let candidates: Vec<bool> = (0..lines.len()).map(|i| i < 6 && i != 2).collect();
        let mut rules = vec![None; lines.len()];
        rules[2] = Some(Rule::Byline);
        assert!(bylined_below(&units, &features, &rules, 1));
        assert!(!bylined_below(&units, &features, &rules, 5));
        let found = find(&units, &features, &candidates, &prose, &rules).expect("a headline");
        assert_eq!(found.unit, 1, "{found:?}");
        assert!(found.why.is_some_and(|why| why.starts_with("signed by a byline")));
    }

    #[test]
    fn headline_joined_with_the_byline_under_it_is_cut_from_it() {
        let mut units: Vec<Unit> = [
            "Home",
            "Local News",
            "",
            "The harbour reopened on Monday after a week of storms kept every boat in port.",
        ]
        .iter()
        .map(|l| Unit { lines: vec![(1, l.to_string())], text: l.to_string(), heading: false, block: 0, links: 0 })
        .collect();
        let lines = ["Harbour reopens to fishing boats after a week of storms", "by Ann Lee / 2 days ago"];
        units[2] = Unit {
            lines: lines.iter().enumerate().map(|(n, l)| (n + 3, l.to_string())).collect(),
            text: lines.join(" "),
            heading: false,
            block: 0,
            links: 0,
        };
        let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
        let prose = [false, false, false, true];
        let candidates = [true, true, true, false];
        let found = find(&units, &features, &candidates, &prose, &[None; 4]);
        let found = found.expect("a headline");
        assert_eq!((found.unit, found.text.as_str()), (2, lines[0]));
        assert!(found.why.is_some_and(|why| !why.is_empty()), "the model's reasons are given");
    }

    #[test]
    fn first_line_of_a_wrapped_paragraph_is_no_headline() {
        let lines = ["Nobody wants to hear that the work will take two more years, but it", "is better to say so now."];
        let unit = Unit {
            lines: lines.iter().enumerate().map(|(n, l)| (n + 1, l.to_string())).collect(),
            text: lines.join(" "),
            heading: false,
            block: 0,
            links: 0,
        };
        assert_eq!(first_line_headline(&unit), None);
    }

    #[test]
    fn no_headline_when_nothing_fits() {
        assert_eq!(pick(&["Menu", "The harbour reopened on Monday after a week of storms."], 1), None);
    }

    #[test]
    fn reply_prefix_is_ignored_in_the_key() {
        assert_eq!(key("Re: Best way to descale?"), key("Best way to descale?"));
    }

    #[test]
    fn fallback_uses_file_stem() {
        assert_eq!(fallback_title("notes/city-budget.txt"), "city budget");
        assert_eq!(fallback_title("-"), "Untitled article");
    }
}
