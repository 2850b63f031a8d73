//! The rules that drop a line, by name. `readcast script --explain` prints the name of the rule
//! that dropped each line; the code names a rule by its variant, so a misspelt rule is a compile
//! error rather than a rule that silently never matches.

/// Declares [`Rule`] with the name `--explain` prints for each variant, and [`Rule::ALL`].
macro_rules! rules {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// A rule that drops a line from the article.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $($(#[$doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in the order they are declared.
            pub const ALL: &[Rule] = &[$(Rule::$variant,)*];

            /// The name `--explain` prints ("photo-credit").
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Rule::$variant => $name,)*
                }
            }
        }
    };
}

rules! {
    // Line rules (`furniture`): the wording of one line.
    /// "Skip to content".
    SkipLink => "skip-link",
    /// A line that ends in a bracket or arrow left by a link ("Read the full report →").
    LinkStub => "link-stub",
    /// A cookie banner or a browser warning.
    CookieNotice => "cookie-notice",
    /// "Advertisement", "Sponsored".
    Advertisement => "advertisement",
    /// "Image caption," standing alone.
    CaptionLabel => "caption-label",
    /// "Photo: Jo Bloggs/Getty Images".
    PhotoCredit => "photo-credit",
    /// A caption that ends with its credit.
    CreditLine => "credit-line",
    /// A header over a list of links ("Related stories").
    ReadMore => "read-more",
    /// "Read more: ..." with the link on the same line.
    ReadMoreLink => "read-more-link",
    /// "Contents" over a table of contents.
    TableOfContents => "table-of-contents",
    /// A site's tagline ("From Wikipedia, the free encyclopedia").
    SiteTagline => "site-tagline",
    /// A header that opens the comments.
    Comments => "comments",
    /// A line around a comment ("Reply", "5 hours ago").
    CommentMeta => "comment-meta",
    /// "By Jane Doe".
    Byline => "byline",
    /// A line that is only a date or time.
    Date => "date",
    /// An appeal to subscribe, donate, share or follow.
    Appeal => "appeal",
    /// Shopping links and affiliate notices.
    Shopping => "shopping",
    /// Copyright, terms, privacy and "first published in" notices.
    Footer => "footer",
    /// "Source: ...", "Published: ...".
    Metadata => "metadata",
    /// "Tags: ...".
    Tags => "tags",
    /// "Telephone: ...".
    Contact => "contact",
    /// A footnote or reference ("^ Harding, P. (1998)").
    Reference => "reference",
    /// A line without a letter.
    NoWords => "no-words",
    /// A line that is only a web or e-mail address.
    UrlOnly => "url-only",
    /// A control of the page read as text: "Close", "Load more", "Loading...".
    Interface => "interface",

    // Evidence rules (`score`): the line's shape and its neighbours.
    /// A line that is mostly links.
    Links => "links",
    /// A line shaped like a menu.
    Menu => "menu",
    /// Everything after a comments header.
    CommentSection => "comment-section",
    /// The short lines under a "Related" header.
    LinkList => "link-list",
    /// The caption next to a photo credit.
    PhotoCaption => "photo-caption",
    /// A short line printed more than once on the page.
    RepeatedLine => "repeated-line",
    /// A short line among paragraphs that does not read like the article.
    ShortLine => "short-line",
    /// Short lines with furniture on both sides.
    BetweenFurniture => "between-furniture",
    /// A small island of text after the article ends.
    AfterArticle => "after-article",
    /// A line about the author after the last paragraph.
    AuthorBio => "author-bio",
    /// Text after a line about the author inside the article's run: the article ended there
    /// (a grid of other stories, a video strip that the run went on into).
    AfterAuthor => "after-author",
    /// A line above the headline.
    BeforeTitle => "before-title",
    /// Prose outside the article's run under a headline of its own: a teaser of another story.
    Teaser => "teaser",
    /// Legal text (disclaimer, trademarks, personal data): two legal phrases anywhere, or one
    /// outside the article's run.
    Legal => "legal",
    /// Prose far outside the article's run, with only furniture around it.
    OutsideArticle => "outside-article",
    /// A summary under the headline that a byline or date below signs (the standfirst): the
    /// article's body starts under the signature.
    Standfirst => "standfirst",
    /// A unit the rules left to judgement that the learned line model does not take for the
    /// article (`--explain` adds its strongest reasons).
    Model => "model",

    // The headline and text printed twice (`title`, `dedup`).
    /// The headline, read as the episode's title.
    Title => "title",
    /// Another copy of the headline.
    RepeatedTitle => "repeated-title",
    /// A block whose text the article already holds (a pull quote).
    RepeatedText => "repeated-text",
}

impl Rule {
    /// A rule that names by its wording what is never the article, whatever page it is on: it
    /// applies to the text of an HTML page's article element too.
    pub fn is_exact_wording(self) -> bool {
        matches!(
            self,
            Rule::SkipLink
                | Rule::CookieNotice
                | Rule::Appeal
                | Rule::Shopping
                | Rule::Footer
                | Rule::Legal
                | Rule::Date
                | Rule::Byline
                | Rule::PhotoCredit
                | Rule::CaptionLabel
                | Rule::Advertisement
                | Rule::ReadMoreLink
                | Rule::Tags
                | Rule::ReadMore
                | Rule::Comments
                | Rule::Interface
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_lowercase_words() {
        let names: std::collections::HashSet<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(names.len(), Rule::ALL.len());
        for name in names {
            assert!(
                !name.is_empty() && name.split('-').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())),
                "{name}"
            );
        }
    }
}
