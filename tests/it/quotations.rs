//! Quotation detection measured on a labelled set written for the project
//! (`tests/data/voices/quotations.txt`, format in its header): precision and recall of "this
//! sentence holds a quotation" and of the exact quoted spans, as written (curly quotes,
//! guillemets, „…“) and as the cleaning stage hands paragraphs on (straight marks). The figures
//! are printed (`cargo test --test it quotations -- --nocapture`) and reported in docs/voices.md.

use crate::common;

use readcast::script::quotes::{QuoteCarry, find_quotations};
use readcast::script::split_sentences;

/// One labelled paragraph: its text (markers removed) and its quoted byte ranges.
struct Labelled {
    text: String,
    quotes: Vec<(usize, usize)>,
}

/// Articles of labelled paragraphs; `straight` maps typographic marks as cleaning does.
fn load(straight: bool) -> Vec<Vec<Labelled>> {
    let source = std::fs::read_to_string(common::data("voices/quotations.txt")).expect("read the labelled set");
    let mut articles: Vec<Vec<Labelled>> = Vec::new();
    for line in source.lines() {
        if line.starts_with("## ") {
            articles.push(Vec::new());
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let line = if straight { straighten(line) } else { line.to_string() };
        articles.last_mut().expect("a paragraph before any article heading").push(parse(&line));
    }
    articles
}

/// What `clean` does to quotation marks and dashes (src/clean/unicode.rs), so the measurement
/// covers the form the script stage really sees.
fn straighten(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => "'".to_string(),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => "\"".to_string(),
            '\u{2014}' | '\u{2015}' => ", ".to_string(),
            '\u{2026}' => "...".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn parse(line: &str) -> Labelled {
    let mut text = String::new();
    let mut quotes = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("]]").unwrap_or_else(|| panic!("unclosed [[ in: {line}"));
        quotes.push((text.len(), text.len() + close));
        text.push_str(&after[..close]);
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    Labelled { text, quotes }
}

/// Byte ranges of the paragraph's sentences, as the script stage splits them.
fn sentence_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut from = 0;
    let mut ranges = Vec::new();
    for sentence in split_sentences(text) {
        let at = from + text[from..].find(&sentence).expect("a sentence is a piece of its paragraph");
        ranges.push((at, at + sentence.len()));
        from = at + sentence.len();
    }
    ranges
}

#[derive(Default, Debug)]
struct Counts {
    hit: usize,
    false_alarm: usize,
    missed: usize,
}

impl Counts {
    fn add(&mut self, truth: bool, found: bool) {
        match (truth, found) {
            (true, true) => self.hit += 1,
            (false, true) => self.false_alarm += 1,
            (true, false) => self.missed += 1,
            (false, false) => {}
        }
    }
    fn precision(&self) -> f64 {
        self.hit as f64 / (self.hit + self.false_alarm).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.hit as f64 / (self.hit + self.missed).max(1) as f64
    }
}

/// (sentences, sentence counts, span counts) over the whole set; the differences are printed.
fn measure(straight: bool) -> (usize, Counts, Counts) {
    let (mut sentences, mut by_sentence, mut by_span) = (0, Counts::default(), Counts::default());
    for article in load(straight) {
        let mut carry = QuoteCarry::default();
        for paragraph in article {
            let found: Vec<(usize, usize)> =
                find_quotations(&paragraph.text, &mut carry).iter().map(|s| (s.start, s.end)).collect();
            let overlaps =
                |spans: &[(usize, usize)], (a, b): (usize, usize)| spans.iter().any(|&(s, e)| s < b && a < e);
            for range in sentence_ranges(&paragraph.text) {
                sentences += 1;
                let (truth, got) = (overlaps(&paragraph.quotes, range), overlaps(&found, range));
                if truth != got {
                    println!(
                        "sentence {}: {:?}",
                        if truth { "missed" } else { "false alarm" },
                        &paragraph.text[range.0..range.1]
                    );
                }
                by_sentence.add(truth, got);
            }
            for span in &paragraph.quotes {
                by_span.add(true, found.contains(span));
            }
            for span in found.iter().filter(|s| !paragraph.quotes.contains(s)) {
                println!("span not labelled: {:?} in {:?}", &paragraph.text[span.0..span.1], paragraph.text);
                by_span.add(false, true);
            }
        }
    }
    (sentences, by_sentence, by_span)
}

#[test]
fn quotation_detection_reaches_095_precision_and_recall() {
    for straight in [false, true] {
        let (sentences, by_sentence, by_span) = measure(straight);
        let form = if straight { "as cleaned (straight marks)" } else { "as written" };
        println!(
            "{form}: {sentences} sentences; sentence precision {:.3} recall {:.3} {by_sentence:?}; \
             span precision {:.3} recall {:.3} {by_span:?}",
            by_sentence.precision(),
            by_sentence.recall(),
            by_span.precision(),
            by_span.recall()
        );
        assert!(sentences >= 100, "the labelled set must hold at least 100 sentences, has {sentences}");
        assert!(by_sentence.hit >= 50, "too few quotations to measure: {by_sentence:?}");
        for (what, value) in [
            ("sentence precision", by_sentence.precision()),
            ("sentence recall", by_sentence.recall()),
            ("span precision", by_span.precision()),
            ("span recall", by_span.recall()),
        ] {
            assert!(value >= 0.95, "{form}: {what} {value:.3} is below 0.95");
        }
    }
}

/// The labelled language set: (code, sentence); "en" sentences must stay English.
fn language_set() -> Vec<(String, String)> {
    let source = std::fs::read_to_string(common::data("voices/languages.tsv")).expect("read the language set");
    source
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (code, sentence) = l.split_once('\t').unwrap_or_else(|| panic!("no tab in: {l}"));
            (code.to_string(), sentence.to_string())
        })
        .collect()
}

