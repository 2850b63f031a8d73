//! Line rules for page furniture: text that surrounds an article on a web page but is not part
//! of it. Each rule has a name that `--explain` prints.
//!
//! These rules look at one line at a time and only fire on strong evidence: each has a length
//! limit, so that a real sentence that happens to mention "subscribe" or "cookies" is still
//! read. They are the first layer only; lines they do not recognise are judged by the evidence
//! scoring in `score.rs` (length, sentence ending, function words, neighbours, position).

use std::sync::LazyLock;

use regex::Regex;

use crate::rule_regex::compile;

use super::features::Features;
use super::rule::Rule;

/// A line of prose this long is a sentence of the article even if it mentions "subscribe".
const PROSE_WORDS: usize = 14;

/// What a furniture line says about the lines after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Only this line is furniture.
    Line,
    /// A header that opens a list of links ("Related", "Read more"): the short lines after it
    /// are links too.
    OpensList,
    /// A header that opens the comments: everything after it is readers' text, not the article.
    OpensComments,
}

struct LineRule {
    name: Rule,
    /// Lines longer than this (in characters) are never dropped by the rule.
    max_len: usize,
    effect: Effect,
    /// The rule does not fire on a long line of prose: its phrases also occur in real sentences.
    spare_prose: bool,
    pattern: Regex,
}

fn rule(name: Rule, max_len: usize, effect: Effect, pattern: &str) -> LineRule {
    let spare_prose = matches!(name, Rule::Appeal | Rule::Footer | Rule::PhotoCredit);
    LineRule { name, max_len, effect, spare_prose, pattern: compile(pattern) }
}

const MONTHS: &str = "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember";
const WEEKDAYS: &str = "mon(day)?|tue(s|sday)?|wed(nesday)?|thu(rs|rsday)?|fri(day)?|sat(urday)?|sun(day)?";

