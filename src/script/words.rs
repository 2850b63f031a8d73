//! Numbers as English words: cardinals, ordinals, years, digit strings.
//!
//! Hand-written rather than a crate: a number-to-words crate gives cardinals and ordinals, but a
//! narrator also needs years ("twenty twenty-four"), decades, labels ("one oh one") and digit
//! strings, and the English rules fit on a page. American style (no "and" inside numbers).

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const SCALES: [(u64, &str); 6] = [
    (1_000_000_000_000_000_000, "quintillion"),
    (1_000_000_000_000_000, "quadrillion"),
    (1_000_000_000_000, "trillion"),
    (1_000_000_000, "billion"),
    (1_000_000, "million"),
    (1_000, "thousand"),
];

/// 0..=99 in words ("forty-two").
fn below_hundred(n: u64) -> String {
    match n {
        0..=19 => ONES[n as usize].to_string(),
        _ if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        _ => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
    }
}

/// 0..=999 in words.
fn below_thousand(n: u64) -> String {
    if n < 100 {
        return below_hundred(n);
    }
    let rest = n % 100;
    let hundreds = format!("{} hundred", ONES[(n / 100) as usize]);
    if rest == 0 { hundreds } else { format!("{hundreds} {}", below_hundred(rest)) }
}

/// A cardinal number in words: 1200 is "one thousand two hundred".
pub fn cardinal(n: u64) -> String {
    if n < 1000 {
        return below_thousand(n);
    }
    let mut parts = Vec::new();
    let mut rest = n;
    for (scale, name) in SCALES {
        if rest >= scale {
            parts.push(format!("{} {name}", below_thousand(rest / scale)));
            rest %= scale;
        }
    }
    if rest > 0 {
        parts.push(below_thousand(rest));
    }
    parts.join(" ")
}

/// An ordinal number in words: 3 is "third", 21 is "twenty-first".
pub fn ordinal(n: u64) -> String {
    let words = cardinal(n);
    // Only the last word changes: "twenty-one" -> "twenty-first".
    let (head, last) = match words.rfind([' ', '-']) {
        Some(i) => words.split_at(i + 1),
        None => ("", words.as_str()),
    };
    let last = match last {
        "one" => "first".to_string(),
        "two" => "second".to_string(),
        "three" => "third".to_string(),
        "five" => "fifth".to_string(),
        "eight" => "eighth".to_string(),
        "nine" => "ninth".to_string(),
        "twelve" => "twelfth".to_string(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    };
    format!("{head}{last}")
}

/// A year as people say it: 1990 "nineteen ninety", 2024 "twenty twenty-four", 2005 "two
/// thousand five", 1905 "nineteen oh five", 1900 "nineteen hundred".
pub fn year(n: u64) -> String {
    if !(1000..=9999).contains(&n) || (2000..=2009).contains(&n) || n.is_multiple_of(1000) {
        return cardinal(n);
    }
    let (high, low) = (n / 100, n % 100);
    match low {
        0 => format!("{} hundred", below_hundred(high)),
        1..=9 => format!("{} oh {}", below_hundred(high), ONES[low as usize]),
        _ => format!("{} {}", below_hundred(high), below_hundred(low)),
    }
}

/// A decade: 1990 gives "nineteen nineties", 2000 "two thousands", 1900 "nineteen hundreds".
pub fn decade(n: u64) -> String {
    let words = year(n);
    if let Some(stem) = words.strip_suffix('y') { format!("{stem}ies") } else { format!("{words}s") }
}

/// Digits one by one: "0800" is "zero eight zero zero".
pub fn digits(s: &str) -> String {
    s.chars().filter_map(|c| c.to_digit(10)).map(|d| ONES[d as usize]).collect::<Vec<_>>().join(" ")
}

/// A number read like a label, in pairs: 101 "one oh one", 747 "seven forty-seven".
pub fn label(s: &str) -> String {
    let n: u64 = s.parse().unwrap_or(0);
    if s.starts_with('0') || s.len() > 4 {
        return digits(s);
    }
    match s.len() {
        3 => {
            let (high, low) = (n / 100, n % 100);
            match low {
                0 => format!("{} hundred", ONES[high as usize]),
                1..=9 => format!("{} oh {}", ONES[high as usize], ONES[low as usize]),
                _ => format!("{} {}", ONES[high as usize], below_hundred(low)),
            }
        }
        4 => year(n),
        _ => cardinal(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals() {
        assert_eq!(cardinal(0), "zero");
        assert_eq!(cardinal(42), "forty-two");
        assert_eq!(cardinal(1200), "one thousand two hundred");
        assert_eq!(cardinal(7412), "seven thousand four hundred twelve");
        assert_eq!(cardinal(1_000_000), "one million");
        assert_eq!(cardinal(2_300_015), "two million three hundred thousand fifteen");
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1), "first");
        assert_eq!(ordinal(3), "third");
        assert_eq!(ordinal(12), "twelfth");
        assert_eq!(ordinal(20), "twentieth");
        assert_eq!(ordinal(21), "twenty-first");
        assert_eq!(ordinal(100), "one hundredth");
    }

    #[test]
    fn years_and_decades() {
        assert_eq!(year(2024), "twenty twenty-four");
        assert_eq!(year(1990), "nineteen ninety");
        assert_eq!(year(2005), "two thousand five");
        assert_eq!(year(1905), "nineteen oh five");
        assert_eq!(year(1900), "nineteen hundred");
        assert_eq!(year(2000), "two thousand");
        assert_eq!(decade(1990), "nineteen nineties");
        assert_eq!(decade(1970), "nineteen seventies");
        assert_eq!(decade(2000), "two thousands");
    }

    #[test]
    fn digits_and_labels() {
        assert_eq!(digits("0800"), "zero eight zero zero");
        assert_eq!(label("101"), "one oh one");
        assert_eq!(label("747"), "seven forty-seven");
        assert_eq!(label("12"), "twelve");
    }
}
