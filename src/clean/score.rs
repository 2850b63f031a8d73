//! Judging each unit of a page from the evidence in it and around it.
//!
//! The furniture rules recognise common lines by their wording. Everything else is judged the
//! way jusText judges paragraphs: a unit is *prose* when it is long, ends like a sentence and is
//! full of function words; it is *furniture* when a rule fired or it looks like a menu; else it
//! is *short*, and a run of short units takes its verdict from the nearest prose or furniture on
//! either side (a subheading between paragraphs is read; a link between two menus is not). Then
//! page-level evidence: lines repeated on the page, the comment section, lists of links after a
//! "Related" header, captions next to a photo credit, lines above the headline, a biography of
//! the author after the last paragraph, and short islands of text left after the article ends.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::dedup::normalize_key;
use super::features::Features;
use super::furniture::{self, Effect};
use super::line_model::{self, RunInfo};
use super::rule::Rule;
use super::run;
use super::title;
use super::units::Unit;

/// What became of each unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// For each unit: `None` when it is read, or the name of the rule that dropped it.
    pub dropped_by: Vec<Option<Rule>>,
    /// The unit holding the headline, when one was found.
    pub title: Option<usize>,
    /// The headline's words: the title unit's text, or only its first line (see `title::Headline`).
    pub title_text: Option<String>,
    /// Why the headline was chosen, for `--explain`.
    pub title_why: Option<String>,
    /// For a unit the line model dropped: its strongest reasons, for `--explain`.
    pub why: Vec<Option<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Prose,
    Short,
    Furniture(Rule),
}

/// Islands of kept text after the article that hold fewer words than this are page leftovers
/// (an author's one-line biography, a signature).
const TAIL_ISLAND_WORDS: usize = 20;
/// Words of prose that must come before a comments header for it to open the comments (a
/// "Post Reply" button above a forum thread does not).
const ARTICLE_BEFORE_COMMENTS: usize = 40;
/// A run after the article's run with at least 1/this of its words continues the article.
const CONTINUATION_SHARE: f32 = 2.0;
/// Words of the article's prose that must come before a line about the author for it to end
/// the article (see `end_run_at_author_bio`).
const ARTICLE_BEFORE_BIO: usize = 150;
/// Legal phrases that make a paragraph inside the article's run legal text.
const LEGAL_IN_RUN: usize = 3;
/// Dropped units in a row that separate one island of text from the next.
const ISLAND_GAP: usize = 2;

/// Judge every unit of a page. `keep` patterns overrule any rule; `find_title` is false when the
/// title is already known. The rules decide first; then the line model (`line_model`) decides the
/// units the rules left to judgement.
pub fn judge(units: &[Unit], keep: &[Regex], find_title: bool) -> Judgement {
    let stage = by_rules(units, find_title);
    let mut dropped_by = stage.dropped_by.clone();
    let mut why: Vec<Option<String>> = vec![None; units.len()];
    let verdicts = stage.verdicts(units);
    let x = line_model::vectors(&verdicts);
    // The model was fitted on pages whose headline the cleaner seeks (its features measure from
    // the headline); with the title given (`--title`, a reader's metadata) the rules decide.
    let decisions = if find_title { line_model::decide(&verdicts, &x) } else { vec![None; units.len()] };
    for (i, decision) in decisions.into_iter().enumerate() {
        match decision {
            Some(true) => dropped_by[i] = None,
            // Where the rules dropped the unit too, their rule names it; `model` names only what
            // the model alone drops.
            Some(false) if dropped_by[i].is_none() => {
                dropped_by[i] = Some(Rule::Model);
                why[i] = Some(line_model::strongest_against(&x[i], 3).join(", "));
            }
            Some(false) | None => {}
        }
    }
    let title = stage.title;
    // A short note with no paragraph of prose gives the context rules nothing to go on: read
    // every line that no furniture rule named.
    if (0..units.len()).all(|i| dropped_by[i].is_some() || Some(i) == title) {
        for d in dropped_by.iter_mut() {
            if matches!(
                d,
                Some(Rule::ShortLine | Rule::BetweenFurniture | Rule::AfterArticle | Rule::BeforeTitle | Rule::Model)
            ) {
                *d = None;
            }
        }
    }

    for (i, unit) in units.iter().enumerate() {
        if keep.iter().any(|re| unit.lines.iter().any(|(_, l)| re.is_match(l)) || re.is_match(&unit.text)) {
            dropped_by[i] = None;
        }
        if dropped_by[i] != Some(Rule::Model) {
            why[i] = None;
        }
    }
    Judgement { dropped_by, title, title_text: stage.title_text, title_why: stage.title_why, why }
}