/// (English kept, foreign found, foreign named right) as fractions of their sentences.
fn language_figures(detect: impl Fn(&str) -> Option<String>, name: &str) -> (f64, f64, f64) {
    let set = language_set();
    let (mut english, mut kept, mut foreign, mut found, mut right) = (0, 0, 0, 0, 0);
    for (code, sentence) in &set {
        let got = detect(sentence);
        if code == "en" {
            english += 1;
            kept += usize::from(got.is_none());
        } else {
            foreign += 1;
            found += usize::from(got.is_some());
            right += usize::from(got.as_deref() == Some(code.as_str()));
        }
        if got.as_deref().unwrap_or("en") != code {
            println!("{name}: {code} sentence taken for {}: {sentence}", got.as_deref().unwrap_or("English"));
        }
    }
    let fraction = |n: usize, of: usize| n as f64 / of.max(1) as f64;
    let figures = (fraction(kept, english), fraction(found, foreign), fraction(right, foreign));
    println!(
        "{name}: {english} English sentences, {:.3} kept English; {foreign} foreign, {:.3} found, {:.3} named right",
        figures.0, figures.1, figures.2
    );
    figures
}

/// whatlang on its own: its best guess, or only a guess it calls reliable.
fn whatlang_alone(detector: &whatlang::Detector, sentence: &str, reliable: bool) -> Option<String> {
    let info = detector.detect(sentence)?;
    if info.lang() == whatlang::Lang::Eng || reliable && !info.is_reliable() {
        return None;
    }
    let codes = [("deu", "de"), ("fra", "fr"), ("spa", "es"), ("ita", "it"), ("por", "pt"), ("nld", "nl")];
    let code = info.lang().code();
    Some(codes.iter().find(|(three, _)| *three == code).map_or(code, |(_, two)| two).to_string())
}

#[test]
fn language_detection_keeps_english_and_names_six_languages() {
    use whatlang::{Detector, Lang};
    let everything = Detector::new();
    let seven =
        Detector::with_allowlist(vec![Lang::Eng, Lang::Deu, Lang::Fra, Lang::Spa, Lang::Ita, Lang::Por, Lang::Nld]);
    let guess = language_figures(|s| whatlang_alone(&seven, s, false), "whatlang best guess (en de fr es it pt nl)");
    let sure = language_figures(|s| whatlang_alone(&everything, s, true), "whatlang reliable (all languages)");
    let sure_seven = language_figures(|s| whatlang_alone(&seven, s, true), "whatlang reliable (en de fr es it pt nl)");
    let ours = language_figures(|s| readcast::script::language::detect_language(s).map(str::to_string), "readcast");
    // English must never be read by a German voice: every English sentence stays English.
    assert_eq!(ours.0, 1.0, "an English sentence was taken for another language");
    assert!(ours.1 >= 0.95 && ours.2 >= 0.95, "foreign found {:.3}, named right {:.3}", ours.1, ours.2);
    // Why not whatlang alone: its best guess calls English sentences foreign, and the guesses it
    // calls reliable miss foreign ones.
    assert!(guess.0 < ours.0, "whatlang's best guess kept English as well: {guess:?}");
    assert!(sure.1 < ours.1 && sure_seven.1 < ours.1, "whatlang found as many: {sure:?} {sure_seven:?}");
    // looks_english, used by the spoken-form rules, is the same verdict.
    for (_, sentence) in language_set() {
        let english = readcast::script::language::looks_english(&sentence);
        assert_eq!(english, readcast::script::language::detect_language(&sentence).is_none(), "{sentence}");
    }
}

/// The paragraphs of a plain-text fixture (blank-line separated), as the cleaning stage leaves
/// their quotation marks; the first one is the title.
fn fixture_paragraphs(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(common::data(&format!("voices/{name}"))).expect("read the fixture");
    text.split("\n\n").map(|p| straighten(&p.replace('\n', " ")).trim().to_string()).filter(|p| !p.is_empty()).collect()
}

