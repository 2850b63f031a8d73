//! What a source's bytes are: a feed (RSS, Atom, JSON Feed, read by feed-rs), an OPML list of
//! feeds (the `opml` crate), or a reading list (see [`super::reading_list`]).
//!
//! A web page at a URL is not a source; when it links a feed with `<link rel="alternate">`
//! the error names that feed. An HTML *file* is a read-later export (Pocket, Instapaper): a
//! list of links.

use super::FollowError;
use super::fetch::Body;
use super::items::Item;
use super::reading_list;

/// A source, read.
#[derive(Debug)]
pub enum Parsed {
    Feed {
        title: Option<String>,
        items: Vec<Item>,
    },
    /// The feeds an OPML file lists: (URL, title).
    Opml(Vec<(String, Option<String>)>),
    /// A reading list: its links as items, and how many lines or entries were not links.
    List {
        items: Vec<Item>,
        junk: usize,
    },
}

/// Read `body`, fetched from `name` (a URL resolves relative links in the feed).
pub fn parse(name: &str, body: &Body) -> Result<Parsed, FollowError> {
    let start = first_text(&body.bytes);
    let ct = body.content_type.to_ascii_lowercase();
    if start.starts_with('<') {
        let head = start.chars().take(2048).collect::<String>().to_ascii_lowercase();
        if head.contains("<opml") {
            return parse_opml(name, &body.bytes);
        }
        let html = ct.contains("html") || head.contains("<html") || head.contains("<!doctype html");
        if html && !head.contains("<rss") && !head.contains("<feed") {
            return parse_page(name, body);
        }
        return parse_feed(name, &body.bytes);
    }
    if start.starts_with('{') && start.contains("jsonfeed.org") {
        return parse_feed(name, &body.bytes);
    }
    let (items, junk) = reading_list::read(name, body)?;
    Ok(Parsed::List { items, junk })
}

/// The text after any byte order mark and leading white space (enough to tell the format).
fn first_text(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    text.trim_start_matches('\u{feff}').trim_start().to_string()
}

fn parse_feed(name: &str, bytes: &[u8]) -> Result<Parsed, FollowError> {
    let base = super::is_remote(name).then_some(name);
    // Without a guid an item is known by its link, else its title: stable from one sync to the next.
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        .id_generator(|links, title, _| match (links.first(), title) {
            (Some(link), _) => link.href.clone(),
            (None, Some(title)) => format!("title:{}", title.content),
            (None, None) => String::new(),
        })
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| FollowError::Malformed { source_name: name.to_string(), reason: e.to_string() })?;
    let site = feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    let items = feed.entries.into_iter().map(item_of).collect();
    Ok(Parsed::Feed { title: site, items })
}

fn item_of(entry: feed_rs::model::Entry) -> Item {
    // An item's own page: the link without a rel, else rel="alternate", else the first.
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let when = entry.published.or(entry.updated);
    Item {
        key: if entry.id.is_empty() { link.clone().unwrap_or_default() } else { entry.id },
        title: entry.title.map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty()),
        link,
        content: entry.content.and_then(|c| c.body),
        summary: entry.summary.map(|s| s.content),
        author: entry.authors.into_iter().find_map(|p| p.name).filter(|n| !n.trim().is_empty()),
        date: when.map(|d| d.to_rfc3339()),
        timestamp: when.map(|d| d.timestamp()),
    }
}

fn parse_opml(name: &str, bytes: &[u8]) -> Result<Parsed, FollowError> {
    let text = String::from_utf8_lossy(bytes);
    let document = opml::OPML::from_str(&text)
        .map_err(|e| FollowError::Malformed { source_name: name.to_string(), reason: e.to_string() })?;
    let mut feeds = Vec::new();
    // Outlines nest (folders of feeds); every one with an xmlUrl is a feed.
    let mut stack: Vec<&opml::Outline> = document.body.outlines.iter().collect();
    while let Some(outline) = stack.pop() {
        if let Some(url) = outline.xml_url.as_deref().map(str::trim).filter(|u| super::is_remote(u)) {
            let title = outline.title.clone().or_else(|| Some(outline.text.clone())).filter(|t| !t.trim().is_empty());
            feeds.push((url.to_string(), title));
        }
        stack.extend(outline.outlines.iter().rev());
    }
    if feeds.is_empty() {
        return Err(FollowError::EmptyList { source_name: name.to_string() });
    }
    feeds.reverse();
    Ok(Parsed::Opml(feeds))
}