static RULES: LazyLock<Vec<LineRule>> = LazyLock::new(|| {
    use Effect::*;
    let date_word = format!(
        r"(?i:{MONTHS}|{WEEKDAYS}|\d{{1,4}}(st|nd|rd|th)?|\d{{1,2}}[:.]\d{{2}}(:\d{{2}})?|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|[ap]\.?m\.?|gmt|utc|bst|cet|est|pst|uhr|h|on|at|um|am|le|ago|today|yesterday|(minutes?|hours?|days?|weeks?|months?|years?|mins?|hrs?))"
    );
    let date_prefix = r"(?i:(published|updated|posted|modified|edited|first published|last updated|last modified|date|veröffentlicht|aktualisiert|publié|publicado)\s*(on|at|am|le)?\s*:?\s*)?";
    [
        rule(Rule::SkipLink, 80, Line, r"(?i)\bskip (to|navigation)\b|\bjump to (main |the )?(content|navigation|search|recipe|comments)\b|^zum inhalt springen$|^aller au contenu$"),
        rule(Rule::LinkStub, 120, Line, r"([(\[]|→|»|›|>>)\s*$"),
        rule(
            Rule::CookieNotice,
            400,
            Line,
            r"(?i)\b(use|uses|using|accept|reject|allow|manage|set|store|view)\s+(all\s+|additional\s+|essential\s+|optional\s+|necessary\s+|analytics\s+|our\s+|some\s+)?cookies\b|\bcookies?\s+(on|settings|policy|preferences|consent|notice|banner)\b|\bcookies?\b.*\b(browser|website|analytics|tracking|third[- ]party)\b|\bcookie (settings|policy|preferences|notice|consent)\b|\b(accept|reject|manage|allow)( all)? cookies\b|\buse of cookies\b|^cookies$|\byour browser is (out of date|not supported)\b|\bupdate your browser\b|\benable javascript\b",
        ),
        rule(Rule::Advertisement, 60, Line, r"(?i)^(advertisement|advertising|advert|ad|ads|sponsored( content)?|promoted|paid content|anzeige|werbung|publicité|publicidad|pubblicità|(story|article) continues below( advertisement)?)\s*:?$"),
        rule(Rule::Interface, 60, Line, r"(?i)^(close|close (this )?(window|dialog|menu|ad)|(load|show|see|view) (more|less|all)|loading( content)?(\.\.\.|…)?|expand|collapse|(play|pause|mute|unmute)( video)?|back to top|this (slideshow|video|content|feature) requires javascript\.?|tell us what you think(\.\.\.|…|!|\.)?|click here for more (information|details)\.?|continue reading( the (main )?story)?)$"),
        rule(Rule::CaptionLabel, 40, Line, r"(?i)^((image|photo|picture)\s+)?caption\s*[,:]?\s*$"),
        rule(
            Rule::PhotoCredit,
            200,
            Line,
            r"(?i)^(photo(graph)?s?|images?|pictures?|illustrations?|credits?|video|foto|bild|caption)\s*(:|by\b)|^(image|photo|picture) source\s*[,:]|\b(photo|image|picture|illustration)\s+(credit|by|courtesy)\b|\bcredit:\s*\S|\b(getty images|shutterstock|reuters|ap photo|afp|alamy|istock(photo)?|unsplash|dpa|epa)\b\s*\)?$|\blogo\s*$",
        ),
        // A caption that ends with its credit ("... Cross Street. Photograph: Tom Ridley"),
        // however long the caption is.
        rule(Rule::CreditLine, 400, Line, r"(?i)\b(photo(graph)?|picture|image|illustration|credit)\s*:\s*\p{Lu}[\p{L}.'-]*(\s+\p{Lu}[\p{L}.'-]*){0,3}\s*(/\s*[\p{L}. ]+)?\s*[)\]]?\s*$"),
        // A caption printed with its label in front ("Image caption Jane Doe at the launch",
        // "FILE PHOTO: Traders on the floor ...", "Image: ..."), however long: a credit alone was
        // named above, so what is left after the label is the caption's sentence.
        rule(Rule::PhotoCaption, 400, Line, r"(?i)^(image|media|photo|picture|video) caption\s+\S|(?-i)^FILE (PHOTO|IMAGE)\s*:|(?i)^(image|photo|picture)\s*:\s*\S"),
        rule(
            Rule::ReadMore,
            120,
            OpensList,
            r"(?i)^(read (more|next|also)|related( articles| stories| content| links| pages| posts| reading| coverage)?|recommended( for you| stories| reading)?|more (on|from|like|about) (this|these|the)\b.*|more in .*|more stories|more from .*|you (may|might) (also )?(like|enjoy|be interested in)|see also|most (read|popular|viewed|shared|commented)|trending( now)?|also read|further reading|explore more.*|around the .*|what to read next|popular (now|stories)|mehr zum thema|das könnte sie auch interessieren|lire aussi|à lire aussi|leer más|topics|related topics|top stories|latest (news|stories)|more \p{L}+|elsewhere (on|in) .*)\s*:?\s*$",
        ),
        rule(Rule::ReadMoreLink, 200, Line, r"(?i)^(read (more|next|also)|more|see|watch|listen|related|explore)\s*:\s*\S"),
        rule(Rule::TableOfContents, 40, OpensList, r"(?i)^(table of )?contents\s*:?\s*$|^in this (article|story|post|guide)\s*:?\s*$|^(jump|skip) to( section)?\s*:?\s*$|^inhalt(sverzeichnis)?$|^sommaire$"),
        rule(Rule::SiteTagline, 120, Line, r"(?i)^from \S+( \S+)?, the free\b"),
        // "0 Comments", "Comments (0)", "No comments yet": a count of none opens nothing (it
        // stands between a byline and the article on some sites).
        rule(Rule::Comments, 40, Line, r"(?i)^(0|no)\s+(comments?|responses?|replies)( yet)?\s*:?$|^(comments?|responses?|replies)\s*\(\s*0\s*\)\s*:?$"),
        rule(
            Rule::Comments,
            120,
            OpensComments,
            r#"(?i)^[\[(]?\s*(\d[\d,.]*\s+)?((top|highest)[- ]rated |user |visitors?'? |readers?'? |featured |newest |all )?(comments?|responses?|replies|reader comments|discussion|tributes?|condolences|reactions|guestbook|reader reviews)\s*(\(\s*\d[\d,.]*\s*\))?\s*:?\s*[\])]?$|^comment on this (article|story|post)\b|^commenting (rules|guidelines|policy)$|^(want to )?join (the )?discussion\b|^\d[\d,.]*\s+(thoughts?|responses?|comments?|replies|tributes?) (on|to|for)\b|^(leave|post|add|write|share|submit) (a |your )?(reply|comment|response|tribute|condolence|message)s?\b|^discussion about this (post|article|story)\b|^have your say\b|^what do you think\?$|^join the (discussion|conversation)\b|^(show|view|load|see) (all )?(\d+ )?comments\b|^kommentare\s*(\(\d+\))?$|^commentaires$"#,
        ),
        rule(
            Rule::CommentMeta,
            100,
            Line,
            r"(?i)^(reply|quote|report( abuse)?|like|likes|top|back to top|permalink|flag|share|recommend(ed)?\s*\d*|\d[\d,.]*\s+(likes?|replies|points|upvotes|votes)|load more( comments| replies)?|show (more|replies)|view (more )?replies|(posts|messages|joined|location|reputation):\s*.*|post(ed)? by\b.*|.*\s»\s.*\d{4}.*|\d+\s+(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago)$",
        ),
        rule(Rule::Byline, 120, Line, r"^(By|BY|Von|Par|Por|Door|Di|Written by|Words by)\s+\p{Lu}[\p{L}'.-]+(\s+(\p{Lu}[\p{L}'.-]+|and|&|de|van|von))*\s*([,|–—-]\s*(?:[^.!?]|\b[ap]\.m\.)*|\s+(at|in|on|for|published|updated|posted)\b(?:[^.!?]|\b[ap]\.m\.)*)?$|^\p{Lu}[\p{L}'.-]+(\s+\p{Lu}[\p{L}'.-]+){1,3},\s+[\p{L} ]{0,40}\b(?i:writer|reporter|editor|correspondent|columnist|contributor)s?$"),
        rule(Rule::Date, 120, Line, &format!(r"^[-–—|•·\s]*{date_prefix}(\p{{L}}+\s+)?(by\s+[\p{{L}}.' -]+\s+)?({date_word}[\s,.:/|·•-]*)*({date_word})[\s,.:/|·•-]*(by\s+[\p{{L}}.' -]+)?$")),
        rule(
            Rule::Appeal,
            160,
            Line,
            r"(?i)\b(donat(e|ing|ion)|subscribe|unsubscribe|sign (up|in)|signed up|log ?in|register|newsletter|support (us|our)|become a (member|patron|subscriber)|keep [a-z ]+ going|follow us|share (this|on|the|via|article|story|page)|pin (it|this)|tag us|tag @|download (our|the) app|get the app|view (this email|it|in) (in )?(your |a )?browser|forwarded this email|update (your )?preferences|receiving this email|email address will not be published|required fields are marked|save my name|print (recipe|this)|was this (page|article) helpful|is this page useful|report a problem|inbox|free (articles?|stories) left|create (an |your )?account|gift this (article|story)|bookmark|save (this )?(article|story|for later)|support (independent|quality|local|our) journalism|readers like you|give (now|once|monthly)|make a (donation|contribution)|become a supporter|thanks for reading|send your story ideas|enter your (email|e-mail)( address)?|^((share|facebook|twitter|linkedin|e-?mail|print|reddit|whatsapp|pinterest|flipboard|messenger|tumblr|copy( link)?|sms)\s*)+$|registered charity|listen to this (article|story|episode)|^help us\b|follow [\p{L}' ]{1,40} on (facebook|twitter|x|instagram|tiktok|linkedin|youtube|threads|bluesky|mastodon))\b|[$€£]\s?\d+ (could|can|will) (pay|buy|fund|provide|give)\b",
        ),
        rule(
            Rule::Shopping,
            250,
            Line,
            r"(?i)\baffiliate\b|\b(earn|receive) (a |an )?(small )?(affiliate )?commission\b|\bcheck (the )?price\b|\bbuy (it )?now\b|\bprice when reviewed\b|\bsee (all )?(prices|deals)\b|\bbest .* deals\b|^\W?[$€£]\s?\d[\d,.]*\s+at\s+\S+|\bbook (now|online|a tour|a guided)\b|\b(book|buy|get) (your )?tickets (now|today|here|online)\b|\bcheck (prices|availability)\b|\bshop now\b|^shop (the|our|this)\b",
        ),
        rule(
            Rule::Footer,
            250,
            Line,
            r"(?i)(©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|\bprivacy (policy|notice|statement|settings)\b|\bterms (of (use|service)|and conditions|& conditions)\b|\bpowered by\b|\bimpressum\b|\bdatenschutz\b|\bthis page was last (edited|modified|updated)\b|\baccessibility (statement|help|tools)\b|\bsitemap\b|\b(this|the) (article|story|piece) (first |originally )?appeared in\b|\b(edited|condensed) for (length|clarity)\b|^(this|the) (article|story|piece|interview) was (first |originally )?published\b|^additional reporting by\b|\bmaterials provided by\b|\bcontent may be edited\b|^(this|the) (story|article|reporting|project|series|piece) (was|is) (supported|funded|produced|made possible) (by|with|in partnership)\b|\bis part of .* (media|group|network)\b)",
        ),
        rule(
            Rule::Metadata,
            400,
            Line,
            r"(?i)^(our |the )?verdict\s*:.*\b\d(\.\d)?\s*(out of|/)\s*\d+\b|^\d(\.\d)?\s*(out of|/)\s*\d+\s*stars?$|^(source|date|dateline|summary|author|authors|published|updated|posted|location|price|address|opening hours|open|hours|rating|score|contact|doi|journal reference|story source|cite this page|reading time|read time|length|duration|section|credits?|editor|edited by|photographer|category|categories|filed under|isbn|publisher)\s*:",
        ),
        rule(Rule::Tags, 250, Line, r"(?i)^(tags?|tagged( with)?|categories|category|filed under|topics|keywords|schlagworte|themen)\s*:"),
        rule(Rule::Contact, 100, Line, r"(?i)^(media contact|press contact|press office|contact( us| details)?|telephone|tel|phone|fax|e-?mail|address)\b\s*:?\s*[\d\s()+-]*$|^(media contact|press contact|telephone|tel|phone|fax|e-?mail)\s*:"),
        rule(Rule::Reference, 300, Line, r"^\^\s|^\[\d+\]\s|^(Retrieved|Archived) (from|on)\b|^\d+\.\s*\^"),
        rule(Rule::NoWords, 200, Line, r"^[^\p{L}]*$"),
        rule(Rule::UrlOnly, 300, Line, r"(?i)^\s*(\d+\.\s+)?((https?://|www\.|file:/)\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+)\s*$"),
    ]
    .into()
});