/// What the rules made of a page, before the line model: the model's input.
pub struct RuleStage {
    pub features: Vec<Features>,
    /// The units that read as prose before the page-level rules.
    pub prose: Vec<bool>,
    pub dropped_by: Vec<Option<Rule>>,
    pub title: Option<usize>,
    pub title_text: Option<String>,
    pub title_why: Option<String>,
    pub run: RunInfo,
}

impl RuleStage {
    pub fn verdicts<'a>(&'a self, units: &'a [Unit]) -> line_model::Verdicts<'a> {
        line_model::Verdicts {
            units,
            features: &self.features,
            prose: &self.prose,
            dropped_by: &self.dropped_by,
            title: self.title,
            run: &self.run,
        }
    }
}

/// The verdicts of the rules alone.
pub fn by_rules(units: &[Unit], find_title: bool) -> RuleStage {
    let (features, mut class) = classify(units);
    let prose: Vec<bool> = class.iter().map(|c| *c == Class::Prose).collect();
    let headline = if find_title {
        let (candidates, prose, rules) = title_inputs(&class);
        title::find(units, &features, &candidates, &prose, &rules)
    } else {
        None
    };
    let title = headline.as_ref().map(|h| h.unit);
    let (title_text, title_why) = headline.map_or((None, None), |h| (Some(h.text), h.why));
    if let Some(t) = title {
        let key = title::key(title_text.as_deref().unwrap_or(&units[t].text));
        for (i, unit) in units.iter().enumerate() {
            if i != t && title::key(&unit.text) == key {
                class[i] = Class::Furniture(Rule::RepeatedTitle);
            }
        }
        for c in class.iter_mut().take(t) {
            if !matches!(c, Class::Furniture(_)) {
                *c = Class::Furniture(Rule::BeforeTitle);
            }
        }
    }

    mark_standfirst(units, &mut class, &features, title);
    let run = mark_outside_run(units, &mut class, &features, title);
    mark_repeated_lines(units, &mut class, title);
    mark_author_bios(units, &mut class, &features, &run);

    let mut dropped_by: Vec<Option<Rule>> = vec![None; units.len()];
    for (i, c) in class.iter().enumerate() {
        if let Class::Furniture(name) = c {
            dropped_by[i] = Some(*name);
        }
    }
    judge_short_runs(&class, &features, title, &mut dropped_by);
    drop_tail_islands(&features, title, &mut dropped_by);
    RuleStage { features, prose, dropped_by, title, title_text, title_why, run }
}

/// The first verdicts, before the headline is sought: wording rules, links, prose, menus, the
/// comment section, lists of links and captions.
fn classify(units: &[Unit]) -> (Vec<Features>, Vec<Class>) {
    let features: Vec<Features> = units.iter().map(|u| Features::of(&u.text)).collect();
    let mut effects = vec![Effect::Line; units.len()];
    let mut class: Vec<Class> = units
        .iter()
        .zip(&features)
        .enumerate()
        .map(|(i, (unit, f))| match furniture::rule_for(&unit.text) {
            Some((name, effect)) => {
                effects[i] = effect;
                Class::Furniture(name)
            }
            None if is_link_heavy(unit, f) => Class::Furniture(Rule::Links),
            None if f.is_prose() => Class::Prose,
            None if f.is_menu_like() => Class::Furniture(Rule::Menu),
            None => Class::Short,
        })
        .collect();

    mark_comment_section(&mut class, &effects, &features);
    mark_link_lists(units, &mut class, &effects, &features);
    // Before the headline is sought: a caption is shaped like a headline.
    mark_captions(&mut class, &features);
    (features, class)
}

