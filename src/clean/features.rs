//! The evidence in one line of a page: how long it is, whether it ends like a sentence, what
//! share of its words are function words, whether it looks like a menu or a list of links.
//!
//! Running prose is full of small words ("the", "of", "and"); menus, credits, buttons and lists
//! of headlines are not. That share, together with length and a sentence ending, separates the
//! two on pages in any layout, without knowing the phrases a site uses. Function words of a few
//! other European languages are counted too, so a page in German is not taken for a menu.

use std::collections::HashSet;
use std::sync::LazyLock;

const FUNCTION_WORDS: &str = "
a about above after again against all also although am an and any are as at be because been
before being below between both but by can could did do does doing down during each either
even ever every few for from further had has have having he her here hers him his how however
i if in into is it its itself just least less let like many may me might more most much must my
neither no nor not now of off often on once only or other our ours out over own per rather
same she should since so some such than that the their theirs them then there these they this
those though through to too toward towards under until up upon us very was we were what when
where whether which while who whom whose why will with within without would yet you your yours
it's i'm i've i'll i'd we're we've they're don't doesn't didn't won't can't isn't wasn't aren't
that's there's he's she's you're what's let's who's
der die das den dem des ein eine einen einem einer und oder aber nicht mit von zu zum zur auf
für ist sind war wurde werden hat haben im in an bei nach aus wie als auch noch nur sich sie er
es wir ich man dass wenn so sehr mehr vor über unter bis um
le la les un une des du de et ou mais pas avec pour sur dans est sont était il elle ils elles
nous vous je que qui ne se ce cette ces au aux par plus
el los las una unos unas y o pero con por para en es son era que se lo su sus al del como más
il lo gli uno e ma non per con che è sono di da nel nella
het een en van de dat die niet met voor op zijn is was er ook aan bij om
o os as um uma e mas não com para por em é são que se do da dos das no na
";

static WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| FUNCTION_WORDS.split_whitespace().collect());

/// Is `word` (any case) a function word of English or one of the other listed languages?
pub fn is_function_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    WORDS.contains(lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
}

/// Separators that sites put between the items of a menu, a breadcrumb trail or a list of links.
const MENU_SEPARATORS: &[&str] = &[" | ", " • ", " · ", " › ", " » ", " > ", " / ", " ‹ ", " < "];

/// The evidence gathered from one line (or one wrapped paragraph).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// Words holding at least one letter or digit.
    pub words: usize,
    pub chars: usize,
    /// Ends with . ! ? (possibly inside closing quotes or brackets).
    pub ends_sentence: bool,
    /// Share of the lettered words that are function words.
    pub function_share: f32,
    /// Share of the lettered words that start with a capital.
    pub capital_share: f32,
    /// How many menu separators the line holds.
    pub separators: usize,
    /// Holds a comma (titles and menu items rarely do; clauses do).
    pub has_comma: bool,
    /// Words without a letter ("2-1", "2024", "48%").
    pub numbers: usize,
    pub starts_upper: bool,
    /// Ends with "..." ("Like Loading..."), which a one-word line of a page often does.
    pub ends_ellipsis: bool,
}