#[test]
fn the_ferry_article_quotes_where_a_listener_hears_someone_speak() {
    use readcast::script::quotes::QuoteReason::{Attributed, Continued, OwnSentence};
    let mut carry = QuoteCarry::default();
    let mut found = Vec::new();
    for paragraph in &fixture_paragraphs("ferry-quotes.txt")[1..] {
        for span in find_quotations(paragraph, &mut carry) {
            found.push((paragraph[span.start..span.end].to_string(), span.why));
        }
    }
    let ferry = "\"Our ferry is old. She was built in 1994, and the engines have been rebuilt twice. The crew know every noise she makes.";
    let school =
        "\"But she has never missed a crossing in a storm, and the school, the doctor and the post all depend on her.";
    let expected = vec![
        ("\"We will keep the ferry running,\"", Attributed),
        ("\"The island cannot live without it.\"", OwnSentence),
        ("\"The money is found. The timetable stays exactly as it is, and the fares do not go up.\"", Attributed),
        ("\"It is,\"", Attributed),
        ("\"a good day for everyone who lives here.\"", Attributed),
        ("\"I lost the vote,\"", Attributed),
        (
            "\"and I accept it. My neighbour told me 'you fought for the money, now fight for the boat', and that is what I will do.\"",
            Attributed,
        ),
        (ferry, OwnSentence),
        (school, Continued),
        ("\"Give us a new engine and she will serve the island for another twenty years.\"", Continued),
    ];
    let found: Vec<(&str, _)> = found.iter().map(|(text, why)| (text.as_str(), *why)).collect();
    assert_eq!(found, expected);
}

#[test]
fn the_bridge_article_switches_language_by_sentence() {
    let mut got = Vec::new();
    for paragraph in &fixture_paragraphs("harbour-languages.txt")[1..] {
        for sentence in split_sentences(paragraph) {
            got.push(readcast::script::language::detect_language(&sentence).unwrap_or("en"));
        }
    }
    // Opening (en); the mayor's German quote, then English; a German paragraph of two sentences;
    // English, then the French quote; a French paragraph of two; English to the end.
    let expected = ["en", "de", "en", "de", "de", "en", "fr", "fr", "fr", "en", "en", "en", "en"];
    assert_eq!(got, expected);
}

#[test]
fn the_dialogue_scripts_name_their_hosts() {
    for (name, hosts) in [
        ("two-hosts.txt", vec!["alex", "sam"]),
        ("two-hosts.md", vec!["alex", "sam"]),
        ("three-hosts.txt", vec!["priya", "tom", "dr. sato"]),
        ("three-hosts.md", vec!["priya", "tom", "dr. sato"]),
    ] {
        // The first paragraph is the title ("Science Corner: the deep trench"), which the
        // pipeline reads as a heading, not as a line of the script.
        let paragraphs = fixture_paragraphs(name);
        let paragraphs: Vec<&str> = paragraphs[1..].iter().map(String::as_str).collect();
        assert!(readcast::script::dialogue::is_dialogue(&paragraphs), "{name} is not taken for a dialogue");
        let mut speakers: Vec<String> = Vec::new();
        for paragraph in &paragraphs {
            if let Some((speaker, rest)) = readcast::script::dialogue::speaker_label(paragraph) {
                assert!(!rest.is_empty() && !rest.starts_with(['*', ':']), "{name}: {paragraph}");
                if !speakers.contains(&speaker.to_lowercase()) {
                    speakers.push(speaker.to_lowercase());
                }
            }
        }
        assert_eq!(speakers, hosts, "{name}");
    }
    // An article with quotations is not a dialogue.
    let article = fixture_paragraphs("ferry-quotes.txt");
    assert!(!readcast::script::dialogue::is_dialogue(&article.iter().map(String::as_str).collect::<Vec<_>>()));
}

/// A narrator of another language: its own sentences stay with it, English and the other five
/// languages go to their voices. Each of the six languages of the set is the home once.
#[test]
fn a_narrator_of_another_language_keeps_its_own_sentences_and_hands_on_the_rest() {
    use readcast::script::language::detect_language_in;
    let set = language_set();
    let (mut home_total, mut home_kept, mut away_total, mut away_found, mut away_right) = (0, 0, 0, 0, 0);
    for home in ["de", "fr", "es", "it", "pt", "nl"] {
        for (code, sentence) in &set {
            let got = detect_language_in(sentence, home);
            if code == home {
                home_total += 1;
                home_kept += usize::from(got.is_none());
            } else {
                away_total += 1;
                away_found += usize::from(got.is_some());
                away_right += usize::from(got == Some(code.as_str()));
            }
            if got.unwrap_or(home) != code {
                println!("home {home}: {code} sentence taken for {}: {sentence}", got.unwrap_or(home));
            }
        }
    }
    let fraction = |n: usize, of: usize| n as f64 / of.max(1) as f64;
    let (kept, found, right) =
        (fraction(home_kept, home_total), fraction(away_found, away_total), fraction(away_right, away_total));
    println!(
        "other homes: {home_total} home sentences, {kept:.3} kept; {away_total} others, {found:.3} found, {right:.3} named right"
    );
    // The narrator's own sentences never go to another voice.
    assert_eq!(kept, 1.0, "a sentence of the narrator's language was handed on");
    assert!(found >= 0.8 && right >= 0.8, "found {found:.3}, named right {right:.3}");
}