/// In a long line of prose, an appeal only counts when it speaks to the reader: a sentence that
/// opens with the request ("Subscribe for free…"), or thanks for reading.
static STRONG_APPEAL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(^|[.!?]\s+)(subscribe|sign up|donate|follow us|follow [\p{L}' ]{1,40} on (facebook|twitter|x|instagram)|share this|support (us|our|my)|join (us|our)|register|log in|give (now|once|monthly))\b|(^|[.!?]\s+)(get|receive|want|need|join|start your day|let our)\b[^.!?]{0,120}?(\?\s+)?[^.!?]{0,80}?\b(inbox|newsletters?|subscriptions?|subscribe|alerts|delivered|forums?|sister (publication|title|site))\b|\bwe('ll| will)? send (you )?an? (e-?mail|newsletter)\b|\bthanks for reading\b|\breaders like you\b|\bsupport (my|our) work\b|^[$€£]\s?\d+ (could|can|will) (pay|buy|fund|provide|give)\b",
    )
});

/// The longest line a strong appeal (see `STRONG_APPEAL`) is dropped whole.
const STRONG_MAX_LEN: usize = 400;

/// A long line that opens with a copyright notice, or says all rights are reserved, is a footer.
static STRONG_FOOTER: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)^\s*(©|\(c\)|copyright\b)|\ball rights reserved\b"));

