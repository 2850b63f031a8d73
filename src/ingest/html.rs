//! The HTML reader: a saved or fetched web page becomes the article's blocks and metadata.
//!
//! `dom_smoothie` (a port of Mozilla's readability) finds the article in the page and drops the
//! page around it (menus, asides, footers, comments) and gives the title, byline, date and site
//! name. Its cleaned article HTML is then walked here, because a listener needs its structure:
//! headings start sections, list items are read one by one, links are read as their text, and
//! tables and code blocks are replaced by a short spoken note and figure captions left out unless a
//! flag asks for them. The page has no useful line numbers after extraction, so a block's `first_line` is
//! its position in the article (block 1, 2, ...), which is what `--explain` then shows.

use std::sync::LazyLock;

use dom_query::NodeRef;
use regex::Regex;

use crate::rule_regex::compile;

use super::blocks::BlockBuilder;
use super::options::{NOTE_CODE, NOTE_TABLE};
use super::{Document, DocumentKind, IngestError, Metadata, ReadOptions, SourceBlockKind};

/// Pages with more elements than this are refused by the extractor rather than parsed at length.
const MAX_ELEMENTS: usize = 200_000;
/// An element marked as page furniture is skipped only when its text is shorter than this, so a
/// wrapper of the whole article with an unlucky class name is never lost.
const FURNITURE_MAX_CHARS: usize = 400;
/// Parts of class names (split at `-` and `_`) that mark the furniture readability leaves inside
/// an article: bylines and date lines (already read as metadata), author boxes, share bars,
/// advertisements, promotions, tag lists.
const FURNITURE_CLASS_PARTS: &[&str] = &[
    "byline",
    "dateline",
    "meta",
    "author",
    "share",
    "sharing",
    "social",
    "newsletter",
    "promo",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
    "related",
    "tags",
    "subscribe",
    "signup",
];

/// A paragraph of at most this many words that is mostly link text is a pointer to another page.
const LINK_LINE_MAX_WORDS: usize = 25;
/// A copyright notice longer than this is probably a sentence of the article about copyright.
const RIGHTS_LINE_MAX_WORDS: usize = 40;

/// Extraction time grows with the square of the nesting depth; real pages nest well under 100
/// deep, so a page nesting deeper than this is refused rather than parsed for minutes.
const MAX_PAGE_DEPTH: usize = 512;

/// Nesting deeper than this is not walked further (a hostile page cannot exhaust the stack).
const MAX_DEPTH: usize = 200;

pub fn parse_html(source: String, html: &str, options: &ReadOptions) -> Result<Document, IngestError> {
    let fail = |reason: String| IngestError::Html { name: source.clone(), reason };
    if super::html_depth::nests_deeper_than(html, MAX_PAGE_DEPTH) {
        return Err(fail(format!("its elements nest more than the {MAX_PAGE_DEPTH} deep a page may")));
    }
    let config = dom_smoothie::Config { max_elements_to_parse: MAX_ELEMENTS, ..Default::default() };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(config)).map_err(|e| fail(e.to_string()))?;
    // Readability turns a `<div>` holding one paragraph into that paragraph and drops its class,
    // so furniture it leaves in the article (a byline with a date, an author box) can no longer be
    // told from the body afterwards. It is removed from the page first; the byline it held is
    // kept aside as the author when the page's metadata names none.
    let depth = nesting_depth(&readability.doc);
    if depth > MAX_PAGE_DEPTH {
        return Err(fail(format!("its elements nest {depth} deep, more than the {MAX_PAGE_DEPTH} a page may")));
    }
    // The headlines are read first: a page may put its `<h1>` in a header marked as furniture.
    let h1s = headline_candidates(&readability.doc);
    let byline_in_page = remove_furniture(&readability.doc);
    let headline = single_h1(&readability.doc);
    let standfirst = take_standfirst(&readability.doc);
    if headline.is_some() {
        headline_first(&readability.doc);
    }
    let article = readability.parse().map_err(|e| fail(e.to_string()))?;

    let content = dom_query::Document::from(article.content.as_ref());
    let mut walker = Walker { options, out: BlockBuilder::default(), kind: SourceBlockKind::Paragraph };
    walker.walk(&content.root(), 0);
    walker.flush();
    let mut blocks = walker.out.into_blocks();
    let byline_in_text = take_byline_block(&mut blocks);
    if let Some(text) = standfirst {
        let key = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let already = blocks.iter().any(|b| key(&b.lines.join(" ")) == key(&text));
        if !already {
            blocks.insert(0, super::SourceBlock { kind: SourceBlockKind::Paragraph, lines: vec![text], first_line: 1 });
        }
    }

    let metadata = Metadata {
        title: non_empty(&page_title(&article.title, &h1s)),
        author: article
            .byline
            .as_deref()
            .or(byline_in_page.as_deref())
            .or(byline_in_text.as_deref())
            .and_then(clean_byline),
        date: article.published_time.as_deref().and_then(non_empty),
        site: article.site_name.as_deref().and_then(non_empty),
    };

    Ok(Document { source, kind: DocumentKind::Html, metadata, blocks })
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A byline line: "By Jane Doe", "Filed by Jane Doe, 12 March", "Posted by ...".
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)^(?:(?:filed|posted|written|words|reported|story)\s+)?by\s+(.+)$"));
/// Where the name in a byline ends: a comma, a bar, a dot or a dash before the date or role.
const BYLINE_NAME_END: &[char] = &[',', '|', '\u{b7}', '\u{2022}', '\u{2013}', '\u{2014}', ';'];
/// A byline line is short; a longer paragraph starting with "By" is a sentence of the article.
const BYLINE_MAX_WORDS: usize = 20;
/// Only the first blocks of an article may be its byline.
const BYLINE_WINDOW: usize = 3;

