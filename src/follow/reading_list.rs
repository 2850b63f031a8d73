//! Reading lists: article links, one per line, or the files read-later apps export.
//!
//! - a plain list: one URL a line; blank lines and `#` comments are passed over, any other line
//!   that is not an http(s) URL is counted as junk;
//! - CSV (Pocket's and Instapaper's exports): the column headed `url`, titles from `title`;
//! - JSON (Wallabag's and Omnivore's exports): an array of objects with a `url`, and `title`
//!   and `content` (Wallabag keeps the article's HTML there, used as the feed's own text);
//! - HTML (Pocket's older export, Instapaper's, browser bookmarks): every http(s) link.

use super::FollowError;
use super::fetch::Body;
use super::items::Item;

/// The list's links as items, and how many entries were not links.
pub fn read(name: &str, body: &Body) -> Result<(Vec<Item>, usize), FollowError> {
    let text = String::from_utf8_lossy(&body.bytes);
    let text = text.trim_start_matches('\u{feff}');
    let ct = body.content_type.to_ascii_lowercase();
    let start = text.trim_start();
    let (items, junk) = if ct.contains("html") || start.starts_with('<') {
        (html_links(text), 0)
    } else if ct.contains("json") || start.starts_with('[') || start.starts_with('{') {
        json_entries(name, text)?
    } else if ct.contains("csv") || looks_like_csv(start) {
        csv_rows(name, text)?
    } else {
        lines(text)
    };
    if items.is_empty() {
        return Err(FollowError::EmptyList { source_name: name.to_string() });
    }
    Ok((items, junk))
}

/// An article link: an absolute http(s) URL.
fn link(text: &str) -> Option<String> {
    let url = url::Url::parse(text.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

fn item(url: String, title: Option<String>, content: Option<String>) -> Item {
    Item {
        key: url.clone(),
        title: title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
        link: Some(url),
        content: content.filter(|c| !c.trim().is_empty()),
        ..Item::default()
    }
}

fn lines(text: &str) -> (Vec<Item>, usize) {
    let mut items = Vec::new();
    let mut junk = 0;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        match link(line) {
            Some(url) => items.push(item(url, None, None)),
            None => junk += 1,
        }
    }
    (items, junk)
}

/// A first line of comma-separated names, one of them `url`.
fn looks_like_csv(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("").to_ascii_lowercase();
    first.contains(',') && first.split(',').any(|f| f.trim().trim_matches('"') == "url")
}

fn csv_rows(name: &str, text: &str) -> Result<(Vec<Item>, usize), FollowError> {
    let bad = |reason: String| FollowError::Malformed { source_name: name.to_string(), reason };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let column = |wanted: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(wanted));
    let url_at = column("url").ok_or_else(|| bad("no column is headed url".into()))?;
    let title_at = column("title");
    let mut items = Vec::new();
    let mut junk = 0;
    for row in reader.records() {
        let Ok(row) = row else {
            junk += 1;
            continue;
        };
        match row.get(url_at).and_then(link) {
            Some(url) => items.push(item(url, title_at.and_then(|i| row.get(i)).map(str::to_string), None)),
            None => junk += 1,
        }
    }
    Ok((items, junk))
}

fn json_entries(name: &str, text: &str) -> Result<(Vec<Item>, usize), FollowError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| FollowError::Malformed { source_name: name.to_string(), reason: e.to_string() })?;
    // An export is an array of entries, or an object holding one (`items`, `articles`, ...).
    let entries = match &value {
        serde_json::Value::Array(entries) => entries.as_slice(),
        serde_json::Value::Object(map) => map.values().find_map(|v| v.as_array()).map_or(&[][..], |a| a.as_slice()),
        _ => &[],
    };
    let field = |entry: &serde_json::Value, key: &str| entry.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let mut items = Vec::new();
    let mut junk = 0;
    for entry in entries {
        match field(entry, "url").as_deref().and_then(link) {
            Some(url) => items.push(item(url, field(entry, "title"), field(entry, "content"))),
            None => junk += 1,
        }
    }
    Ok((items, junk))
}

fn html_links(text: &str) -> Vec<Item> {
    let document = dom_query::Document::from(text);
    document
        .select("a[href]")
        .iter()
        .filter_map(|a| {
            let url = link(&a.attr("href")?)?;
            Some(item(url, Some(a.text().to_string()), None))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str, content_type: &str) -> (Vec<Item>, usize) {
        let body = Body {
            bytes: text.as_bytes().to_vec(),
            content_type: content_type.into(),
            validators: Default::default(),
            local: true,
        };
        read("list", &body).unwrap()
    }

    fn urls(items: &[Item]) -> Vec<&str> {
        items.iter().filter_map(|i| i.link.as_deref()).collect()
    }

    #[test]
    fn a_plain_list_skips_and_counts_junk() {
        let (items, junk) =
            read_text("# saved\nhttp://127.0.0.1:1/a\n\nnot a link\nftp://127.0.0.1/x\nhttps://127.0.0.1:1/b\n", "");
        assert_eq!(urls(&items), ["http://127.0.0.1:1/a", "https://127.0.0.1:1/b"]);
        assert_eq!(junk, 2);
    }

    #[test]
    fn pocket_and_instapaper_csv() {
        let pocket = "title,url,time_added,tags,status\n\"A, b\",http://127.0.0.1:1/a,1700000000,,unread\nx,nope,1,,\n";
        let (items, junk) = read_text(pocket, "");
        assert_eq!((urls(&items), junk), (vec!["http://127.0.0.1:1/a"], 1));
        assert_eq!(items[0].title.as_deref(), Some("A, b"));
        let instapaper = "URL,Title,Selection,Folder,Timestamp\nhttp://127.0.0.1:1/i,Eye,,Unread,1\n";
        assert_eq!(urls(&read_text(instapaper, "text/csv").0), ["http://127.0.0.1:1/i"]);
    }

    #[test]
    fn wallabag_json_carries_content_and_html_exports_links() {
        let wallabag = r#"[{"title":"W","url":"http://127.0.0.1:1/w","content":"<p>Body</p>"},{"title":"no url"}]"#;
        let (items, junk) = read_text(wallabag, "application/json");
        assert_eq!((urls(&items), junk), (vec!["http://127.0.0.1:1/w"], 1));
        assert_eq!(items[0].content.as_deref(), Some("<p>Body</p>"));
        let pocket = r#"<!DOCTYPE html><html><body><ul><li><a href="http://127.0.0.1:1/p" time_added="1">P</a></li><li><a href="/rel">r</a></li></ul></body></html>"#;
        let (items, _) = read_text(pocket, "text/html");
        assert_eq!(urls(&items), ["http://127.0.0.1:1/p"]);
        assert_eq!(items[0].title.as_deref(), Some("P"));
    }

    #[test]
    fn a_list_without_links_is_an_error() {
        let body = Body {
            bytes: b"nothing here\n".to_vec(),
            content_type: String::new(),
            validators: Default::default(),
            local: true,
        };
        assert!(matches!(read("list", &body), Err(FollowError::EmptyList { .. })));
    }
}
