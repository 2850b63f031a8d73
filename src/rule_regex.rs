//! The regular expressions written into the source (the cleaning rules, the spoken forms of
//! numbers and addresses): one way to compile them and one way to rewrite text with them.
//!
//! Each is a literal, compiled on first use into a `LazyLock<Regex>` static. A literal that does
//! not compile is a bug in readcast, not a condition of the input, so it must not turn into a rule
//! that silently never fires: [`compile`] panics, naming the pattern. Every such static is used by
//! a unit test of its module, so `cargo test` hits a bad pattern on its first run.

use regex::{Captures, Regex};

/// Compile a pattern written in the source.
///
/// # Panics
///
/// When `pattern` is not a valid regular expression. This is the one place readcast panics on
/// purpose: the patterns are constants, not input, so a bad one is a programming error that every
/// test run hits on first use, and it can never depend on what a user gives the program.
pub fn compile(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(re) => re,
        Err(e) => panic!("the built-in pattern {pattern:?} does not compile: {e}"),
    }
}

/// Replace every match of `re` in `text` with what `f` makes of it. `f` is also given the whole
/// text, to look at the words around the match.
pub fn replace(re: &Regex, text: &str, mut f: impl FnMut(&Captures, &str) -> String) -> String {
    re.replace_all(text, |caps: &Captures| f(caps, text)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "\"(unclosed\" does not compile")]
    fn a_bad_pattern_names_itself() {
        compile("(unclosed");
    }

    #[test]
    fn replace_sees_each_match_and_the_whole_text() {
        let re = compile(r"\d+");
        let out = replace(&re, "1 and 22", |c, whole| format!("<{}/{}>", &c[0], whole.len()));
        assert_eq!(out, "<1/8> and <22/8>");
        assert_eq!(replace(&re, "none", |_, _| unreachable!()), "none");
    }
}
