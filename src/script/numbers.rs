//! Numbers in spoken form: what a narrator says for "$1 million", "3.5%", "10:30 a.m.", "the
//! 1990s", "21st", "2020-2022", "in 2024", "1,200", "-4", "Room 101" and "0800 123 4567".
//!
//! Rules run in order from the most specific (times, money, percentages) to the most general
//! (a bare number), so each number is read once, by the rule that knows most about it. Whether
//! "2024" is a year or a count is decided from the words around it: "in 2024" and "2024." are
//! years; "2024 people" and "2024 votes" are counts.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::rule_regex::{compile, replace};

use super::words::{cardinal, decade, digits, label, ordinal, year};

static TIME: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)\b(\d{1,2})(?::(\d{2}))?\s?(?:([ap])\.m\.|([ap])m\b)|\b(\d{1,2}):(\d{2})\b"));
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)([$€£¥])\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(thousand|million|billion|trillion|bn|m|k)\b)?")
});
static PERCENT: LazyLock<Regex> = LazyLock::new(|| compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?%"));
static DECADE: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(1[0-9]|20)(\d)0s\b|(?:^|\s)['’](\d)0s\b"));
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| compile(r"(?i)\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)\b"));
static YEAR_RANGE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(1[1-9]\d\d|20\d\d)\s?[-–/]\s?(1[1-9]\d\d|20\d\d|\d\d)\b"));
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(1[1-9]\d\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b"));
static VERSION: LazyLock<Regex> = LazyLock::new(|| compile(r"\b\d{1,3}(?:\.\d{1,3}){2,}\b"));
static PERCENT_RANGE: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(\d+(?:\.\d+)?)\s?[-–]\s?(\d+(?:\.\d+)?)\s?%"));
static DEGREES: LazyLock<Regex> = LazyLock::new(|| compile(r"(-?)(\d+(?:\.\d+)?)\s?°\s?([CF])?\b"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| compile(r"(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"));

/// Words before a number that make it a year ("in 2024", "since 1990"); a month name ("March
/// 2024", from [`MONTHS`]) does too.
const YEAR_BEFORE: &[&str] = &[
    "in",
    "since",
    "from",
    "until",
    "till",
    "by",
    "of",
    "before",
    "after",
    "during",
    "year",
    "between",
    "and",
    "to",
    "through",
    "circa",
    "early",
    "late",
    "mid",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "christmas",
    "easter",
];
/// Nouns after a number that make it a count even though they do not end in "s".
const COUNT_NOUNS: &[&str] = &[
    "people", "men", "women", "children", "feet", "sheep", "fish", "deer", "police", "staff", "cattle", "mph", "km",
    "kg", "times", "more", "other", "others", "new", "extra",
];
/// Plurals after a year that name an event of that year ("the 2022 midterms").
const EVENT_PLURALS: &[&str] = &[
    "midterms",
    "olympics",
    "games",
    "elections",
    "finals",
    "championships",
    "playoffs",
    "riots",
    "floods",
    "protests",
    "paralympics",
    "awards",
    "oscars",
    "emmys",
    "grammys",
    "accounts",
    "results",
    "figures",
    "rules",
    "regulations",
];
/// Words after which a number is a name read in pairs ("Room 101", "Flight 747").
const LABEL_BEFORE: &[&str] = &[
    "room",
    "flight",
    "route",
    "platform",
    "gate",
    "suite",
    "apartment",
    "apt",
    "bus",
    "highway",
    "interstate",
    "channel",
    "track",
    "unit",
    "building",
    "studio",
    "terminal",
    "number",
    "no",
    "model",
    "area",
    "code",
    "pin",
];

fn parse(s: &str) -> Option<u64> {
    s.replace(',', "").parse().ok()
}

/// "3" and "5" as "three point five"; the fraction is read digit by digit.
fn decimal(int: &str, frac: Option<&str>) -> String {
    let whole = parse(int).map(cardinal).unwrap_or_else(|| digits(int));
    match frac {
        Some(f) => format!("{whole} point {}", digits(f)),
        None => whole,
    }
}

/// The word before byte `at`, lower case, without punctuation.
fn word_before(text: &str, at: usize) -> String {
    text[..at].split_whitespace().next_back().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// The text right after byte `at`: the next word (as written) or `None` at punctuation or end.
fn word_after(text: &str, at: usize) -> Option<&str> {
    let rest = &text[at..];
    if !rest.starts_with(' ') {
        return None;
    }
    let word = rest.split_whitespace().next()?;
    let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    (!core.is_empty() && core.chars().next().is_some_and(char::is_alphabetic)).then_some(core)
}

fn time(c: &Captures, text: &str) -> String {
    let end = c.get(0).map_or(0, |m| m.end());
    let (hour, minute, half) = match (c.get(1), c.get(5)) {
        (Some(h), _) => {
            (h.as_str(), c.get(2).map(|m| m.as_str()), c.get(3).or(c.get(4)).map(|m| m.as_str().to_lowercase()))
        }
        (None, Some(h)) => (h.as_str(), c.get(6).map(|m| m.as_str()), None),
        _ => return c[0].to_string(),
    };
    let Some(h) = parse(hour) else { return c[0].to_string() };
    let mut words = cardinal(h);
    match minute.and_then(parse) {
        Some(0) if half.is_none() => words.push_str(" hundred"),
        Some(0) | None => {}
        Some(m) if m < 10 => words.push_str(&format!(" oh {}", cardinal(m))),
        Some(m) => words.push_str(&format!(" {}", cardinal(m))),
    }
    if let Some(half) = half {
        // "A-M": espeak-ng names both letters; "a m" would be the article "a" and "m".
        words.push_str(&format!(" {}-M", half.to_uppercase()));
        // "a.m." at the end of a sentence also ended it.
        if c[0].ends_with('.') && text[end..].trim().is_empty() {
            words.push('.');
        }
    }
    words
}

fn money(c: &Captures, _: &str) -> String {
    let (one, many, cent, cents) = match &c[1] {
        "$" => ("dollar", "dollars", "cent", "cents"),
        "€" => ("euro", "euros", "cent", "cents"),
        "£" => ("pound", "pounds", "penny", "pence"),
        _ => ("yen", "yen", "sen", "sen"),
    };
    let amount = &c[2];
    let frac = c.get(3).map(|m| m.as_str());
    let scale = c.get(4).map(|m| match m.as_str().to_lowercase().as_str() {
        "k" => "thousand".to_string(),
        "m" => "million".to_string(),
        "bn" => "billion".to_string(),
        other => other.to_string(),
    });
    if let Some(scale) = scale {
        return format!("{} {scale} {many}", decimal(amount, frac));
    }
    let n = parse(amount).unwrap_or(0);
    let unit = if n == 1 { one } else { many };
    match frac {
        None => format!("{} {unit}", cardinal(n)),
        Some(f) if f.len() == 2 => match parse(f).unwrap_or(0) {
            0 => format!("{} {unit}", cardinal(n)),
            p => {
                let small = if p == 1 { cent } else { cents };
                format!("{} {unit} {} {small}", cardinal(n), cardinal(p))
            }
        },
        Some(_) => format!("{} {many}", decimal(amount, frac)),
    }
}

fn decade_words(c: &Captures, _: &str) -> String {
    if let (Some(century), Some(ten)) = (c.get(1), c.get(2)) {
        let n = parse(&format!("{}{}0", century.as_str(), ten.as_str())).unwrap_or(0);
        return decade(n);
    }
    let lead = if c[0].starts_with(char::is_whitespace) { " " } else { "" };
    let ten = c.get(3).and_then(|m| parse(m.as_str())).unwrap_or(0);
    if ten < 2 {
        return c[0].to_string();
    }
    // "eighty" -> "eighties"
    format!("{lead}{}ies", cardinal(ten * 10).trim_end_matches('y'))
}

fn number(c: &Captures, text: &str) -> String {
    let Some(m) = c.get(0) else { return String::new() };
    let (start, end) = (m.start(), m.end());
    let int = &c[2];
    let frac = c.get(3).map(|m| m.as_str());
    let mut minus = !c[1].is_empty();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // Glued to letters ("COVID19", "mp3", "41g"): a name or a unit the engine reads itself.
    if before.is_some_and(char::is_alphabetic) || after.is_some_and(char::is_alphabetic) {
        return c[0].to_string();
    }
    // "2-1" or "pages 5-10": the hyphen joins two numbers, it is not a minus sign.
    let mut prefix = String::new();
    if minus && before.is_some_and(|b| !b.is_whitespace() && b != '(') {
        minus = false;
        prefix.push('-');
    }
    let sign = if minus { "minus " } else { "" };
    let plain = !int.contains(',') && frac.is_none();
    let prev = word_before(text, start);
    let next = word_after(text, end);
    let spoken = if frac.is_some() || int.contains(',') {
        decimal(int, frac)
    } else if plain && (int.starts_with('0') && int.len() > 1 || int.len() >= 7 || is_phone_group(text, start, end)) {
        digits(int)
    } else if plain && int.len() <= 2 && is_day_of_month(int, &prev, next) {
        let day = parse(int).map(ordinal).unwrap_or_default();
        // "20 May" is said "the twentieth of May".
        if next.is_some_and(is_month) { format!("the {day} of") } else { day }
    } else if plain && LABEL_BEFORE.contains(&prev.as_str()) {
        label(int)
    } else if plain && int.len() == 4 && is_year(int, &prev, next) {
        parse(int).map(year).unwrap_or_default()
    } else {
        parse(int).map(cardinal).unwrap_or_else(|| digits(int))
    };
    format!("{prefix}{sign}{spoken}")
}

/// A group of digits next to another group ("0800 123 4567", "555-0142"): a phone number.
fn is_phone_group(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '-', ')', '(']);
    let after = text[end..].trim_start_matches([' ', '-', '(', ')']);
    let joined_before = before.len() < start && before.chars().next_back().is_some_and(|c| c.is_ascii_digit());
    let joined_after = after.len() < text.len() - end && after.chars().next().is_some_and(|c| c.is_ascii_digit());
    let total: usize = text[..start]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
        .chain(text[start..].chars().take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')')))
        .filter(char::is_ascii_digit)
        .count();
    (joined_before || joined_after) && total >= 7
}