/// "By Jane Doe" and "Filed by Jane Doe, Thursday" name Jane Doe.
fn clean_byline(byline: &str) -> Option<String> {
    let text = non_empty(byline)?;
    let name = match BYLINE.captures(&text) {
        Some(caps) => caps.get(1).map_or("", |m| m.as_str()).to_string(),
        None => text,
    };
    non_empty(name.split(BYLINE_NAME_END).next().unwrap_or(""))
}

/// Remove a byline line left among the first blocks (readability keeps one it did not
/// recognise); its text is returned so the author can be read from it.
fn take_byline_block(blocks: &mut Vec<super::SourceBlock>) -> Option<String> {
    let index = blocks.iter().take(BYLINE_WINDOW).position(|b| {
        let text = b.lines.join(" ");
        b.kind == SourceBlockKind::Paragraph
            && text.split_whitespace().count() <= BYLINE_MAX_WORDS
            && BYLINE.is_match(&text)
    })?;
    Some(blocks.remove(index).lines.join(" "))
}

/// Parts of class names that mark a standfirst: the line under the headline that sums the
/// story up. It is read, but readability often drops it with the header around it.
const STANDFIRST_CLASS_PARTS: &[&str] = &["subtitle", "standfirst", "dek", "deck", "strapline", "subheadline"];
const STANDFIRST_MAX_WORDS: usize = 60;

/// The text of the page's standfirst, if one element is marked as such.
fn take_standfirst(doc: &dom_query::Document) -> Option<String> {
    doc.root()
        .descendants_it()
        .filter(|n| n.is_element())
        .find(|n| class_parts(n).any(|part| STANDFIRST_CLASS_PARTS.contains(&part.as_str())))
        .and_then(|n| non_empty(&n.text()))
        .filter(|t| t.split_whitespace().count() <= STANDFIRST_MAX_WORDS)
}

/// Move the page's one `<h1>` to the top of `<body>`. Readability removes the first heading
/// that repeats the title; when the headline sits in a header it strips as unlikely content,
/// that first match would otherwise be a section heading made of title words ("The otters").
fn headline_first(doc: &dom_query::Document) {
    let (Some(body), Some(h1)) = (doc.body(), doc.select("h1").nodes().first().cloned()) else {
        return;
    };
    h1.remove_from_parent();
    body.prepend_child(&h1);
}

