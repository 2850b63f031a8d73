//! Abbreviations, acronyms and symbols in spoken form: "Dr." is "Doctor", "St." is "Saint" or
//! "Street", "U.S." and "US" are read as letters, "&" is "and".
//!
//! The engine would read "US" as the word "us", and "Dr." as "doctor" even in "Elm Dr.". Which
//! reading is right depends on the words around it, so each rule looks at its neighbours: a
//! title comes before a capitalized name; "US" in "JOIN US" is a word because the line is
//! shouted in capitals.

use std::sync::LazyLock;

use regex::Regex;

use crate::rule_regex::{compile, replace};

/// Abbreviations with a fixed reading: (written with its dot, spoken).
const FIXED: &[(&str, &str)] = &[
    ("Mr.", "Mister"),
    ("Mrs.", "Missus"),
    ("Ms.", "Miz"),
    ("Prof.", "Professor"),
    ("Gen.", "General"),
    ("Gov.", "Governor"),
    ("Sen.", "Senator"),
    ("Rep.", "Representative"),
    ("Capt.", "Captain"),
    ("Lt.", "Lieutenant"),
    ("Sgt.", "Sergeant"),
    ("Jr.", "Junior"),
    ("Sr.", "Senior"),
    ("Mt.", "Mount"),
    ("Ave.", "Avenue"),
    ("Blvd.", "Boulevard"),
    ("vs.", "versus"),
    ("vs", "versus"),
    ("etc.", "et cetera"),
    ("e.g.", "for example"),
    ("i.e.", "that is"),
    ("approx.", "approximately"),
    ("Dept.", "Department"),
    ("Fig.", "Figure"),
    ("Vol.", "Volume"),
    ("Jan.", "January"),
    ("Feb.", "February"),
    ("Aug.", "August"),
    ("Sept.", "September"),
    ("Oct.", "October"),
    ("Nov.", "November"),
    ("Dec.", "December"),
];

/// All-capital words of two or three letters that are words, not letters to spell.
const CAPITAL_WORDS: &[&str] = &[
    "OK", "NEW", "TOP", "HOT", "OFF", "NOW", "YES", "NO", "ON", "IN", "AT", "TO", "OF", "BY", "IT", "IS", "AND", "THE",
    "FOR", "BUT", "OR", "ALL", "GET", "BUY", "WIN", "SEE", "OUR", "YOU", "ME", "MY", "WE", "GO", "DO", "SO", "UP",
    "AN", "AS", "BE", "HE", "IF", "HOW", "WHY", "WAS", "ARE", "HAS", "HAD", "NOT", "CAN", "ONE", "TWO", "SIX", "TEN",
    "BIG", "OUT", "ITS", "HIS", "HER", "SHE", "FUN", "RUN", "SUN", "MAN", "DAY", "WAR", "GAS", "OIL", "ART", "AGE",
    "MAP", "BAR", "PUB", "TAX", "LAW", "ZOO", "HI", "OH", "AM", "PM",
];
/// Capital words that are said as letters even in a shouted line.
const LETTER_WORDS: &[&str] = &["OK", "AM", "PM"];
/// Acronyms spoken as words by everyone (and by the engine).
const WORD_ACRONYMS: &[&str] = &[
    "NASA", "NATO", "UNESCO", "UNICEF", "OPEC", "FIFA", "UEFA", "COVID", "AIDS", "ASAP", "GIF", "PIN", "RAM", "SIM",
    "LOL", "ISIS", "SWAT", "TED", "ZIP", "NIMBY",
];

