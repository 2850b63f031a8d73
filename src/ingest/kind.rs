//! Which reader an input needs: by its file extension, by the server's content type, or, when
//! neither says, by a look at the first bytes.

use std::path::Path;

use super::DocumentKind;

/// The kind a file name's extension names, if it names one.
pub fn from_extension(path: &Path) -> Option<DocumentKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(DocumentKind::Html),
        "md" | "markdown" | "mdown" | "mkd" => Some(DocumentKind::Markdown),
        "txt" | "text" => Some(DocumentKind::Text),
        _ => None,
    }
}

/// Whether a folder walk should pick this file up: every .txt, .md and .html (and their
/// common variants).
pub fn is_article_file(path: &Path) -> bool {
    from_extension(path).is_some()
}

/// The kind a `Content-Type` header names; `None` for a type no reader takes.
pub fn from_content_type(content_type: &str) -> Option<DocumentKind> {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some(DocumentKind::Html),
        "text/markdown" | "text/x-markdown" => Some(DocumentKind::Markdown),
        "text/plain" => Some(DocumentKind::Text),
        _ => None,
    }
}

/// Sniff decoded text: markup at the start (a doctype, `<html>`, `<head>` or `<body>`) means a
/// web page. Anything else is read as plain text: Markdown read as text loses only its marks'
/// meaning, while text read as Markdown could lose words.
pub fn sniff(text: &str) -> DocumentKind {
    let start: String = text.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    let markup = ["<!doctype html", "<html", "<head", "<body", "<?xml"];
    if markup.iter().any(|m| start.starts_with(m)) || (start.starts_with("<!--") && start.contains("<html")) {
        DocumentKind::Html
    } else {
        DocumentKind::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_content_type_and_sniffing() {
        assert_eq!(from_extension(Path::new("a/b.HTM")), Some(DocumentKind::Html));
        assert_eq!(from_extension(Path::new("notes.md")), Some(DocumentKind::Markdown));
        assert_eq!(from_extension(Path::new("x.pdf")), None);
        assert_eq!(from_content_type("text/html; charset=utf-8"), Some(DocumentKind::Html));
        assert_eq!(from_content_type("image/png"), None);
        assert_eq!(sniff("\n  <!DOCTYPE html><html>"), DocumentKind::Html);
        assert_eq!(sniff("The council met <b>today</b>."), DocumentKind::Text);
    }
}