/// The page's one `<h1>`, when it has exactly one.
fn single_h1(doc: &dom_query::Document) -> Option<String> {
    let h1s: Vec<String> = doc.select("h1").nodes().iter().filter_map(|n| non_empty(&n.text())).collect();
    match h1s.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// A headline has a few words and not many: an `<h1>` of one or two is a logo or a section
/// name ("Guides"), a long one a notice ("This web browser is not supported by ...").
const HEADLINE_WORDS: std::ops::RangeInclusive<usize> = 2..=20;
/// Words shorter than this ("the", "for", "you") are shared by any two headlines.
const TITLE_WORD_MIN_CHARS: usize = 4;

/// The texts of the page's `<h1>` elements that are shaped like a headline, in page order.
fn headline_candidates(doc: &dom_query::Document) -> Vec<String> {
    doc.select("h1")
        .nodes()
        .iter()
        .filter_map(|n| non_empty(&n.text()))
        .filter(|t| HEADLINE_WORDS.contains(&t.split_whitespace().count()) && !t.contains("{{"))
        .collect()
}

/// The headline the page shows: its `<h1>`, which is what the reader sees above the article.
/// The `<title>` (or the metadata's) is often another wording for search engines, with the
/// site's name after a separator ("Headline - Site"). With several `<h1>`s the one sharing most
/// words with the title wins; an `<h1>` sharing no word of four letters or more with a title
/// that exists is a site name or another story's teaser, and the title is used.
fn page_title(title: &str, h1s: &[String]) -> String {
    let title = non_empty(title).unwrap_or_default();
    let words = |t: &str| -> std::collections::HashSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= TITLE_WORD_MIN_CHARS)
            .map(str::to_lowercase)
            .collect()
    };
    let title_words = words(&title);
    let shared = |h1: &String| words(h1).intersection(&title_words).count();
    // The first of the best (max_by_key keeps the last, so the candidates are reversed).
    let best = h1s.iter().rev().max_by_key(|h1| shared(h1));
    match best {
        Some(h1) if title_words.is_empty() || shared(h1) > 0 => h1.clone(),
        _ => title,
    }
}

struct Walker<'o> {
    options: &'o ReadOptions,
    out: BlockBuilder,
    /// The kind the text being gathered will have (a list item inside `<li>`).
    kind: SourceBlockKind,
}

impl Walker<'_> {
    fn line(&self) -> usize {
        self.out.len() + 1
    }

    fn flush(&mut self) {
        let line = self.line();
        self.out.flush(self.kind, line);
    }

    fn note(&mut self, note: &str) {
        self.flush();
        let line = self.line();
        self.out.push(SourceBlockKind::Note, note, line);
    }

    /// A whole element read as one block of `kind`.
    fn block_of(&mut self, node: &NodeRef, kind: SourceBlockKind) {
        self.flush();
        let line = self.line();
        self.out.push(kind, &node.text(), line);
    }

    fn walk(&mut self, node: &NodeRef, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if node.is_text() {
            self.out.push_text(&node.text());
            return;
        }
        if !node.is_element() {
            // The document and fragment roots hold the elements; comments hold nothing to read.
            if node.is_document() || node.is_fragment() {
                self.walk_children(node, depth);
            }
            return;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if is_furniture(node) {
            return;
        }
        match name.as_str() {
            "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "form" | "button" | "select"
            | "input" | "textarea" | "nav" | "aside" | "footer" | "head" | "title" => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse().unwrap_or(2);
                self.block_of(node, SourceBlockKind::Heading(level));
            }
            "table" if is_layout_table(node) => {
                self.flush();
                self.walk_children(node, depth);
                self.flush();
            }
            "table" => {
                if self.options.read_tables {
                    self.read_table(node);
                } else {
                    self.note(NOTE_TABLE);
                }
            }
            "pre" => {
                if self.options.read_code {
                    self.block_of(node, SourceBlockKind::Paragraph);
                } else {
                    self.note(NOTE_CODE);
                }
            }
            "figcaption" => {
                if self.options.read_captions {
                    self.block_of(node, SourceBlockKind::Paragraph);
                } else {
                    // Left out without a note: a caption describes a picture the listener cannot
                    // see, and on a photo-heavy page a note would be read between every few
                    // paragraphs (images' alt text is left out silently the same way). It still
                    // ends the text before it.
                    self.flush();
                }
            }
            "img" => {
                let alt = node.attr("alt").filter(|a| !a.trim().is_empty());
                if let (true, Some(alt)) = (self.options.read_alt, alt) {
                    self.flush();
                    let line = self.line();
                    self.out.push(SourceBlockKind::Paragraph, &format!("Image: {}", alt.trim()), line);
                }
            }
            "br" => self.out.push_text(" "),
            "p" if is_link_list_line(node) || is_rights_line(node) => {}
            "li" | "dt" | "dd" | "blockquote" => {
                self.flush();
                let outer = self.kind;
                self.kind = if name == "blockquote" { SourceBlockKind::Quote } else { SourceBlockKind::ListItem };
                self.walk_children(node, depth);
                self.flush();
                self.kind = outer;
            }
            _ if is_inline(&name) => self.walk_children(node, depth),
            // Any other element (p, div, section, blockquote, figure, ul, ...) bounds a block.
            _ => {
                self.flush();
                self.walk_children(node, depth);
                self.flush();
            }
        }
    }

    fn walk_children(&mut self, node: &NodeRef, depth: usize) {
        for child in node.children_it(false) {
            self.walk(&child, depth + 1);
        }
    }

    /// Each row read as one item: its cells in order, separated by commas.
    fn read_table(&mut self, table: &NodeRef) {
        self.flush();
        for row in table.find(&["tr"]) {
            let cells: Vec<String> = row
                .element_children()
                .iter()
                .map(|cell| cell.text().split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
                .collect();
            let line = self.line();
            self.out.push(SourceBlockKind::ListItem, &cells.join(", "), line);
        }
    }
}