static DOTTED: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(?:\p{Lu}\.){2,}"));
static CAPITALS: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(\p{Lu}{2,3})(s|'s)?\b"));
static TITLE: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(Dr|St)\b(\.?)"));
static NUMBER_SIGN: LazyLock<Regex> = LazyLock::new(|| compile(r"(?:\bNo\.|#)\s?(\d)"));
static SLASH: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(\p{L}+)/(\p{L}+)\b|\b24/7\b|\b([1-9])/([234])\b"));
static ROMAN: LazyLock<Regex> = LazyLock::new(|| compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$"));

/// Letters joined by hyphens so the engine names each one: "USA" is "U-S-A". Hyphens, not
/// spaces: espeak-ng reads a lone "A" before a word as the article ("A I model" is "uh I
/// model"), but "A-I" as two letter names, and without a pause.
fn spell(letters: &str) -> String {
    letters.chars().filter(|c| c.is_alphabetic()).map(String::from).collect::<Vec<_>>().join("-")
}

/// A word of two or more letters written all in capitals.
fn is_shouted(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The words on either side of the byte range, as written.
fn neighbours(text: &str, start: usize, end: usize) -> (Option<&str>, Option<&str>) {
    (text[..start].split_whitespace().next_back(), text[end..].split_whitespace().next())
}

/// "U.S." and "US" as letters, unless the capitals are a shouted word ("JOIN US"). A short
/// shouted word is written in lower case, because espeak-ng spells out a two-letter word in
/// capitals by itself: "JOIN US" would be "join U-S", "GET IT NOW" "get I-T now".
fn acronyms(text: &str) -> String {
    let text = replace(&DOTTED, text, |c, whole| {
        let end = c.get(0).map_or(0, |m| m.end());
        let at_end = whole[end..].trim().is_empty();
        // The last dot also ends the sentence when nothing follows.
        format!("{}{}", spell(&c[0]), if at_end { "." } else { "" })
    });
    replace(&CAPITALS, &text, |c, whole| {
        let Some(m) = c.get(0) else { return String::new() };
        let word = &c[1];
        let (before, after) = neighbours(whole, m.start(), m.end());
        let shouting = before.is_some_and(is_shouted) || after.is_some_and(is_shouted);
        let roman = ROMAN.is_match(word);
        if shouting && (word == "US" || CAPITAL_WORDS.contains(&word)) && !LETTER_WORDS.contains(&word) {
            return c[0].to_lowercase();
        }
        if shouting || roman || CAPITAL_WORDS.contains(&word) || WORD_ACRONYMS.contains(&word) {
            return c[0].to_string();
        }
        let suffix = c.get(2).map_or("", |s| s.as_str());
        format!("{}{}", spell(word), if suffix.is_empty() { "" } else { "'s" })
    })
}

/// "Dr." and "St." before a capitalized name are "Doctor" and "Saint"; after one ("Elm Dr.",
/// "Main St.") they are "Drive" and "Street".
fn titles(text: &str) -> String {
    replace(&TITLE, text, |c, whole| {
        let Some(m) = c.get(0) else { return String::new() };
        let (before, after) = neighbours(whole, m.start(), m.end());
        let starts_upper = |w: Option<&str>| w.and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
        let dotted = !c[2].is_empty();
        let (title, place) = if &c[1] == "Dr" { ("Doctor", "Drive") } else { ("Saint", "Street") };
        if starts_upper(after) && !whole[m.end()..].starts_with(',') {
            title.to_string()
        } else if dotted && starts_upper(before) {
            let at_end = whole[m.end()..].trim().is_empty();
            format!("{place}{}", if at_end { "." } else { "" })
        } else {
            c[0].to_string()
        }
    })
}

/// Fixed abbreviations, whole words only; a dot that also ended the sentence is kept.
fn fixed(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let count = text.split(' ').count();
    for (i, word) in text.split(' ').enumerate() {
        let core_start = word.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
        let (lead, rest) = word.split_at(core_start);
        let found = FIXED.iter().find(|(written, _)| {
            rest.strip_prefix(written).is_some_and(|tail| tail.chars().all(|c| !c.is_alphanumeric()))
        });
        match found {
            Some((written, spoken)) => {
                let tail = &rest[written.len()..];
                let end = if i + 1 == count && written.ends_with('.') && tail.is_empty() { "." } else { "" };
                words.push(format!("{lead}{spoken}{end}{tail}"));
            }
            None => words.push(word.to_string()),
        }
    }
    words.join(" ")
}

/// Symbols: "&" is "and", "+" "plus", "#5" and "No. 5" "number five", "and/or" "and or",
/// "24/7" "twenty-four seven", "1/2" "one half".
fn symbols(text: &str) -> String {
    let text = replace(&NUMBER_SIGN, text, |c, _| format!("number {}", &c[1]));
    let text = replace(&SLASH, &text, |c, _| {
        if let (Some(a), Some(b)) = (c.get(1), c.get(2)) {
            // "and/or" is said "and or"; "yes/no" is "yes or no".
            if b.as_str().eq_ignore_ascii_case("or") {
                return format!("{} or", a.as_str());
            }
            return format!("{} or {}", a.as_str(), b.as_str());
        }
        if let (Some(n), Some(d)) = (c.get(3), c.get(4)) {
            let n: u64 = n.as_str().parse().unwrap_or(1);
            let word = match d.as_str() {
                "2" => "half",
                "3" => "third",
                _ => "quarter",
            };
            let plural = if n == 1 { "" } else { "s" };
            let word = if word == "half" && n > 1 { "halve".to_string() } else { word.to_string() };
            return format!("{} {word}{plural}", super::words::cardinal(n));
        }
        "twenty-four seven".to_string()
    });
    let mut out = String::with_capacity(text.len());
    for (i, ch) in text.char_indices() {
        let prev = text[..i].chars().next_back();
        let next = text[i + ch.len_utf8()..].chars().next();
        match ch {
            '&' => out.push_str(" and "),
            // "C++" and "+44" keep their plus; a plus between words or numbers is said.
            '+' if prev.is_none_or(|p| p.is_whitespace() || p.is_ascii_digit())
                && next.is_none_or(|n| n.is_whitespace() || n.is_ascii_digit()) =>
            {
                out.push_str(if next.is_some_and(|n| n.is_ascii_digit()) && prev.is_none_or(char::is_whitespace) {
                    "plus "
                } else {
                    " plus "
                })
            }
            '%' => out.push_str(" percent"),
            _ => out.push(ch),
        }
    }
    out
}

/// Apply every abbreviation, acronym and symbol rule to `text`.
pub fn apply(text: &str) -> String {
    let text = fixed(text);
    let text = titles(&text);
    let text = acronyms(&text);
    symbols(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_as_letters_but_not_when_shouted() {
        assert_eq!(apply("the US economy"), "the U-S economy");
        assert_eq!(apply("in the U.S. Senate"), "in the U-S Senate");
        assert_eq!(apply("They moved to the U.S."), "They moved to the U-S.");
        // Shouted: the word "us", in lower case so that the engine does not spell it.
        assert_eq!(apply("JOIN US TODAY"), "JOIN us TODAY");
        assert_eq!(apply("JOIN US"), "JOIN us");
        assert_eq!(apply("GET IT NOW, OK"), "get it now, OK");
    }

    #[test]
    fn acronyms_spelled_where_the_engine_would_say_a_word() {
        assert_eq!(apply("The CEO met the EU and UN"), "The C-E-O met the E-U and U-N");
        assert_eq!(apply("the IRA, the ISS and the AI model"), "the I-R-A, the I-S-S and the A-I model");
        assert_eq!(apply("three CEOs"), "three C-E-O's");
        assert_eq!(apply("NASA and NATO, OK"), "NASA and NATO, OK");
        assert_eq!(apply("a USB stick"), "a U-S-B stick");
        assert_eq!(apply("World War II"), "World War II");
    }

    #[test]
    fn titles_and_places() {
        assert_eq!(apply("Dr. Okafor met Mr. Lee and Mrs. Hale"), "Doctor Okafor met Mister Lee and Missus Hale");
        assert_eq!(apply("Dr Imogen Clarke"), "Doctor Imogen Clarke");
        assert_eq!(apply("St. Mark's Road"), "Saint Mark's Road");
        assert_eq!(apply("on Main St. today"), "on Main Street today");
        assert_eq!(apply("It is on Elm Dr."), "It is on Elm Drive.");
        assert_eq!(apply("the street is St Anne"), "the street is Saint Anne");
    }

    #[test]
    fn fixed_abbreviations() {
        assert_eq!(apply("Lee vs. Okafor, apples, pears, etc."), "Lee versus Okafor, apples, pears, et cetera.");
        assert_eq!(apply("fruit, e.g. pears"), "fruit, for example pears");
        assert_eq!(apply("etc. and more"), "et cetera and more");
    }

    #[test]
    fn symbols() {
        assert_eq!(apply("salt & pepper"), "salt  and  pepper");
        assert_eq!(apply("yes/no"), "yes or no");
        assert_eq!(apply("No. 5 and #1"), "number 5 and number 1");
        assert_eq!(apply("and/or 24/7 and 1/2 or 3/4"), "and or twenty-four seven and one half or three quarters");
        assert_eq!(apply("2 + 2 and 18+ and C++"), "2  plus  2 and 18 plus  and C++");
        assert_eq!(apply("a 5% rise"), "a 5 percent rise");
    }

    #[test]
    fn must_not_fire_inside_words() {
        assert_eq!(apply("Mrsa and Drive and Street"), "Mrsa and Drive and Street");
        assert_eq!(apply("status quo"), "status quo");
    }
}
