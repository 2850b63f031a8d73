//! A linear pre-scan of how deep a page's elements nest, before the HTML parser sees it.
//!
//! The parser and the extraction after it take time growing with the square of the nesting
//! depth: a 5 MB page of a million nested `<div>`s would keep readcast busy for many minutes
//! before the depth check on the parsed tree could refuse it. This scan reads the bytes once,
//! counting start and end tags of elements that must be closed; it over-counts only pages that
//! leave such elements open, which real pages nest far less than the limit anyway. Elements a
//! parser closes by itself (`<p>`, `<li>`, void elements) and the raw text of `<script>`,
//! `<style>` and comments are not counted.

/// Elements whose end tag may be left out, or that have none: not counted.
const SELF_CLOSING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt",
    "rtc", "rp", "html", "head", "body", "param", "frame", "basefont", "keygen",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// Whether the page's elements nest deeper than `limit`, judged in one pass over `html`.
pub fn nests_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        i += offset + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i, b"-->").unwrap_or(bytes.len());
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_end =
            bytes[start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |p| start + p);
        let name = html[start..name_end].to_ascii_lowercase();
        if name.is_empty() || SELF_CLOSING.contains(&name.as_str()) {
            continue;
        }
        let tag_end = find(bytes, name_end, b">").unwrap_or(bytes.len());
        if closing {
            depth = depth.saturating_sub(1);
        } else if bytes[..tag_end].ends_with(b"/") {
            // `<div/>` in XHTML-ish pages: opened and closed at once.
        } else if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ignoring_case(html, tag_end, &close).unwrap_or(bytes.len());
            continue;
        } else {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
        i = tag_end;
    }
    false
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

fn find_ignoring_case(html: &str, from: usize, needle: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    bytes.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes())).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_divs_are_counted_and_optional_end_tags_and_raw_text_are_not() {
        let deep = format!("{}x{}", "<div>".repeat(600), "</div>".repeat(600));
        assert!(nests_deeper_than(&deep, 512));
        let siblings = "<div><p>a</div>".repeat(10_000);
        assert!(!nests_deeper_than(&siblings, 512));
        let paragraphs = "<p>unclosed <br><img src=x>".repeat(10_000);
        assert!(!nests_deeper_than(&paragraphs, 512));
        let script = format!("<script>{}</script><!-- {} -->", "<div>".repeat(1000), "<div>".repeat(1000));
        assert!(!nests_deeper_than(&script, 512));
        assert!(!nests_deeper_than("<div/><a href='<b>'>x</a> < 3", 1));
    }
}
