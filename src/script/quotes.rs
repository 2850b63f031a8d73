//! Where a paragraph's direct quotations are, so they can be spoken in a voice of their own.
//!
//! Two steps. First the quotation marks are paired: straight and curly double quotes, German
//! „…“ and »…«, French « … », and single quotes as the outer mark only where they cannot be an
//! apostrophe (don't, the '90s, students'). Marks inside an open quotation are nested and stay in
//! it. A quotation not closed by the end of its paragraph ends there; it is carried into the next
//! paragraph only when that one opens with a quotation mark (the convention for a quotation of
//! several paragraphs), so a stray mark never swallows the rest of an article.
//!
//! Then each pair is judged: only a quotation that is a clause of its own switches voice, that is
//! one with an attribution before, after or around it ("…," said Ellis / Ellis said: "…"), or one
//! that is a sentence on its own. Scare quotes and quoted phrases inside a sentence ("the
//! so-called 'reform'", a title, a word) stay with the narrator. The cleaning stage straightens
//! typographic marks to `"` and `'`, so every rule here works on straight marks too.

/// A direct quotation: a byte range of the paragraph, including its quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub start: usize,
    pub end: usize,
    pub why: QuoteReason,
}

/// Why a span is a quotation (`script --explain` prints it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteReason {
    /// "…," said Ellis. / Ellis said: "…" / "…," she said, "…"
    Attributed,
    /// A quotation that is a whole sentence: "We will not move." The mayor was firm.
    OwnSentence,
    /// The paragraph opens with a quotation mark while the previous one left a quotation open.
    Continued,
    /// A block quotation (HTML `<blockquote>`, Markdown `>`): the whole paragraph.
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

/// A quotation left open at the end of a paragraph, for the next paragraph to continue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteCarry {
    open: bool,
}

/// The whole paragraph as one quotation: for block quotations, which the reader marks, not the text.
pub fn block_quotation(paragraph: &str) -> QuoteSpan {
    let start = paragraph.len() - paragraph.trim_start().len();
    QuoteSpan { start, end: paragraph.trim_end().len().max(start), why: QuoteReason::Block }
}

/// The direct quotations of `paragraph`, in order. `carry` links consecutive paragraphs: pass
/// the same value for each paragraph of an article (a fresh one at a heading or a new article).
pub fn find_quotations(paragraph: &str, carry: &mut QuoteCarry) -> Vec<QuoteSpan> {
    let continued = std::mem::take(carry).open;
    let pairs = pair_marks(paragraph);
    let mut spans = Vec::new();
    for (index, pair) in pairs.iter().enumerate() {
        let why = if index == 0 && continued && paragraph[..pair.start].trim().is_empty() {
            Some(QuoteReason::Continued)
        } else {
            judge(paragraph, &pairs, index)
        };
        if let Some(why) = why {
            spans.push(QuoteSpan { start: pair.start, end: pair.end, why });
            if !pair.closed {
                carry.open = true;
            }
        }
    }
    spans
}

/// A pair of quotation marks: `start..end` covers both marks; `inner` is the text between them.
#[derive(Debug, Clone, Copy)]
struct Pair {
    start: usize,
    inner_start: usize,
    inner_end: usize,
    end: usize,
    closed: bool,
}

/// An opening mark: which marks may close it, and whether it is a single quote.
struct Opening {
    at: usize,
    inner_start: usize,
    closers: &'static [char],
    single: bool,
}

/// Pair the quotation marks of a paragraph, outermost only.
fn pair_marks(text: &str) -> Vec<Pair> {
    let mut pairs = Vec::new();
    let mut open: Option<Opening> = None;
    let last_left_guillemet = text.rfind('\u{00AB}');
    for (at, c) in text.char_indices() {
        let after = at + c.len_utf8();
        match &open {
            None => open = opening(text, at, c, last_left_guillemet),
            Some(o) if o.closers.contains(&c) && (!o.single || closes_single(text, at, after)) => {
                pairs.push(Pair { start: o.at, inner_start: o.inner_start, inner_end: at, end: after, closed: true });
                open = None;
            }
            Some(_) => {}
        }
    }
    if let Some(o) = open {
        pairs.push(Pair {
            start: o.at,
            inner_start: o.inner_start,
            inner_end: text.len(),
            end: text.len(),
            closed: false,
        });
    }
    pairs
}

