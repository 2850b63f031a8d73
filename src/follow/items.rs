//! Items: the articles a source lists, and which of them a sync takes.
//!
//! An item is known by its guid, else its link (a key the state file remembers). A sync takes
//! the items not rendered before, newest first, at most `max_new` of them; the article comes
//! from the feed's own text when it is long enough to be the article, else from the linked page.

use super::FullText;

/// Feed text shorter than this (in characters of text, markup left out) is taken for a summary
/// or an excerpt, not the article, when `full_text = "auto"`: the linked page is read instead.
pub const FULL_TEXT_MIN_CHARS: usize = 1000;

/// One article a source lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// The guid, else the link: what the state file remembers.
    pub key: String,
    pub title: Option<String>,
    pub link: Option<String>,
    /// The full content the feed carries (content:encoded, Atom content, content_html), HTML.
    pub content: Option<String>,
    /// The summary or description, HTML.
    pub summary: Option<String>,
    pub author: Option<String>,
    /// When the item was published (RFC 3339), and the same as seconds for ordering.
    pub date: Option<String>,
    pub timestamp: Option<i64>,
}

/// Where an item's article will be read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleText {
    /// HTML the feed carries.
    Feed(String),
    /// The linked page, fetched and read like `readcast render URL`.
    Page(String),
}

impl Item {
    /// Where the article comes from under `mode`; `None` when the item has neither text nor link.
    pub fn article(&self, mode: FullText) -> Option<ArticleText> {
        let page = self.link.clone().map(ArticleText::Page);
        let feed_text = [&self.content, &self.summary]
            .into_iter()
            .flatten()
            .filter(|html| text_length(html) > 0)
            .max_by_key(|html| text_length(html))
            .cloned()
            .map(ArticleText::Feed);
        match mode {
            FullText::Page => page,
            FullText::Feed => feed_text.or(page),
            FullText::Auto => {
                let long = feed_text.as_ref().is_some_and(|t| match t {
                    ArticleText::Feed(html) => text_length(html) >= FULL_TEXT_MIN_CHARS,
                    ArticleText::Page(_) => false,
                });
                if long { feed_text } else { page.or(feed_text) }
            }
        }
    }
}

/// The characters of text in `html`, tags left out (a cheap measure, not a reader).
pub fn text_length(html: &str) -> usize {
    let mut inside = false;
    let mut count = 0;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside && !c.is_whitespace() => count += 1,
            _ => {}
        }
    }
    count
}

/// Drop items whose key came before (a feed that repeats a guid lists one article), keeping the
/// first; then order newest first (items without a date keep their place after dated ones).
pub fn dedup_newest_first(items: Vec<Item>) -> Vec<Item> {
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<Item> = items.into_iter().filter(|item| seen.insert(item.key.clone())).collect();
    kept.sort_by_key(|item| std::cmp::Reverse(item.timestamp.unwrap_or(i64::MIN)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(content: Option<&str>, link: Option<&str>) -> Item {
        Item {
            key: "k".into(),
            content: content.map(str::to_string),
            link: link.map(str::to_string),
            ..Item::default()
        }
    }

    #[test]
    fn long_feed_text_is_the_article_short_text_sends_to_the_page() {
        let long = format!("<p>{}</p>", "word ".repeat(300));
        const PAGE: &str = "http://127.0.0.1/a";
        let page = Some(PAGE);
        assert_eq!(item(Some(&long), page).article(FullText::Auto), Some(ArticleText::Feed(long.clone())));
        assert_eq!(item(Some("<p>A teaser.</p>"), page).article(FullText::Auto), Some(ArticleText::Page(PAGE.into())));
        assert_eq!(item(Some(&long), page).article(FullText::Page), Some(ArticleText::Page(PAGE.into())));
        // Without a link, short text is all there is.
        assert_eq!(
            item(Some("<p>Short.</p>"), None).article(FullText::Auto),
            Some(ArticleText::Feed("<p>Short.</p>".into()))
        );
        assert_eq!(item(None, None).article(FullText::Auto), None);
        assert_eq!(item(Some("<p> </p>"), None).article(FullText::Feed), None);
    }

    #[test]
    fn duplicates_go_and_the_newest_come_first() {
        let at = |key: &str, t: Option<i64>| Item { key: key.into(), timestamp: t, ..Item::default() };
        let kept = dedup_newest_first(vec![at("a", Some(1)), at("b", Some(3)), at("a", Some(9)), at("c", None)]);
        let keys: Vec<&str> = kept.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["b", "a", "c"]);
    }
}