/// What `title::find` is given: the short units, the prose, and the rule of each furniture unit.
fn title_inputs(class: &[Class]) -> (Vec<bool>, Vec<bool>, Vec<Option<Rule>>) {
    let candidates: Vec<bool> = class.iter().map(|c| *c == Class::Short).collect();
    let prose: Vec<bool> = class.iter().map(|c| *c == Class::Prose).collect();
    let rules: Vec<Option<Rule>> =
        class.iter().map(|c| if let Class::Furniture(r) = c { Some(*r) } else { None }).collect();
    (candidates, prose, rules)
}

/// The headline's candidates with their features, as `title::find` sees them (for
/// `readcast script --features-json`, which the training script reads).
pub fn headline_candidates(units: &[Unit]) -> Vec<title::Candidate> {
    let (features, class) = classify(units);
    let (candidates, prose, rules) = title_inputs(&class);
    let page = title::Page { units, features: &features, candidates: &candidates, prose: &prose, rules: &rules };
    title::scored_candidates(&page)
}

/// Mostly links: a menu, a list of headlines, a row of tags. A sentence may hold a link or two;
/// it does not hold one for every few words.
fn is_link_heavy(unit: &Unit, f: &Features) -> bool {
    unit.links > 0 && (f.words <= 2 * unit.links || (!f.ends_sentence && f.words <= 5 * unit.links))
}

/// After a comments header that follows some of the article, all the rest is readers' talk.
fn mark_comment_section(class: &mut [Class], effects: &[Effect], features: &[Features]) {
    let mut prose_words = 0;
    let mut start = None;
    for i in 0..class.len() {
        if class[i] == Class::Prose {
            prose_words += features[i].words;
        }
        if effects[i] == Effect::OpensComments && prose_words >= ARTICLE_BEFORE_COMMENTS {
            start = Some(i);
            break;
        }
    }
    let Some(start) = start else { return };
    for c in class.iter_mut().skip(start + 1) {
        if !matches!(c, Class::Furniture(_)) {
            *c = Class::Furniture(Rule::CommentSection);
        }
    }
}

/// After a "Related" or "Read more" header, the short lines that follow are its links: the rest
/// of its block, or the blocks after it when the header stands alone.
fn mark_link_lists(units: &[Unit], class: &mut [Class], effects: &[Effect], features: &[Features]) {
    let mut block_sizes: HashMap<usize, usize> = HashMap::new();
    for unit in units {
        *block_sizes.entry(unit.block).or_default() += 1;
    }
    let mut in_list = false;
    let mut list_block = None;
    for i in 0..class.len() {
        if effects[i] == Effect::OpensList {
            in_list = true;
            let alone = block_sizes.get(&units[i].block) == Some(&1);
            list_block = if alone { None } else { Some(units[i].block) };
            continue;
        }
        if list_block.is_some_and(|b| b != units[i].block) {
            in_list = false;
        }
        if !in_list {
            continue;
        }
        // A line signed by a byline or a date below it is the article's headline: the list
        // ended above it.
        if class.get(i + 1).is_some_and(|c| matches!(c, Class::Furniture(Rule::Byline | Rule::Date))) {
            in_list = false;
            continue;
        }
        match class[i] {
            Class::Short if !features[i].is_sentence_like() => class[i] = Class::Furniture(Rule::LinkList),
            Class::Furniture(_) => {}
            _ => in_list = false,
        }
    }
}