/// A cell of a data table holds a value or a phrase; one holding a paragraph means the table
/// lays out the page (old sites put the whole article in a cell).
const LAYOUT_CELL_MIN_WORDS: usize = 60;

/// A table used for layout rather than data: marked so, holding another table, or a cell with a
/// paragraph of text. Its cells are read as blocks instead of the "table left out" note.
fn is_layout_table(table: &NodeRef) -> bool {
    if table.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("presentation")) || !table.find(&["table"]).is_empty()
    {
        return true;
    }
    table.find(&["td"]).iter().any(|cell| cell.text().split_whitespace().count() >= LAYOUT_CELL_MIN_WORDS)
}

/// A caption outside `<figure>`, marked by its class (`caption`, `wp-caption-text`, `credit`),
/// and short: a page's `<body>` may carry feature flags such as `f_caption_muted_videos_on`.
fn is_caption(node: &NodeRef) -> bool {
    class_parts(node).any(|part| part == "caption" || part == "credit")
        && node.text().chars().count() < FURNITURE_MAX_CHARS
}

/// The parts of an element's class names, split at `-` and `_`, lowercased.
fn class_parts(node: &NodeRef) -> impl Iterator<Item = String> {
    let class = node.attr("class").map(|v| v.to_ascii_lowercase()).unwrap_or_default();
    class
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// A short paragraph that is mostly a link ("Read more: <a>Another story</a>") points elsewhere;
/// it is not part of the article.
fn is_link_list_line(node: &NodeRef) -> bool {
    let text = node.text();
    let words = text.split_whitespace().count();
    let chars = text.trim().chars().count();
    if words == 0 || words > LINK_LINE_MAX_WORDS {
        return false;
    }
    let linked: usize = node.find(&["a"]).iter().map(|a| a.text().trim().chars().count()).sum();
    linked * 10 >= chars * 6
}

/// A copyright line at the foot of a page ("The contents of this site are © 2019 ...").
fn is_rights_line(node: &NodeRef) -> bool {
    let text = node.text().trim().to_lowercase();
    let words = text.split_whitespace().count();
    words <= RIGHTS_LINE_MAX_WORDS
        && (text.contains('\u{a9}') || text.starts_with("(c)") || text.starts_with("copyright"))
}

/// How deep the page's elements nest, found without recursion.
fn nesting_depth(doc: &dom_query::Document) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if depth > MAX_PAGE_DEPTH {
            break;
        }
        stack.extend(node.element_children().into_iter().map(|child| (child, depth + 1)));
    }
    deepest
}

/// Remove the furniture elements from the page; returns the text of the first byline found.
fn remove_furniture(doc: &dom_query::Document) -> Option<String> {
    let byline = doc
        .select("[rel=author], [itemprop=author], .byline, .author")
        .nodes()
        .iter()
        .map(|n| n.text().to_string())
        .find(|t| !t.trim().is_empty() && t.chars().count() < 100);
    for node in outermost(doc, is_furniture) {
        node.remove_from_parent();
    }
    // Readability drops classes, so a caption marked only by its class is renamed to what it is.
    for node in outermost(doc, is_caption) {
        node.rename("figcaption");
    }
    byline
}

/// The elements that `matches` picks, leaving out those inside another one it picks (they go
/// with it).
fn outermost<'a>(doc: &'a dom_query::Document, matches: impl Fn(&NodeRef) -> bool) -> Vec<NodeRef<'a>> {
    let mut found = Vec::new();
    let mut stack = vec![doc.root()];
    while let Some(node) = stack.pop() {
        if node.is_element() && matches(&node) {
            found.push(node);
            continue;
        }
        stack.extend(node.element_children().into_iter().rev());
    }
    found
}