/// Month names and their abbreviations, lower case.
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A day next to a month name is an ordinal: "May 2" and "2 May" are "May second", "second May".
/// "May" alone is also a verb, so "may 2" in lower case does not count.
fn is_day_of_month(int: &str, prev: &str, next: Option<&str>) -> bool {
    let day = parse(int).is_some_and(|d| (1..=31).contains(&d));
    let prev_is_month = MONTHS.contains(&prev) && prev != "may" || prev == "may" && next.is_none();
    day && (prev_is_month || next.is_some_and(is_month))
}

/// A capitalized month name, as written.
fn is_month(word: &str) -> bool {
    MONTHS.contains(&word.to_lowercase().as_str()) && word.starts_with(char::is_uppercase)
}

/// A plural noun, roughly: ends in "s" but not like "census", "bus", "crisis", "glass", "news".
fn looks_plural(lower: &str) -> bool {
    lower.ends_with('s') && !["ss", "us", "is", "ews"].iter().any(|end| lower.ends_with(end))
}

/// Is a four-digit number a year here? Years run 1100 to 2099; a year word before it settles
/// it, a counted noun after it ("2024 people") makes it a count.
fn is_year(int: &str, prev: &str, next: Option<&str>) -> bool {
    let Some(n) = parse(int) else { return false };
    if !(1100..=2099).contains(&n) {
        return false;
    }
    if YEAR_BEFORE.contains(&prev) || MONTHS.contains(&prev) {
        return true;
    }
    match next {
        None => true,
        Some(word) => {
            // An acronym after it ("the 2024 US election") is a name, not a counted plural.
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.chars().count() >= 2 && letters.chars().all(|c| c.is_uppercase()) {
                return true;
            }
            let lower = word.to_lowercase();
            let counted = COUNT_NOUNS.contains(&lower.as_str())
                || (looks_plural(&lower) && !EVENT_PLURALS.contains(&lower.as_str()));
            !counted
        }
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2024-03-15" is "March fifteenth, twenty twenty-four".
fn iso_date(c: &Captures, _: &str) -> String {
    let (Some(y), Some(m), Some(d)) = (parse(&c[1]), parse(&c[2]), parse(&c[3])) else { return c[0].to_string() };
    let month = MONTH_NAMES.get((m as usize).saturating_sub(1)).copied().unwrap_or("");
    format!("{month} {}, {}", ordinal(d), year(y))
}

/// "2.0.1" is "two point zero point one".
fn version(c: &Captures, _: &str) -> String {
    c[0].split('.')
        .map(|part| parse(part).map(cardinal).unwrap_or_else(|| digits(part)))
        .collect::<Vec<_>>()
        .join(" point ")
}

/// "-12 °C" is "minus twelve degrees Celsius".
fn degrees(c: &Captures, _: &str) -> String {
    let sign = if c[1].is_empty() { "" } else { "minus " };
    let (int, frac) = match c[2].split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (c[2].to_string(), None),
    };
    let amount = decimal(&int, frac.as_deref());
    let unit = match c.get(3).map(|m| m.as_str()) {
        Some("C") => " Celsius",
        Some("F") => " Fahrenheit",
        _ => "",
    };
    let plural = if amount == "one" { "degree" } else { "degrees" };
    format!("{sign}{amount} {plural}{unit}")
}

fn spoken_amount(s: &str) -> String {
    match s.split_once('.') {
        Some((i, f)) => decimal(i, Some(f)),
        None => decimal(s, None),
    }
}

/// Speak every number in `text`.
pub fn apply(text: &str) -> String {
    let text = replace(&ISO_DATE, text, iso_date);
    let text = replace(&VERSION, &text, version);
    let text = replace(&DEGREES, &text, degrees);
    let text = replace(&TIME, &text, time);
    let text = replace(&MONEY, &text, money);
    let text =
        replace(&PERCENT_RANGE, &text, |c, _| format!("{} to {} percent", spoken_amount(&c[1]), spoken_amount(&c[2])));
    let text = replace(&PERCENT, &text, |c, _| format!("{} percent", decimal(&c[1], c.get(2).map(|m| m.as_str()))));
    let text = replace(&DECADE, &text, decade_words);
    let text = replace(&ORDINAL, &text, |c, _| parse(&c[1]).map(ordinal).unwrap_or_else(|| c[0].to_string()));
    let text = replace(&YEAR_RANGE, &text, |c, _| {
        let from = parse(&c[1]).unwrap_or(0);
        let to = if c[2].len() == 2 { cardinal(parse(&c[2]).unwrap_or(0)) } else { year(parse(&c[2]).unwrap_or(0)) };
        format!("{} to {to}", year(from))
    });
    replace(&NUMBER, &text, number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals_decimals_and_negatives() {
        assert_eq!(apply("About 1,200 came"), "About one thousand two hundred came");
        assert_eq!(apply("a rise of 3.5 points"), "a rise of three point five points");
        assert_eq!(apply("It fell to -4 overnight"), "It fell to minus four overnight");
        assert_eq!(apply("We won 2-1."), "We won two-one.");
        assert_eq!(apply("It has 42 rooms"), "It has forty-two rooms");
    }

    #[test]
    fn ordinals() {
        assert_eq!(apply("the 3rd and 21st of May"), "the third and twenty-first of May");
        assert_eq!(
            apply("on March 14, 2024 and 2 April"),
            "on March fourteenth, twenty twenty-four and the second of April"
        );
        assert_eq!(apply("from Monday 3 June"), "from Monday the third of June");
        assert_eq!(apply("it may 2 times"), "it may two times");
    }

    #[test]
    fn years_decades_and_ranges() {
        assert_eq!(apply("in 2024"), "in twenty twenty-four");
        assert_eq!(apply("Since 2020, prices rose"), "Since twenty twenty, prices rose");
        assert_eq!(apply("the 2022 midterms"), "the twenty twenty-two midterms");
        assert_eq!(apply("music of the 1990s"), "music of the nineteen nineties");
        assert_eq!(apply("back in the '80s"), "back in the eighties");
        assert_eq!(apply("from 2020-2022"), "from twenty twenty to twenty twenty-two");
        assert_eq!(apply("the 2024-25 season"), "the twenty twenty-four to twenty-five season");
        assert_eq!(apply("It closed in 1862."), "It closed in eighteen sixty-two.");
        assert_eq!(apply("At the 2021 census"), "At the twenty twenty-one census");
    }

    #[test]
    fn a_year_before_an_acronym_is_a_year() {
        assert_eq!(apply("in the 2024 US presidential election"), "in the twenty twenty-four US presidential election");
        assert_eq!(apply("the 1990 UK census"), "the nineteen ninety UK census");
    }

    #[test]
    fn year_rule_must_not_fire_on_counts() {
        assert_eq!(apply("2024 people came"), "two thousand twenty-four people came");
        assert_eq!(apply("it has 1500 members"), "it has one thousand five hundred members");
        assert_eq!(apply("a town of 7,412"), "a town of seven thousand four hundred twelve");
    }

    #[test]
    fn money() {
        assert_eq!(apply("$1 million"), "one million dollars");
        assert_eq!(apply("It costs $3.50 now"), "It costs three dollars fifty cents now");
        assert_eq!(apply("€5 and £20"), "five euros and twenty pounds");
        assert_eq!(apply("£4.2 million"), "four point two million pounds");
        assert_eq!(apply("$1"), "one dollar");
        assert_eq!(apply("a $2bn deal"), "a two billion dollars deal");
    }

    #[test]
    fn percentages() {
        assert_eq!(apply("up 48% on 3.5 %"), "up forty-eight percent on three point five percent");
        assert_eq!(apply("rose 5-10% a year"), "rose five to ten percent a year");
    }

    #[test]
    fn dates_versions_and_temperatures() {
        assert_eq!(apply("released on 2024-03-15 with"), "released on March fifteenth, twenty twenty-four with");
        assert_eq!(apply("Version 2.0.1 is out"), "Version two point zero point one is out");
        assert_eq!(
            apply("It fell to -12 °C, or 10.4°F."),
            "It fell to minus twelve degrees Celsius, or ten point four degrees Fahrenheit."
        );
        assert_eq!(apply("the 2022/23 season"), "the twenty twenty-two to twenty-three season");
    }

    #[test]
    fn times() {
        assert_eq!(apply("at 10:30 a.m. on Monday"), "at ten thirty A-M on Monday");
        assert_eq!(apply("It opens at 10 a.m."), "It opens at ten A-M.");
        assert_eq!(apply("by 9:05pm"), "by nine oh five P-M");
        assert_eq!(apply("at 17:00"), "at seventeen hundred");
    }

    #[test]
    fn labels_are_read_in_pairs_not_as_counts_or_years() {
        assert_eq!(apply("Room 101"), "Room one oh one");
        assert_eq!(apply("Flight 2024 left"), "Flight twenty twenty-four left");
    }

    #[test]
    fn long_digit_strings_digit_by_digit() {
        assert_eq!(apply("code 12345678"), "code one two three four five six seven eight");
        assert_eq!(apply("call 0800 123 4567"), "call zero eight zero zero one two three four five six seven");
        assert_eq!(apply("Tel 555-0142 now"), "Tel five five five-zero one four two now");
    }

    #[test]
    fn numbers_glued_to_letters_are_left_alone() {
        assert_eq!(apply("COVID19 and mp3 and 298kcal"), "COVID19 and mp3 and 298kcal");
    }
}