/// Is `c` at byte `at` an opening quotation mark outside any quotation? Which marks close it?
fn opening(text: &str, at: usize, c: char, last_left_guillemet: Option<usize>) -> Option<Opening> {
    let before = text[..at].chars().next_back();
    let next = text[at + c.len_utf8()..].chars().next();
    let double = |closers| Some(Opening { at, inner_start: at + c.len_utf8(), closers, single: false });
    match c {
        // 12" is inches, not a quotation.
        '"' if before.is_some_and(|b| b.is_ascii_digit()) && !next.is_some_and(char::is_alphabetic) => None,
        '"' => double(&['"', '\u{201D}']),
        '\u{201C}' => double(&['\u{201D}', '"']),
        '\u{201E}' => double(&['\u{201C}', '\u{201D}', '"']),
        '\u{00AB}' => double(&['\u{00BB}']),
        // German »…«: an opening » is followed by a word, and a « follows later.
        '\u{00BB}' if next.is_some_and(|n| !n.is_whitespace()) && last_left_guillemet.is_some_and(|l| l > at) => {
            double(&['\u{00AB}'])
        }
        '\'' | '\u{2018}' | '\u{201A}' if opens_single(before, next) => {
            Some(Opening { at, inner_start: at + c.len_utf8(), closers: &['\'', '\u{2019}', '\u{2018}'], single: true })
        }
        _ => None,
    }
}

/// A single quote opens a quotation only at the start of a word that begins with a letter: not
/// inside a word (don't), not before a digit (the '90s).
fn opens_single(before: Option<char>, next: Option<char>) -> bool {
    let word_start = before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '-' | '\u{2014}' | '"'));
    word_start && next.is_some_and(char::is_alphabetic)
}

/// A single quote closes one only at the end of a word and not inside one (don't, it's). A plural
/// possessive (students' union) still looks like a close; it is rare inside single quotes.
fn closes_single(text: &str, at: usize, after: usize) -> bool {
    let before = text[..at].chars().next_back();
    let next = text[after..].chars().next();
    before.is_some_and(|b| !b.is_whitespace()) && !next.is_some_and(char::is_alphanumeric)
}

/// Is the pair `pairs[index]` a quotation that is a clause of its own, and why?
fn judge(text: &str, pairs: &[Pair], index: usize) -> Option<QuoteReason> {
    let pair = pairs[index];
    let inner = text[pair.inner_start..pair.inner_end].trim();
    if !inner.chars().any(char::is_alphabetic) {
        return None;
    }
    // The narration between this pair and its neighbours: where an attribution would be.
    let before_from = if index == 0 { sentence_start(text, pair.start) } else { pairs[index - 1].end };
    let before = &text[before_from.max(sentence_start(text, pair.start))..pair.start];
    let after_to = pairs.get(index + 1).map_or(text.len(), |next| next.start);
    let after = head(&text[pair.end..after_to], LOOK_AROUND);
    // A quotation right after a word ("there is a "crisis", but…") is part of that clause's grammar.
    let clause_start = before.trim_end().chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let at_start = before.trim().is_empty() && starts_sentence(text, pair.start);
    let attributed = attributed_before(before, inner)
        || clause_start && attributed_after(inner, after)
        || at_start && short_tag(inner, after);
    if attributed {
        return Some(QuoteReason::Attributed);
    }
    (at_start && ends_sentence(inner, after)).then_some(QuoteReason::OwnSentence)
}

/// Byte offset where the sentence holding `at` begins (after the last . ! ? before it), looking
/// back at most [`LOOK_AROUND`] bytes: an attribution is a few words, and a paragraph may be megabytes.
fn sentence_start(text: &str, at: usize) -> usize {
    let from = char_floor(text, at.saturating_sub(LOOK_AROUND));
    let head = &text[from..at];
    let mut after_is_space = false;
    for (i, c) in head.char_indices().rev() {
        if matches!(c, '.' | '!' | '?' | '\u{2026}') && after_is_space {
            return from + i + c.len_utf8();
        }
        after_is_space = c.is_whitespace();
    }
    from
}

/// How far before and after a quotation its attribution is looked for, in bytes.
const LOOK_AROUND: usize = 400;

/// The largest char boundary of `text` at or before `at`.
fn char_floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// At most the first `max` bytes of `text` (on a char boundary).
fn head(text: &str, max: usize) -> &str {
    &text[..char_floor(text, max)]
}

/// Does a sentence begin at `at`: is everything before it empty or a finished sentence?
fn starts_sentence(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end().trim_end_matches(CLOSING_MARKS);
    head.is_empty() || head.ends_with(['.', '!', '?', '\u{2026}', ':'])
}