/// Whether an element is furniture by its class or `itemprop`, and short enough to be only that.
fn is_furniture(node: &NodeRef) -> bool {
    let itemprop = node.attr("itemprop").map(|v| v.to_ascii_lowercase()).unwrap_or_default();
    let marked_meta = matches!(itemprop.as_str(), "author" | "datepublished" | "datemodified");
    let marked_class = class_parts(node).any(|part| FURNITURE_CLASS_PARTS.contains(&part.as_str()));
    (marked_meta || marked_class) && node.text().chars().count() < FURNITURE_MAX_CHARS
}

/// Elements that sit inside a line of text rather than starting a block.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
            | "del"
            | "ins"
            | "font"
            | "label"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(doc: &Document) -> Vec<(SourceBlockKind, String)> {
        doc.blocks.iter().map(|b| (b.kind, b.lines.join(" "))).collect()
    }

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Tide Clocks Return | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2026-03-14T08:00:00Z">
<meta name="author" content="Mara Lindqvist"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Tide Clocks Return</h1>
<p>The old tide clocks on the pier were switched back on this week after a winter of repairs by volunteers from the maritime club, who spent every Saturday since November on the work.</p>
<h2>How the repair went</h2>
<p>Each clock needed a new escapement, and the brass had to be cleaned by hand. <a href="https://example.org/club">The club</a> raised the money at a series of quiz nights.</p>
<ul><li>Four clocks were repaired.</li><li>Two more wait for parts.</li></ul>
<table><tr><th>Clock</th><th>State</th></tr><tr><td>North</td><td>Working</td></tr></table>
<pre><code>tide = moon * 2</code></pre>
<figure><img src="c.jpg" alt="A clock face"><figcaption>The north clock at dawn.</figcaption></figure>
<p>The clocks will be wound every Sunday, and the club hopes to open a small workshop where visitors can watch the mechanism being serviced through a glass panel.</p>
</article><footer>Copyright Harbour Gazette</footer></body></html>"#;

    #[test]
    fn page_gives_metadata_headings_items_and_notes() {
        let doc = parse_html("p.html".into(), PAGE, &ReadOptions::default()).unwrap();
        assert_eq!(doc.metadata.author.as_deref(), Some("Mara Lindqvist"));
        assert_eq!(doc.metadata.site.as_deref(), Some("Harbour Gazette"));
        assert_eq!(doc.metadata.date.as_deref(), Some("2026-03-14T08:00:00Z"));
        let blocks = kinds_and_text(&doc);
        assert!(blocks.contains(&(SourceBlockKind::Heading(2), "How the repair went".into())));
        assert!(blocks.contains(&(SourceBlockKind::ListItem, "Two more wait for parts.".into())));
        assert!(blocks.contains(&(SourceBlockKind::Note, NOTE_TABLE.into())));
        assert!(blocks.contains(&(SourceBlockKind::Note, NOTE_CODE.into())));
        assert!(!blocks.iter().any(|(_, t)| t.contains("north clock")), "{blocks:?}");
        let all: String = blocks.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
        assert!(all.contains("The club raised the money"), "{all}");
        assert!(!all.contains("example.org"));
        assert!(!all.contains("Home"));
        assert!(!all.contains("Copyright"));
    }

    #[test]
    fn flags_read_tables_code_captions_and_alt() {
        let options = ReadOptions {
            read_tables: true,
            read_code: true,
            read_captions: true,
            read_alt: true,
            ..Default::default()
        };
        let doc = parse_html("p.html".into(), PAGE, &options).unwrap();
        let texts: Vec<String> = doc.blocks.iter().map(|b| b.lines.join(" ")).collect();
        assert!(texts.contains(&"North, Working".to_string()), "{texts:?}");
        assert!(texts.contains(&"tide = moon * 2".to_string()));
        assert!(texts.contains(&"The north clock at dawn.".to_string()));
        assert!(texts.contains(&"Image: A clock face".to_string()));
        assert!(doc.blocks.iter().all(|b| b.kind != SourceBlockKind::Note));
    }

    #[test]
    fn bylines_name_the_author_and_titles_lose_the_site() {
        assert_eq!(clean_byline("Filed by Gwen Harrow, Thursday 12 March").as_deref(), Some("Gwen Harrow"));
        assert_eq!(clean_byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(clean_byline("Jane Doe").as_deref(), Some("Jane Doe"));
        let h1s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(page_title("Apples Return :: Dale News", &h1s(&["Apples Return Home"])), "Apples Return Home");
        assert_eq!(page_title("Apples Return", &h1s(&["Something else entirely"])), "Apples Return");
        assert_eq!(
            page_title("The Apples Return For Good", &h1s(&["Why The Pears Left For You"])),
            "The Apples Return For Good"
        );
        let two = h1s(&["Dale News Today", "The Apples Are Back In Dale"]);
        assert_eq!(page_title("Apples return to the Dale - Dale Post", &two), "The Apples Are Back In Dale");
        assert_eq!(page_title("", &h1s(&["The Apples Are Back", "Other Story Here"])), "The Apples Are Back");
        assert_eq!(page_title("Apples Return", &h1s(&["Guides"][..0])), "Apples Return");
    }

    #[test]
    fn an_article_in_a_layout_table_is_read_and_a_data_table_is_not() {
        let para = "The ferry timetable changed again this spring, and the islanders who rely on it were not asked. "
            .repeat(4);
        let html = format!(
            "<html><head><title>Ferry Times Change Again</title></head><body><table><tr><td><a href=\"/\">Home</a></td>\
             <td><h1>Ferry Times Change Again</h1><p>{para}</p><p>{para}</p>\
             <table><tr><th>Day</th><th>Sailings</th></tr><tr><td>Monday</td><td>4</td></tr></table></td></tr></table></body></html>"
        );
        let doc = parse_html("t.html".into(), &html, &ReadOptions::default()).unwrap();
        let blocks = kinds_and_text(&doc);
        assert!(blocks.iter().filter(|(_, t)| t.contains("islanders who rely")).count() >= 2, "{blocks:?}");
        assert!(blocks.contains(&(SourceBlockKind::Note, NOTE_TABLE.into())), "{blocks:?}");
    }

    #[test]
    fn captions_and_a_rights_line_are_left_out_without_a_note() {
        let para = "The orchard's oldest pear tree fruited again this year after the storm that split it. ".repeat(4);
        let figure = "<figure><img src=\"p.jpg\"><figcaption>The pear tree in May.</figcaption></figure>";
        let html = format!(
            "<html><head><title>Old Pear Tree Fruits</title></head><body><article><p>{para}</p>{figure}<p>{para}</p>\
             {figure}<p>{para}</p><p>The contents of this site are \u{a9} 2026 Orchard News Ltd.</p></article></body></html>"
        );
        let doc = parse_html("t.html".into(), &html, &ReadOptions::default()).unwrap();
        let blocks = kinds_and_text(&doc);
        assert!(
            !blocks.iter().any(|(k, t)| *k == SourceBlockKind::Note || t.contains("pear tree in May")),
            "{blocks:?}"
        );
        assert_eq!(blocks.iter().filter(|(_, t)| t.contains("oldest pear tree")).count(), 3, "{blocks:?}");
        assert!(!blocks.iter().any(|(_, t)| t.contains("contents of this site")), "{blocks:?}");
    }

    #[test]
    fn a_body_whose_class_names_a_caption_is_still_the_page() {
        let para = "The library's night opening has drawn more readers than anyone expected, most of them students. "
            .repeat(4);
        let html = format!(
            "<html><head><title>Night Opening Works</title></head><body class=\"f_caption_muted_on f_ads_on\">\
             <div><p>{para}</p><div class=\"ad-slot\"><div class=\"ad-unit\">Ad</div></div><p>{para}</p></div></body></html>"
        );
        let doc = parse_html("t.html".into(), &html, &ReadOptions::default()).unwrap();
        let all: String = doc.blocks.iter().map(|b| b.lines.join(" ")).collect::<Vec<_>>().join(" ");
        assert!(all.matches("night opening has drawn").count() >= 2, "{all}");
    }

    #[test]
    fn furniture_by_class_is_skipped_but_a_long_wrapper_is_not() {
        let body = "Word ".repeat(120);
        let html = format!(
            "<html><head><title>Test Page Title Here</title></head><body><div class=\"post-meta\"><p>{body}</p>\
             <p>{body}</p></div><div class=\"ad-slot\"><p>Advertisement here</p></div></body></html>"
        );
        let doc = parse_html("t.html".into(), &html, &ReadOptions::default()).unwrap();
        let all: String = doc.blocks.iter().map(|b| b.lines.join(" ")).collect::<Vec<_>>().join(" ");
        assert!(all.split_whitespace().count() >= 200, "{all}");
        assert!(!all.contains("Advertisement"));
    }
}