/// The summary under the headline (the standfirst): a sentence one to three units below the
/// headline that a byline or date signs, as a headline is signed (`title::signed_below`). The
/// article's body starts under the signature. A dateline's lede ("HAYWARD, Calif. (AP) -- ...")
/// is the body itself.
fn mark_standfirst(units: &[Unit], class: &mut [Class], features: &[Features], title: Option<usize>) {
    static DATELINE_LEDE: LazyLock<Regex> =
        LazyLock::new(|| crate::rule_regex::compile(r"^\p{Lu}[\p{Lu}\s.'-]+,[^,]{0,30}?(\(\p{Lu}+\)|\s[-–—])"));
    let Some(t) = title else { return };
    let (_, _, rules) = title_inputs(class);
    for i in t + 1..(t + 4).min(units.len()) {
        if !matches!(class[i], Class::Prose | Class::Short) || features[i].words < 6 {
            continue;
        }
        let signed = title::signed_below(units, features, &rules, i);
        if signed && !DATELINE_LEDE.is_match(units[i].text.trim()) {
            class[i] = Class::Furniture(Rule::Standfirst);
        }
        return;
    }
}

/// Legal text and teasers: prose that the article's run (see `run`) does not hold is read only
/// when it looks like neither. Inside the run, only a paragraph thick with legal phrases is.
fn mark_outside_run(units: &[Unit], class: &mut [Class], features: &[Features], title: Option<usize>) -> RunInfo {
    let prose: Vec<bool> = class.iter().map(|c| *c == Class::Prose).collect();
    let paragraph = title::paragraphs(units, features, &prose);
    let headed = title::headed(units, features, &paragraph);
    let Some((start, end)) = run::main_run(features, &paragraph, &headed) else { return RunInfo::default() };
    let main_words = run::runs(features, &paragraph, &headed).iter().find(|r| r.start == start).map_or(0, |r| r.words);
    // A later run as long as a good part of the article continues it (after a gallery, a long
    // list); a smaller one is what the page adds after the article.
    let continues: Vec<bool> = {
        let mut c = vec![false; units.len()];
        for r in run::runs(features, &paragraph, &headed) {
            if r.start > end && r.weight() * CONTINUATION_SHARE >= main_words as f32 {
                c[r.start..=r.last].iter_mut().for_each(|x| *x = true);
            }
        }
        c
    };
    for i in 0..units.len() {
        let outside = i < start || i > end;
        if matches!(class[i], Class::Furniture(_)) || Some(i) == title {
            continue;
        }
        let legal = furniture::legal_phrases(&units[i].text);
        if legal >= LEGAL_IN_RUN || (outside && legal >= 1) {
            class[i] = Class::Furniture(Rule::Legal);
            continue;
        }
        // A story's headline over one paragraph (or one sentence cut off with "..."), away from
        // the article: a teaser of another story.
        let headed = i > 0
            && Some(i - 1) != title
            && class[i - 1] == Class::Short
            && features[i - 1].words >= 3
            && title::shaped_like_headline(&units[i - 1].text, &features[i - 1]);
        if outside && class[i] == Class::Prose && (headed || features[i].ends_ellipsis) {
            class[i] = Class::Furniture(Rule::Teaser);
            if headed {
                class[i - 1] = Class::Furniture(Rule::Teaser);
            }
        } else if i > end && class[i] == Class::Prose && !continues[i] {
            class[i] = Class::Furniture(Rule::OutsideArticle);
        }
    }
    RunInfo { bounds: Some((start, end)), words: main_words, continues }
}