const CLOSING_MARKS: &[char] = &['"', '\'', '\u{201D}', '\u{2019}', '\u{201C}', '\u{00BB}', '\u{00AB}', ')'];

/// Does the quoted text end its sentence, and the next one (if any) begin after it?
fn ends_sentence(inner: &str, after: &str) -> bool {
    let punctuated = inner.ends_with(['.', '!', '?', '\u{2026}']) || after.starts_with(['.', '!', '?']);
    let rest = after.trim_start_matches(['.', '!', '?']).trim_start();
    let next_begins = rest.chars().next().is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || is_mark(c));
    punctuated && next_begins
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201C}' | '\u{201E}' | '\u{2018}' | '\u{00AB}' | '\u{00BB}')
}

/// "Ellis said: …", "She added, …", "According to Ellis, …", "He told them …" (a capital after
/// the verb). A colon introduces a quotation on its own.
fn attributed_before(before: &str, inner: &str) -> bool {
    let lead = before.trim_end();
    if lead.ends_with(':') {
        return true;
    }
    let lead_words = words(lead);
    let recent = &lead_words[lead_words.len().saturating_sub(8)..];
    let lower = lead.to_lowercase();
    let has_verb =
        recent.iter().any(|w| is_speech_verb(w)) || lower.contains("according to") || lower.contains("put it");
    let capital = inner.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    if lead.ends_with([',', '\u{2014}']) {
        // Without a verb, a whole capitalized sentence after a comma is still a quotation.
        let sentence = capital && inner.ends_with(['.', '!', '?']) && words(inner).len() >= 3;
        return has_verb || sentence;
    }
    // No punctuation: only a speech verb right before a capitalized quotation (He said "We…").
    capital && lead_words.last().is_some_and(|w| is_speech_verb(w)) && words(inner).len() >= 3
}

/// "…," said Ellis. / "…?" she asked. / "…", Ellis added (a comma after the mark).
fn attributed_after(inner: &str, after: &str) -> bool {
    let ends_clause = inner.ends_with([',', '!', '?', '\u{2026}', '\u{2014}', '-']) || inner.ends_with("...");
    let comma_after = after.starts_with([',', '\u{2014}']);
    if !ends_clause && !comma_after {
        return false;
    }
    let rest = after.trim_start_matches([',', '\u{2014}', ' ']);
    let clause = words(&rest[..clause_end(rest)]);
    clause.iter().take(ATTRIBUTION_WORDS).any(|w| is_speech_verb(w))
}

/// How far after a quotation its attribution's verb may come: "…," the chairman of the
/// Porthcove Fishermen's Association, Billy Treloar, said.
const ATTRIBUTION_WORDS: usize = 12;

/// Where the sentence that `text` starts ends: at ; or at . ! ? before a capital, but not after a
/// title ("…," Dr. Sato said).
fn clause_end(text: &str) -> usize {
    const TITLES: &[&str] = &["dr", "mr", "mrs", "ms", "prof", "st", "gen", "sen", "rep", "gov", "capt", "col", "rev"];
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].trim_start().chars().next();
        let full_stop = matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_uppercase);
        if c == ';' || full_stop && !(c == '.' && TITLES.contains(&last_word(&text[..i]).as_str())) {
            return i;
        }
    }
    text.len()
}

/// "…," beamed the coach. / "…," she grinned. A quotation that opens its sentence and ends in a
/// comma, followed by a short clause that ends the sentence, is attributed even when the verb is
/// not one the list knows.
fn short_tag(inner: &str, after: &str) -> bool {
    let rest = after.trim_start();
    let Some(end) = rest.find(['.', '!', '?', ';', ',', '"', '\u{201C}']) else { return false };
    let clause = words(&rest[..end]);
    inner.ends_with(',') && rest[end..].starts_with('.') && (2..=4).contains(&clause.len())
}