static AUTHOR_BIO: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(\p{Lu}[\p{L}'.-]+\s+){1,3}((is|was) (an? |the )?([\p{L}-]+ ){0,4}(writer|journalist|reporter|photographer|editor|author|correspondent|columnist|critic|producer|contributor|illustrator|novelist|poet)\b|(covers|writes about|reports on) [\p{L} ,]+\.?$)",
    )
});

/// "Jane Doe is a writer based in Bristol.": a line about the author, furniture when it comes
/// after the article (judged by the caller, who knows where the article ends).
pub fn is_author_bio(line: &str) -> bool {
    AUTHOR_BIO.is_match(line.trim())
}

/// Phrases of legal text: disclaimers, trademark notices, personal data and privacy notices.
static LEGAL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(registered )?trademarks? of\b|\bregistered trademarks?\b|\bfor (general )?informational purposes only\b|\bnot intended to (diagnose|treat|replace|be a substitute|provide)\b|\b(consult|ask) your (physician|doctor|health ?care provider)\b|\bpersonal (data|information)\b|\bprivacy (policy|notice|statement|settings)\b|\bterms (of (use|service)|and conditions|& conditions)\b|\ball rights reserved\b|\bproprietary to\b|\bwithout (prior )?notice\b|\bgeneral data protection regulation\b|\bgdpr\b|\b(is|are) licensed (to|by|for)\b|\bwithout (the )?(express )?(written )?permission\b|\bno (part|portion) (of|may)\b|\bfair (dealing|use)\b|\bmay not be (published|broadcast|rewritten)\b|\bmay not be (reproduced|copied|republished|redistributed)\b|\bcopyright\b|©|\bdisclaimer\b|\bin violation of (these|our|the) (rules|terms)\b|\b(i|you) agree to\b|\bby (using|continuing|clicking)\b|\b(market )?data (is )?(provided|delayed) by\b|\bdelayed (by )?(at least )?\d+ minutes\b",
    )
});