/// A web page: a local one is an export of links; a remote one is not a source, but may name
/// its feed.
fn parse_page(name: &str, body: &Body) -> Result<Parsed, FollowError> {
    if body.local {
        let (items, junk) = reading_list::read(name, body)?;
        return Ok(Parsed::List { items, junk });
    }
    let html = String::from_utf8_lossy(&body.bytes);
    match alternate_feed(name, &html) {
        Some(feed) => Err(FollowError::PageWithFeed { source_name: name.to_string(), feed }),
        None => Err(FollowError::NotAFeed { source_name: name.to_string() }),
    }
}

/// The feed a page names with `<link rel="alternate" type="application/rss+xml" href=...>`
/// (or Atom, or JSON Feed), made absolute against the page's URL.
pub fn alternate_feed(page_url: &str, html: &str) -> Option<String> {
    let document = dom_query::Document::from(html);
    let links = document.select("link[rel~=alternate][href]");
    let feed_types = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"];
    let href = links.iter().find_map(|link| {
        let kind = link.attr("type")?.to_ascii_lowercase();
        feed_types.contains(&kind.trim()).then(|| link.attr("href")).flatten()
    })?;
    let base = url::Url::parse(page_url).ok()?;
    base.join(href.trim()).ok().map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str, content_type: &str, local: bool) -> Body {
        Body {
            bytes: text.as_bytes().to_vec(),
            content_type: content_type.into(),
            validators: Default::default(),
            local,
        }
    }

    #[test]
    fn a_page_names_its_feed() {
        let page = r#"<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Hi</body></html>"#;
        let err = parse("http://127.0.0.1:1/blog/", &body(page, "text/html", false)).unwrap_err();
        assert!(err.to_string().contains("http://127.0.0.1:1/feed.xml"), "{err}");
        let plain = "<html><body>Hi</body></html>";
        let err = parse("http://127.0.0.1:1/", &body(plain, "text/html", false)).unwrap_err();
        assert!(matches!(err, FollowError::NotAFeed { .. }));
    }

    #[test]
    fn opml_lists_nested_feeds_in_order() {
        let opml = r#"<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body>
            <outline text="A" xmlUrl="http://127.0.0.1:1/a.xml"/>
            <outline text="Folder"><outline text="B" title="Bee" xmlUrl="http://127.0.0.1:1/b.xml"/></outline>
            </body></opml>"#;
        let Parsed::Opml(feeds) = parse("subs.opml", &body(opml, "text/x-opml", true)).unwrap() else { panic!("opml") };
        assert_eq!(
            feeds,
            [
                ("http://127.0.0.1:1/a.xml".to_string(), Some("A".to_string())),
                ("http://127.0.0.1:1/b.xml".into(), Some("Bee".into()))
            ]
        );
    }

    #[test]
    fn a_broken_feed_is_malformed() {
        let err =
            parse("http://127.0.0.1:1/f", &body("<rss><channel><item>", "application/rss+xml", false)).unwrap_err();
        assert!(matches!(err, FollowError::Malformed { .. }), "{err}");
    }

    #[test]
    fn rss_items_keep_guid_else_link() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title><link>http://127.0.0.1:1/</link><description>d</description>
            <item><title>One</title><guid>g-1</guid><link>http://127.0.0.1:1/one</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>
            <item><title>Two</title><link>http://127.0.0.1:1/two</link></item>
            </channel></rss>"#;
        let Parsed::Feed { title, items } =
            parse("http://127.0.0.1:1/f", &body(rss, "application/rss+xml", false)).unwrap()
        else {
            panic!("feed")
        };
        assert_eq!(title.as_deref(), Some("Site"));
        assert_eq!(items[0].key, "g-1");
        assert_eq!(items[1].key, "http://127.0.0.1:1/two");
        assert!(items[0].date.as_deref().is_some_and(|d| d.starts_with("2026-03-02")));
    }
}