/// A short line that occurs more than once on the page ("Reply", a user name, a menu printed at
/// the top and the bottom) is furniture: an article does not repeat its short lines.
fn mark_repeated_lines(units: &[Unit], class: &mut [Class], title: Option<usize>) {
    let keys: Vec<String> = units.iter().map(|u| normalize_key(&u.text)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for key in keys.iter().filter(|k| !k.is_empty()) {
        *counts.entry(key.as_str()).or_default() += 1;
    }
    for (i, key) in keys.iter().enumerate() {
        // A subheading above a paragraph, after the article began, is the copy that is read (another copy may stand
        // in a table of contents).
        let between_prose = i > 0 && class[..i].contains(&Class::Prose) && class.get(i + 1) == Some(&Class::Prose);
        if Some(i) != title
            && !between_prose
            && class[i] == Class::Short
            && counts.get(key.as_str()).is_some_and(|&n| n > 1)
        {
            class[i] = Class::Furniture(Rule::RepeatedLine);
        }
    }
}

/// A line standing alone right above a photo credit is the photo's caption; so is a short line
/// (not a paragraph of prose) right below a credit or a "Caption" label.
fn mark_captions(class: &mut [Class], features: &[Features]) {
    for i in 1..class.len() {
        let below_credit =
            matches!(class[i - 1], Class::Furniture(Rule::PhotoCredit | Rule::CreditLine | Rule::CaptionLabel));
        if below_credit && class[i] == Class::Short && features[i].words <= 30 {
            class[i] = Class::Furniture(Rule::PhotoCaption);
        }
    }
    for i in 0..class.len().saturating_sub(1) {
        let above_credit = matches!(class[i + 1], Class::Furniture(Rule::PhotoCredit | Rule::CreditLine));
        let alone = i == 0 || matches!(class[i - 1], Class::Furniture(_));
        if above_credit && alone && features[i].words <= 30 && !matches!(class[i], Class::Furniture(_)) {
            class[i] = Class::Furniture(Rule::PhotoCaption);
        }
    }
}

/// Short units take their verdict from the nearest prose or furniture on either side.
fn judge_short_runs(class: &[Class], features: &[Features], title: Option<usize>, dropped_by: &mut [Option<Rule>]) {
    let is_short = |i: usize| class[i] == Class::Short && Some(i) != title;
    let mut i = 0;
    while i < class.len() {
        if !is_short(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < class.len() && is_short(i) {
            i += 1;
        }
        let end = i; // exclusive
        // The title is neither: what follows it is judged by the text after the run.
        let prose_before = start > 0 && class[start - 1] == Class::Prose;
        // The line right under the headline that reads like a clause is its standfirst.
        let standfirst = |j: usize| {
            Some(j) == title.map(|t| t + 1)
                && features[j].words >= 6
                && features[j].function_share >= 0.2
                && !features[j].is_number_heavy()
        };
        let prose_after = end < class.len() && class[end] == Class::Prose;
        let len = end - start;
        // One short line between paragraphs is a subheading or a short paragraph: read it. A
        // longer run between paragraphs may hold a list of the article, or page furniture (a
        // comment form, a reader's name, a link): each unit is judged on its own evidence.
        let mut keep: Vec<bool> = (start..end)
            .map(|j| {
                standfirst(j)
                    || match (prose_before, prose_after) {
                        (true, true) if len == 1 => true,
                        (false, false) => false,
                        // Items of a list in lower case belong to the article when more of it follows.
                        _ => features[j].is_sentence_like() || (prose_after && features[j].is_lowercase_phrase()),
                    }
            })
            .collect();
        // A subheading is read when what follows it is read.
        if prose_before || prose_after {
            for j in (start..end).rev() {
                let next_read = if j + 1 == end { prose_after } else { keep[j + 1 - start] };
                if !keep[j - start] && next_read && features[j].is_heading_like() {
                    keep[j - start] = true;
                }
            }
        }
        for j in start..end {
            if !keep[j - start] {
                dropped_by[j] =
                    Some(if prose_before || prose_after { Rule::ShortLine } else { Rule::BetweenFurniture });
            }
        }
    }
}

/// A line about the author after the article's last paragraph is not the article.
fn mark_author_bios(units: &[Unit], class: &mut [Class], features: &[Features], run: &RunInfo) {
    end_run_at_author_bio(units, class, features, run);
    let Some(last_paragraph) = (0..units.len()).rev().find(|&i| class[i] == Class::Prose && features[i].words >= 30)
    else {
        return;
    };
    for i in last_paragraph + 1..units.len() {
        if !matches!(class[i], Class::Furniture(_)) && furniture::is_author_bio(&units[i].text) {
            class[i] = Class::Furniture(Rule::AuthorBio);
        }
    }
}

/// A line about the author inside the article's run, after some of the article, closes it: what
/// the run goes on into after it is the page's (a grid of other stories, a video strip). On the
/// real pages nothing after such a line was ever the article. A line about the author above most
/// of the article (a byline box) does not count, nor one about a person the article's paragraphs
/// name (a profile of a novelist says "Doe is a novelist" and goes on).
fn end_run_at_author_bio(units: &[Unit], class: &mut [Class], features: &[Features], run: &RunInfo) {
    let Some((start, end)) = run.bounds else { return };
    let mut words_before = 0;
    for i in start..=end {
        let about_the_author = || {
            furniture::is_author_bio(&units[i].text) && {
                let surname = bio_surname(&units[i].text);
                !(start..i).any(|j| {
                    class[j] == Class::Prose
                        && units[j]
                            .text
                            .split_whitespace()
                            .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == surname)
                })
            }
        };
        if !matches!(class[i], Class::Furniture(_)) && words_before >= ARTICLE_BEFORE_BIO && about_the_author() {
            class[i] = Class::Furniture(Rule::AuthorBio);
            for c in class[i + 1..=end].iter_mut().filter(|c| !matches!(c, Class::Furniture(_))) {
                *c = Class::Furniture(Rule::AfterAuthor);
            }
            return;
        }
        if class[i] == Class::Prose {
            words_before += features[i].words;
        }
    }
}

/// The last word of the name a line about the author opens with ("Jane Doe is a writer ..." ->
/// "Doe").
fn bio_surname(text: &str) -> &str {
    const VERBS: [&str; 5] = ["is", "was", "covers", "writes", "reports"];
    text.split_whitespace().take_while(|w| !VERBS.contains(w)).last().unwrap_or("")
}

/// After the last substantial stretch of text, small islands of text are page leftovers.
fn drop_tail_islands(features: &[Features], title: Option<usize>, dropped_by: &mut [Option<Rule>]) {
    // Islands: runs of kept units separated by at least ISLAND_GAP dropped units.
    let mut islands: Vec<(usize, usize, usize)> = Vec::new(); // (start, end exclusive, words)
    let mut i = 0;
    while i < dropped_by.len() {
        if dropped_by[i].is_some() || Some(i) == title {
            i += 1;
            continue;
        }
        let start = i;
        let mut words = 0;
        let mut last_kept = i;
        while i < dropped_by.len() {
            if dropped_by[i].is_none() && Some(i) != title {
                words += features[i].words;
                last_kept = i;
                i += 1;
            } else if i + ISLAND_GAP <= dropped_by.len() && (i..i + ISLAND_GAP).all(|k| dropped_by[k].is_some()) {
                break;
            } else {
                i += 1;
            }
        }
        islands.push((start, last_kept + 1, words));
    }
    let Some(last_big) = islands.iter().rposition(|&(_, _, words)| words >= TAIL_ISLAND_WORDS) else { return };
    for &(start, end, _) in &islands[last_big + 1..] {
        for d in dropped_by[start..end].iter_mut().filter(|d| d.is_none()) {
            *d = Some(Rule::AfterArticle);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(lines: &[&str]) -> Vec<Unit> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| Unit {
                lines: vec![(i + 1, l.to_string())],
                text: l.to_string(),
                heading: false,
                block: i,
                links: 0,
            })
            .collect()
    }

    const P1: &str = "The council said on Tuesday that the harbour wall would be repaired by the spring, after a survey of the damage.";
    const P2: &str = "Fishermen have had to move their boats along the coast whenever a gale is forecast, which costs them a day of work.";
    const P3: &str =
        "Engineers found that the storms of the last two winters had washed out the base of the wall in three places.";
    const P4: &str = "The repairs will cost more than the council had set aside, and the rest will come from a fund for coastal towns.";

    fn verdicts(lines: &[&str]) -> Judgement {
        judge(&units(lines), &[], true)
    }

    #[test]
    fn menu_before_the_headline_is_dropped_and_headline_found() {
        let j = verdicts(&["Home", "News", "Sport", "Harbour Wall Repairs Delayed Again", P1, P2]);
        assert_eq!(j.title, Some(3));
        assert_eq!(j.dropped_by[0], Some(Rule::BeforeTitle));
        assert_eq!(j.dropped_by[4], None);
    }

    #[test]
    fn subheading_between_paragraphs_is_kept_and_label_at_the_end_dropped() {
        let j = verdicts(&["Harbour Wall Repairs Delayed Again", P1, "What happens next", P2, "Latest Updates:"]);
        assert_eq!(j.dropped_by[2], None);
        assert_eq!(j.dropped_by[4], Some(Rule::ShortLine));
    }

    #[test]
    fn short_sentence_after_prose_is_kept_but_link_is_not() {
        let j = verdicts(&[
            "Harbour Wall Repairs Delayed Again",
            P3,
            P4,
            P1,
            "Especially Lee.",
            "Contact the newsroom",
            "Careers",
        ]);
        assert_eq!(j.dropped_by[4], None);
        assert_eq!(j.dropped_by[5], Some(Rule::ShortLine));
    }

    #[test]
    fn comments_after_the_article_are_dropped_even_when_they_are_prose() {
        let comment = "I completely agree with the council, and I think they should have done this years ago when it was cheaper.";
        let j =
            verdicts(&["Harbour Wall Repairs Delayed Again", P1, P2, "Comments (2)", "dockside_dan", comment, "Reply"]);
        assert_eq!(j.dropped_by[5], Some(Rule::CommentSection));
        assert_eq!(j.dropped_by[3], Some(Rule::Comments));
    }

    #[test]
    fn repeated_short_lines_are_dropped() {
        let j = verdicts(&["Harbour Wall Repairs Delayed Again", P1, P2, "Harbour chat room", "Harbour chat room"]);
        assert_eq!(j.dropped_by[3], Some(Rule::RepeatedLine));
        assert_eq!(j.dropped_by[4], Some(Rule::RepeatedLine));
    }

    #[test]
    fn caption_above_a_credit_is_dropped() {
        let j = verdicts(&[
            "Harbour Wall Repairs Delayed Again",
            "Advertisement",
            "Boats moored inside the damaged wall last week.",
            "Photo: Sam Lee",
            P1,
            P2,
        ]);
        assert_eq!(j.dropped_by[2], Some(Rule::PhotoCaption));
    }

    #[test]
    fn caption_below_a_caption_label_is_dropped() {
        let j = verdicts(&[
            "Harbour Wall Repairs Delayed Again",
            "Image caption,",
            "Boats moored inside the damaged wall",
            P1,
            P2,
        ]);
        assert_eq!(j.title, Some(0));
        assert_eq!(j.dropped_by[2], Some(Rule::PhotoCaption));
    }

    #[test]
    fn short_island_after_the_article_is_dropped() {
        let j = verdicts(&[
            "Harbour Wall Repairs Delayed Again",
            P1,
            P2,
            P3,
            P4,
            "Advertisement",
            "Most read",
            "Sam Lee is our harbour reporter and has covered the coast for years.",
        ]);
        assert_eq!(j.dropped_by[7], Some(Rule::AfterArticle));
    }

    #[test]
    fn lines_of_links_are_dropped_but_a_sentence_with_a_link_is_read() {
        let mut u = units(&["Harbour Wall Repairs Delayed Again", P1, "Home News Sport", P2]);
        u[2].links = 3;
        u[3].links = 1;
        let j = judge(&u, &[], true);
        assert_eq!(j.dropped_by[2], Some(Rule::Links));
        assert_eq!(j.dropped_by[3], None);
    }

    #[test]
    fn standfirst_under_the_headline_is_read() {
        let j = verdicts(&[
            "Harbour Wall Repairs Delayed Again",
            "A wall, a storm and a council that ran out of time",
            "Sam Lee",
            "Share",
            P1,
            P2,
        ]);
        assert_eq!(j.title, Some(0));
        assert_eq!(j.dropped_by[1], None);
        assert!(j.dropped_by[2].is_some());
    }

    #[test]
    fn a_standfirst_signed_by_a_byline_is_dropped_but_a_dateline_lede_is_read() {
        // Headline, summary, byline, body: the body starts under the signature, as the article
        // bodies of the real pages (docs/cleaning.md) count it.
        let summary = "The harbour wall will not be ready before the winter storms, the council admitted.";
        let j =
            verdicts(&["Harbour Wall Repairs Delayed Again", summary, "By Sam Lee", "March 4, 2024", P1, P2, P3, P4]);
        assert_eq!(j.title, Some(0));
        assert_eq!(j.dropped_by[1], Some(Rule::Standfirst));
        assert_eq!(j.dropped_by[4..], [None, None, None, None]);
        // A wire story's first paragraph under its headline starts with the dateline: it is the body.
        let lede =
            "HARBURY, Kent (AP) -- The harbour wall will not be ready before the winter storms, the council said.";
        let j = verdicts(&["Harbour Wall Repairs Delayed Again", lede, "By Sam Lee", "March 4, 2024", P1, P2, P3, P4]);
        assert_eq!(j.dropped_by[1], None);
    }

    #[test]
    fn a_line_about_the_author_inside_the_run_ends_the_article_but_not_above_it() {
        let bio = "Sam Lee is a freelance writer based in Kent.";
        let teaser = "A lighthouse keeper's diary from 1890 was found in an attic and tells of a winter of storms.";
        let mut page = vec!["Harbour Wall Repairs Delayed Again", P1, P2, P3, P4, P1, P2, P3, P4, bio, teaser, teaser];
        let j = verdicts(&page);
        assert_eq!(j.dropped_by[9], Some(Rule::AuthorBio));
        assert_eq!(j.dropped_by[10..], [Some(Rule::AfterAuthor), Some(Rule::AfterAuthor)]);
        assert!(j.dropped_by[1..9].iter().all(Option::is_none), "{:?}", j.dropped_by);
        // About a person the article names, it is the article's: the article goes on.
        let profile = "Sam Lee said the harbour had been his home for forty years and the wall its spine.";
        let named = [&page[..5], &[profile, P2, P3, P4, bio, P1, P2]].concat();
        let j = verdicts(&named);
        assert!(j.dropped_by[1..12].iter().all(Option::is_none), "{:?}", j.dropped_by);
        // Under the headline, before the article, it is a byline box: the article goes on.
        page.remove(9);
        page.insert(1, bio);
        let j = verdicts(&page);
        assert!(j.dropped_by[2..10].iter().all(Option::is_none), "{:?}", j.dropped_by);
    }

    #[test]
    fn a_short_note_without_prose_is_read() {
        let j = verdicts(&["Meeting Moved", "Meeting moved to Tuesday.", "Bring the slides."]);
        assert_eq!(j.title, Some(0));
        assert_eq!(j.dropped_by[1..], [None, None]);
    }

    #[test]
    fn a_headline_printed_twice_above_the_article_is_found() {
        let j = verdicts(&[
            "Home",
            "Business",
            "Harbour Wall Repairs Delayed Again",
            "Harbour Wall Repairs Delayed Again",
            "Share",
            "By Sam Lee",
            P1,
            P2,
        ]);
        assert!(matches!(j.title, Some(2 | 3)), "{j:?}");
        assert!(j.dropped_by[6..].iter().all(Option::is_none), "{j:?}");
    }

    #[test]
    fn a_list_of_other_stories_above_the_headline_is_not_the_headline() {
        let j = verdicts(&[
            "Most popular",
            "Ferry Timetable Changes",
            "New Bakery Opens on Quay Street",
            "Harbour Wall Repairs Delayed Again",
            "By Sam Lee",
            "14 March 2024",
            P1,
            P2,
        ]);
        assert_eq!(j.title, Some(3), "{j:?}");
    }

    #[test]
    fn with_the_title_given_the_rules_decide_and_the_model_does_not() {
        let lines = ["Skip to content", "Harbour Wall Repairs Delayed Again", P1, P2];
        let given = judge(&units(&lines), &[], false);
        let stage = by_rules(&units(&lines), false);
        assert_eq!(given.dropped_by, stage.dropped_by);
        assert!(given.why.iter().all(Option::is_none));
    }

    #[test]
    fn keep_overrules_every_rule() {
        let keep = vec![Regex::new("^Latest").unwrap()];
        let j = judge(&units(&["Harbour Wall Repairs Delayed Again", P1, P2, "Latest Updates:"]), &keep, true);
        assert_eq!(j.dropped_by[3], None);
    }
}