/// The word `text` ends with, in lower case.
fn last_word(text: &str) -> String {
    let start =
        text.char_indices().rev().take_while(|(_, c)| c.is_alphanumeric()).last().map_or(text.len(), |(i, _)| i);
    text[start..].to_lowercase()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Verbs that attribute speech or writing, in English and (for quotations inside a German,
/// French, Spanish, Italian or Portuguese paragraph) the commonest of those languages.
fn is_speech_verb(word: &str) -> bool {
    const VERBS: &[&str] = &[
        "said",
        "says",
        "say",
        "saying",
        "added",
        "adds",
        "told",
        "tells",
        "asked",
        "asks",
        "replied",
        "replies",
        "explained",
        "explains",
        "wrote",
        "writes",
        "insisted",
        "insists",
        "argued",
        "argues",
        "noted",
        "notes",
        "warned",
        "warns",
        "recalled",
        "recalls",
        "continued",
        "continues",
        "admitted",
        "admits",
        "shouted",
        "whispered",
        "answered",
        "answers",
        "declared",
        "announced",
        "claimed",
        "claims",
        "stated",
        "remarked",
        "joked",
        "jokes",
        "laughed",
        "laughs",
        "agreed",
        "agrees",
        "conceded",
        "concedes",
        "cautioned",
        "exclaimed",
        "sighed",
        "tweeted",
        "posted",
        "promised",
        "promises",
        "predicted",
        "predicts",
        "observed",
        "observes",
        "suggested",
        "suggests",
        "responded",
        "responds",
        "countered",
        "counters",
        "shrugged",
        "smiled",
        "urged",
        "urges",
        "pleaded",
        "wondered",
        "wonders",
        "complained",
        "complains",
        "boasted",
        "confirmed",
        "confirms",
        "acknowledged",
        "acknowledges",
        "stressed",
        "stresses",
        "mused",
        "quipped",
        "sagte",
        "sagt",
        "erklärte",
        "erklärt",
        "betonte",
        "meinte",
        "dit",
        "déclaré",
        "déclare",
        "explique",
        "ajoute",
        "affirme",
        "dijo",
        "afirmó",
        "explicó",
        "detto",
        "dichiarato",
        "disse",
        "afirmou",
    ];
    VERBS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoted texts of a paragraph (with a fresh carry).
    fn quoted(paragraph: &str) -> Vec<&str> {
        find_quotations(paragraph, &mut QuoteCarry::default()).iter().map(|s| &paragraph[s.start..s.end]).collect()
    }

    #[test]
    fn attribution_after_before_and_around() {
        let p = "\"We will keep the ferry running,\" said Mayor Ruth Ellis.";
        assert_eq!(quoted(p), vec!["\"We will keep the ferry running,\""]);
        let p = "Ellis said: \"The ferry stays.\" Nobody argued.";
        assert_eq!(quoted(p), vec!["\"The ferry stays.\""]);
        let p = "\u{201C}It is,\u{201D} she said, \u{201C}a good day.\u{201D}";
        assert_eq!(quoted(p), vec!["\u{201C}It is,\u{201D}", "\u{201C}a good day.\u{201D}"]);
        let spans = find_quotations(p, &mut QuoteCarry::default());
        assert!(spans.iter().all(|s| s.why == QuoteReason::Attributed));
    }

    #[test]
    fn a_short_tag_with_an_unknown_verb_is_an_attribution() {
        assert_eq!(quoted("\"We won,\" beamed the coach."), vec!["\"We won,\""]);
        assert_eq!(quoted("\"Not bad,\" she grinned. Then she left."), vec!["\"Not bad,\""]);
        // Not a tag: a long clause, or a clause that goes on after a comma.
        assert!(quoted("\"Reform,\" the word of the year, is empty.").is_empty());
        assert!(quoted("\"Reform,\" as a word, has lost all meaning for most voters.").is_empty());
    }

    #[test]
    fn long_attributions_and_titles() {
        let p = "\"We stay,\" the chairman of the Porthcove Fishermen's Association, Billy Treloar, said.";
        assert_eq!(quoted(p), vec!["\"We stay,\""]);
        assert_eq!(quoted("\"It drifts,\" Dr. Hana Sato explained."), vec!["\"It drifts,\""]);
        // The verb of the next sentence is not an attribution: this quotation is a sentence of its own.
        let p = "\"Why now?\" Nobody in the room knew. The mayor said nothing.";
        let spans = find_quotations(p, &mut QuoteCarry::default());
        assert_eq!(spans.iter().map(|s| s.why).collect::<Vec<_>>(), vec![QuoteReason::OwnSentence]);
    }

    #[test]
    fn a_quotation_that_is_a_sentence_of_its_own() {
        let p = "The vote was close. \"We will not move.\" The mayor was firm.";
        let spans = find_quotations(p, &mut QuoteCarry::default());
        assert_eq!(spans.len(), 1);
        assert_eq!(&p[spans[0].start..spans[0].end], "\"We will not move.\"");
        assert_eq!(spans[0].why.as_str(), "quotation as its own sentence");
    }

    #[test]
    fn scare_quotes_and_phrases_stay_with_the_narrator() {
        for p in [
            "The so-called 'reform' passed on Tuesday.",
            "Critics call the plan a \"betrayal\" of the island.",
            "Ellis said the plan was \"dead in the water\" and left.",
            "The film \"Harbour Lights\" opens on Friday.",
            "He described the budget as \u{201C}a bridge to nowhere.\u{201D}",
        ] {
            assert!(quoted(p).is_empty(), "{p}: {:?}", quoted(p));
        }
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        let p = "\"She told me 'never again', and she meant it,\" Okafor said.";
        assert_eq!(quoted(p), vec!["\"She told me 'never again', and she meant it,\""]);
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        for p in [
            "Don't expect the '90s to come back, the students' union said.",
            "It's the club's best season since the '70s.",
        ] {
            assert!(quoted(p).is_empty(), "{p}: {:?}", quoted(p));
        }
        let p = "'We don't close in winter,' said the harbour master.";
        assert_eq!(quoted(p), vec!["'We don't close in winter,'"]);
    }

    #[test]
    fn guillemets_and_german_quotes() {
        let p = "\u{00AB} Nous ne fermerons pas le port \u{00BB}, a déclaré le maire.";
        assert_eq!(quoted(p), vec!["\u{00AB} Nous ne fermerons pas le port \u{00BB}"]);
        let p = "\u{201E}Wir bauen die Brücke\u{201C}, sagte die Bürgermeisterin.";
        assert_eq!(quoted(p), vec!["\u{201E}Wir bauen die Brücke\u{201C}"]);
        let p = "Sie sagte: \u{00BB}Das ist gut.\u{00AB}";
        assert_eq!(quoted(p), vec!["\u{00BB}Das ist gut.\u{00AB}"]);
        // As the cleaning stage leaves them: straight marks with the guillemets' spaces.
        let p = "\" Nous ne fermerons pas le port \", a déclaré le maire.";
        assert_eq!(quoted(p), vec!["\" Nous ne fermerons pas le port \""]);
    }

    #[test]
    fn a_quotation_carried_into_the_next_paragraph() {
        let mut carry = QuoteCarry::default();
        let first = "Ellis said: \"The ferry is our lifeline. Without it the school closes.";
        let spans = find_quotations(first, &mut carry);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].end, first.len());
        let second = "\"And the doctor comes on Thursdays only.\" She sat down.";
        let spans = find_quotations(second, &mut carry);
        assert_eq!(spans[0].why, QuoteReason::Continued);
        assert_eq!(&second[spans[0].start..spans[0].end], "\"And the doctor comes on Thursdays only.\"");
        assert_eq!(carry, QuoteCarry::default());
    }

    #[test]
    fn an_unclosed_quotation_ends_with_its_paragraph() {
        let mut carry = QuoteCarry::default();
        let first = "Ellis said: \"The ferry is our lifeline.";
        assert_eq!(find_quotations(first, &mut carry)[0].end, first.len());
        // The next paragraph does not open with a mark: it is narration, and so is the one after.
        assert!(find_quotations("The council met again in May.", &mut carry).is_empty());
        assert!(find_quotations("Then it rained.", &mut carry).is_empty());
    }

    #[test]
    fn inches_and_empty_marks_are_not_quotations() {
        assert!(quoted("The 12\" single sold out. It was \"\" empty.").is_empty());
    }

    #[test]
    fn a_paragraph_of_megabytes_is_read_in_one_pass() {
        // Every quotation looks only a few hundred bytes around itself, so this ends at once
        // rather than after billions of steps.
        let sentence = "\"We stay,\" said Ellis, \u{00BB}Wir bleiben\u{00AB} and then a long run of plain words. ";
        let paragraph = sentence.repeat(20_000);
        let spans = find_quotations(&paragraph, &mut QuoteCarry::default());
        assert_eq!(spans.len(), 40_000);
        let unclosed = format!("Ellis said: \"{}", "word ".repeat(400_000));
        assert_eq!(find_quotations(&unclosed, &mut QuoteCarry::default())[0].end, unclosed.len());
    }

    #[test]
    fn block_quotation_is_the_whole_paragraph() {
        let span = block_quotation("  We shall not be moved.  ");
        assert_eq!((span.start, span.end, span.why.as_str()), (2, 24, "block quotation"));
    }
}