impl Features {
    pub fn of(text: &str) -> Features {
        let text = text.trim();
        let mut words = 0;
        let mut lettered = 0;
        let mut function = 0;
        let mut capitals = 0;
        for token in text.split_whitespace() {
            if !token.chars().any(char::is_alphanumeric) {
                continue;
            }
            words += 1;
            if token.chars().any(char::is_alphabetic) {
                lettered += 1;
                if is_function_word(token) {
                    function += 1;
                }
                if token.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase) {
                    capitals += 1;
                }
            }
        }
        let share = |n: usize| if lettered == 0 { 0.0 } else { n as f32 / lettered as f32 };
        let core = text.trim_end_matches(['"', '\'', ')', ']', '»', '“', '”', '’', ' ']);
        Features {
            words,
            chars: text.chars().count(),
            ends_sentence: core.ends_with(['.', '!', '?']),
            function_share: share(function),
            capital_share: share(capitals),
            separators: MENU_SEPARATORS.iter().map(|s| text.matches(s).count()).sum(),
            has_comma: text.contains(','),
            numbers: words - lettered,
            ends_ellipsis: core.ends_with("..."),
            starts_upper: text
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| c.is_uppercase() || c.is_numeric()),
        }
    }

    /// Running prose: long enough and built like a sentence. This alone keeps a line.
    pub fn is_prose(&self) -> bool {
        (self.words >= 8 && self.ends_sentence && self.function_share >= 0.2)
            || (self.words >= 15 && self.function_share >= 0.25)
            || (self.words >= 30 && self.function_share >= 0.15)
    }

    /// A short sentence ("Especially Lee.", "Thanks, that worked!"): kept unless the lines
    /// around it are page furniture.
    pub fn is_sentence_like(&self) -> bool {
        let one_word = self.words == 1 && self.starts_upper && !self.ends_ellipsis;
        self.ends_sentence && (self.words >= 2 || one_word) && (self.function_share > 0.0 || self.words <= 4)
    }

    /// A phrase in lower case ("2 carrots, diced", "juice of half a lemon"): an item of a list in
    /// the article. Menus and links are capitalized item by item.
    pub fn is_lowercase_phrase(&self) -> bool {
        self.words >= 3 && self.capital_share <= 0.34 && self.separators == 0
    }

    /// Share of the words that are numbers: scoreboards, ratings, timetables.
    pub fn is_number_heavy(&self) -> bool {
        self.numbers * 5 >= self.words.max(1)
    }

    /// A subheading: short, capitalized, no sentence ending and no comma.
    pub fn is_heading_like(&self) -> bool {
        // Four or more capitalized words with no small word between them are a row of links
        // ("Facebook Twitter Email Print"), not a subheading.
        let link_row = self.words >= 4 && self.function_share == 0.0 && self.capital_share >= 0.99;
        (1..=10).contains(&self.words)
            && self.starts_upper
            && !self.ends_sentence
            && !self.has_comma
            && self.separators == 0
            && !link_row
    }

    /// A menu or breadcrumb: items separated by bars or arrows, or a row of capitalized words
    /// with no small words between them.
    pub fn is_menu_like(&self) -> bool {
        (self.separators >= 2 && !self.ends_sentence)
            || (self.separators >= 1 && self.words <= 12 && !self.ends_sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_has_function_words_and_an_ending() {
        let f = Features::of("The council said it would apply to the national fund for help with the extra cost.");
        assert!(f.is_prose());
        assert!(f.function_share > 0.3);
        assert!(!Features::of("Home News Sport Weather Business Culture Travel Opinion").is_prose());
    }

    #[test]
    fn german_prose_counts_as_prose() {
        let f = Features::of("Der Stadtrat hat am Dienstag beschlossen, mehr Radwege in der Innenstadt zu bauen.");
        assert!(f.is_prose(), "{f:?}");
    }

    #[test]
    fn menus_and_headings_are_told_apart() {
        assert!(Features::of("Home | News | Sport").is_menu_like());
        assert!(!Features::of("Counting the animals").is_menu_like());
        assert!(Features::of("Counting the animals").is_heading_like());
        assert!(!Features::of("From the wiki, the free encyclopedia").is_heading_like());
        assert!(!Features::of("Facebook Twitter Email Print").is_heading_like());
        assert!(Features::of("About Brightfield Energy").is_heading_like());
    }

    #[test]
    fn short_sentences_are_sentence_like() {
        assert!(Features::of("Especially Lee.").is_sentence_like());
        assert!(Features::of("\"Why not?\"").is_sentence_like());
        assert!(!Features::of("Latest Updates:").is_sentence_like());
        assert!(Features::of("\"No.\"").is_sentence_like());
        assert!(!Features::of("Loading...").is_sentence_like());
        assert!(!Features::of("Reply").is_sentence_like());
    }
}