/// How many different legal phrases `line` holds.
pub fn legal_phrases(line: &str) -> usize {
    let found: std::collections::HashSet<String> = LEGAL.find_iter(line).map(|m| m.as_str().to_lowercase()).collect();
    found.len()
}

/// The rule that drops `line`: its name and effect, or `None` when no rule fires.
pub fn rule_for(line: &str) -> Option<(Rule, Effect)> {
    let trimmed = line.trim();
    let len = trimmed.chars().count();
    let features = Features::of(trimmed);
    let long_prose = features.is_prose() && features.words >= PROSE_WORDS;
    RULES
        .iter()
        .find(|rule| {
            let strong = match rule.name {
                Rule::Appeal => STRONG_APPEAL.is_match(trimmed),
                Rule::Footer => STRONG_FOOTER.is_match(trimmed),
                _ => false,
            };
            let spared = rule.spare_prose && long_prose && !strong;
            // A sentence that opens with the request is an appeal however long the box around it.
            let fits = len <= rule.max_len || (strong && rule.name == Rule::Appeal && len <= STRONG_MAX_LEN);
            fits && !spared && (strong || rule.pattern.is_match(trimmed))
        })
        .map(|rule| (rule.name, rule.effect))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(line: &str) -> Option<Rule> {
        rule_for(line).map(|(name, _)| name)
    }

    #[test]
    fn a_rights_notice_holds_enough_legal_phrases_to_be_legal_inside_the_article() {
        let notice = "Copyright 2024 Harbour Gazette. Save for fair dealing in a review, no part may be \
                      copied without written permission from the editor.";
        assert!(legal_phrases(notice) >= 3, "{}", legal_phrases(notice));
        assert!(legal_phrases("Our photographs may not be published on other sites.") >= 1);
        // An article that reports on a notice uses one phrase at most.
        assert!(legal_phrases("The court said the photograph was fair use, and the case was closed.") <= 1);
    }

    #[test]
    fn furniture_lines_are_dropped_with_their_rule() {
        assert_eq!(name("Press \"Tab\" to skip to navigation"), Some(Rule::SkipLink));
        assert_eq!(name("Watch Live + Replay ("), Some(Rule::LinkStub));
        assert_eq!(name("Please consider donating to keep us independent"), Some(Rule::Appeal));
        assert_eq!(name("— 3 —"), Some(Rule::NoWords));
        assert_eq!(name("https://example.com/a/b"), Some(Rule::UrlOnly));
        assert_eq!(name("press@example.org"), Some(Rule::UrlOnly));
        assert_eq!(name("  12. https://example.org/about"), Some(Rule::UrlOnly));
        assert_eq!(
            name("We use cookies to improve your experience. By continuing you agree."),
            Some(Rule::CookieNotice)
        );
        assert_eq!(name("Advertisement"), Some(Rule::Advertisement));
        assert_eq!(name("Close"), Some(Rule::Interface));
        assert_eq!(name("Loading content..."), Some(Rule::Interface));
        assert_eq!(name("This slideshow requires JavaScript."), Some(Rule::Interface));
        assert_eq!(name("Continue reading the main story"), Some(Rule::Interface));
        assert_eq!(name("Continue reading the main story about the harbour"), None);
        assert_eq!(name("Close the gates at dusk, the council said."), None);
        assert_eq!(name("Photo: Jo Bloggs/Getty Images"), Some(Rule::PhotoCredit));
        assert_eq!(name("Image caption,"), Some(Rule::CaptionLabel));
        assert_eq!(
            name("Image caption The harbour master at the opening of the new wall on Tuesday"),
            Some(Rule::PhotoCaption)
        );
        assert_eq!(
            name(
                "FILE PHOTO: Fishing boats moored in the harbour at dawn, as the council debates the repairs, March 4, 2024."
            ),
            Some(Rule::PhotoCaption)
        );
        assert_eq!(
            name("File photos of the harbour show how far the wall has moved since the storm of last winter."),
            None
        );
        assert_eq!(name("Image source, Getty Images"), Some(Rule::PhotoCredit));
        assert_eq!(
            name("Follow BBC Devon on Facebook, X, and Instagram. Send your story ideas to spotlight@bbc.example."),
            Some(Rule::Appeal)
        );
        // A sentence that opens with the offer of a newsletter or a subscription is an appeal,
        // however long its box; a sentence that only mentions one is read.
        assert_eq!(name("Get the harbour's top stories delivered to your inbox every morning."), Some(Rule::Appeal));
        assert_eq!(
            name(
                "Want more boats? Get a subscription to our sister title Harbour Monthly for the latest news from the quays, the moorings and the yards, with a free tide table in every issue and a discount on the annual regatta for every reader who signs up before the spring."
            ),
            Some(Rule::Appeal)
        );
        assert_eq!(name("Every day we send an email with the best of the week's harbour news."), Some(Rule::Appeal));
        assert_eq!(
            name("Residents can get flood alerts by text from the council, which says the new system is faster."),
            None
        );
        assert_eq!(name("A heron at dawn. Credit: Sam Lee"), Some(Rule::PhotoCredit));
        assert_eq!(name("The harbour ferry at dawn. (Photo: Jan Kowal)"), Some(Rule::CreditLine));
        assert_eq!(
            name(
                "The library on Cross Street, which the council has agreed to open on Sundays from next month. Photograph: Tom Ridley"
            ),
            Some(Rule::CreditLine)
        );
        assert_eq!(name("Related stories"), Some(Rule::ReadMore));
        assert_eq!(name("Read more: The beavers of the north"), Some(Rule::ReadMoreLink));
        assert_eq!(name("Contents"), Some(Rule::TableOfContents));
        assert_eq!(name("Read the full report →"), Some(Rule::LinkStub));
        assert_eq!(name("Comments (14)"), Some(Rule::Comments));
        assert_eq!(name("3 thoughts on \"My loaf\""), Some(Rule::Comments));
        assert_eq!(name("Leave a Reply"), Some(Rule::Comments));
        assert_eq!(name("Tributes (23)"), Some(Rule::Comments));
        assert_eq!(name("This interview has been edited for length and clarity."), Some(Rule::Footer));
        assert_eq!(name("Shop the look at Example"), Some(Rule::Shopping));
        assert_eq!(name("Listen to this article"), Some(Rule::Appeal));
        assert_eq!(name("By Jane Doe - 11/18/19 11:04 PM EST"), Some(Rule::Byline));
        assert_eq!(name("Jane Doe, Harbour Times Staff Writer"), Some(Rule::Byline));
        assert_eq!(name("Facebook Twitter LinkedIn"), Some(Rule::Appeal));
        assert_eq!(name("More in Town Council"), Some(Rule::ReadMore));
        assert_eq!(name("Our verdict: 4 out of 5 stars"), Some(Rule::Metadata));
        assert_eq!(name("4.5 out of 5 stars"), Some(Rule::Metadata));
        assert_eq!(
            name("We'd like to use additional cookies to understand how you use the service."),
            Some(Rule::CookieNotice)
        );
        assert_eq!(name("Cookies on this site"), Some(Rule::CookieNotice));
        assert_eq!(name("£25 could pay for a night's stay and a hot meal for one guest."), Some(Rule::Appeal));
        assert_eq!(name("More longreads"), Some(Rule::ReadMore));
        assert_eq!(name("This story was supported by the Local Heritage Fund."), Some(Rule::Footer));
        assert_eq!(
            name("Thanks for reading The Letter! Subscribe for free to receive new posts and support my work."),
            Some(Rule::Appeal)
        );
        assert_eq!(name("Reply"), Some(Rule::CommentMeta));
        assert_eq!(name("5 hours ago"), Some(Rule::CommentMeta));
        assert_eq!(name("By Jane Doe, Science Editor"), Some(Rule::Byline));
        // AP style times and a weekday after "on".
        assert_eq!(name("By Jane Doe on Monday, March 4th, 2024 at 11:04 a.m."), Some(Rule::Byline));
        assert_eq!(name("By Jane Doe, John Roe on Monday, March 4th, 2024 at 9:15 p.m."), Some(Rule::Byline));
        assert_eq!(name("Published 14 March 2024, 07:45 GMT"), Some(Rule::Date));
        assert_eq!(name("Mon Mar 04, 2024 7:55 pm"), Some(Rule::Date));
        assert_eq!(name("12.03.2024, 18:30 Uhr"), Some(Rule::Date));
        assert_eq!(name("© 2024 Example Media Ltd. All rights reserved."), Some(Rule::Footer));
        assert_eq!(name("Tags: bread, baking"), Some(Rule::Tags));
        assert_eq!(
            name(
                "Copyright 2024 Example. All rights reserved. Example is not responsible for the content of external sites."
            ),
            Some(Rule::Footer)
        );
        assert_eq!(name("Source: University of Westmoor"), Some(Rule::Metadata));
        assert_eq!(name("Address: 14 High Street, Kingsbridge"), Some(Rule::Metadata));
        assert_eq!(name("Restaurant review: Salt & Ember, Kingsbridge"), None);
        assert_eq!(name("Check price at Amazon"), Some(Rule::Shopping));
        assert_eq!(name("The Spring Fair returns to the park. Book your tickets today."), Some(Rule::Shopping));
        assert_eq!(name("Telephone: 01234 567890"), Some(Rule::Contact));
        assert_eq!(name("^ Harding, P. (1998). The Wool Towns. p. 41."), Some(Rule::Reference));
    }

    #[test]
    fn author_bio_is_recognised() {
        assert!(is_author_bio("Isla Fernside is a writer based in Bristol. Marco Quint is a photographer."));
        assert!(is_author_bio("Leo Fernandes is a senior audio editor at TechBench."));
        assert!(is_author_bio("Lopez covers weather and climate in Europe."));
        assert!(!is_author_bio("The council is a partner in the scheme."));
    }

    #[test]
    fn comment_header_opens_the_comments() {
        assert_eq!(rule_for("Comments (137)").map(|r| r.1), Some(Effect::OpensComments));
        for header in ["[ 167 comments ]", "Top Rated Comments", "User comments", "Comment on this article"] {
            assert_eq!(rule_for(header).map(|r| r.1), Some(Effect::OpensComments), "{header}");
        }
        for none in ["0 Comments", "Comments (0)", "No comments yet"] {
            assert_eq!(rule_for(none), Some((Rule::Comments, Effect::Line)), "{none}");
        }
        assert_eq!(rule_for("You might also like").map(|r| r.1), Some(Effect::OpensList));
    }

    #[test]
    fn sentences_are_kept() {
        assert_eq!(name("The council met on Tuesday to discuss the budget."), None);
        assert_eq!(name("By Tuesday the harbour had reopened."), None);
        assert_eq!(name("Bake the cookies for twelve minutes, until golden."), None);
        assert_eq!(name("Let the cookies cool before you use a spatula on them."), None);
        assert_eq!(
            name(
                "Residents are still encouraged to sign up for free flood warnings, which are sent by phone, text or email."
            ),
            None
        );
        assert_eq!(name("Latest Updates:"), None);
        let long = "Residents who subscribe to the view that the bridge is safe were surprised by the report, which found cracks in four of the six supports and recommended closing it to heavy traffic until repairs are done in the spring.";
        assert_eq!(name(long), None);
    }
}
