//! The show a feed describes, checked against what podcast directories require.
//!
//! `ShowSettings` (from readcast.toml and the flags) has every field optional; a feed that Apple
//! Podcasts and the other directories accept needs a title, description, author, e-mail,
//! language, a category from Apple's list, square cover art of 1400 to 3000 pixels and an
//! absolute address to be served from. Every problem is collected, not just the first, so one
//! run of `feed` tells the user everything to fix.

use std::path::PathBuf;

use url::Url;

use super::categories::{apple_category, apple_subcategory};
use super::cover::Cover;
use super::url_path::url_path;
use crate::config::ShowSettings;
pub use crate::config::ShowType;

/// Apple's bounds for podcast cover art, in pixels per side.
pub const MIN_COVER_PIXELS: usize = 1400;
pub const MAX_COVER_PIXELS: usize = 3000;

/// The cover art, read and checked, and the name it gets beside the feed.
#[derive(Debug, Clone)]
pub struct ShowCover {
    pub source: PathBuf,
    pub image: Cover,
    /// `cover.png` or `cover.jpg`.
    pub file_name: String,
}

/// A show fit for a feed.
#[derive(Debug, Clone)]
pub struct Show {
    pub title: String,
    pub description: String,
    pub author: String,
    pub email: String,
    pub language: String,
    pub category: &'static str,
    pub subcategory: Option<&'static str>,
    pub explicit: bool,
    pub cover: ShowCover,
    /// Ends with `/`: every file of the output folder is this plus its relative path.
    pub base_url: Url,
    pub link: Option<String>,
    pub copyright: Option<String>,
    pub show_type: ShowType,
}

/// Everything wrong with the show's settings, each a short sentence naming the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem{} with the show ([show] in readcast.toml, or the flags): {}", .0.len(), if .0.len() == 1 { "" } else { "s" }, .0.join("; "))]
pub struct ShowProblems(pub Vec<String>);

/// A required text setting, trimmed; a problem when missing or blank.
fn required(value: &Option<String>, key: &str, flag: &str, problems: &mut Vec<String>) -> String {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => {
            problems.push(format!("{key} is missing (set it in [show] or with {flag})"));
            String::new()
        }
    }
}

fn optional(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

/// Why a setting is not an absolute http(s) address; `key` names the setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// The parser's reason is part of the one problem line the show check collects.
    #[error("{key} {text:?} is not an absolute URL ({reason})")]
    NotAUrl { key: &'static str, text: String, reason: url::ParseError },
    #[error("{key} {text:?} must be an absolute http:// or https:// URL")]
    NotHttp { key: &'static str, text: String },
}

/// An absolute http(s) address; `key` names the setting in the problem.
pub fn absolute_http_url(text: &str, key: &'static str) -> Result<Url, UrlError> {
    let url = Url::parse(text.trim()).map_err(|reason| UrlError::NotAUrl { key, text: text.to_string(), reason })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(UrlError::NotHttp { key, text: text.to_string() });
    }
    Ok(url)
}

/// A language tag as RSS and Apple take it: `en`, `en-us`, `pt-BR`.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A plausible e-mail address: something, `@`, a domain with a dot, no spaces.
fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

fn check_email(value: &Option<String>, problems: &mut Vec<String>) -> String {
    let email = required(value, "email", "--show-email", problems);
    if !email.is_empty() && !is_email(&email) {
        problems.push(format!("email {email:?} is not an e-mail address"));
    }
    email
}

fn check_language(value: &Option<String>, problems: &mut Vec<String>) -> String {
    let language = required(value, "language", "--language", problems);
    if !language.is_empty() && !is_language_tag(&language) {
        problems.push(format!("language {language:?} is not a language tag such as \"en\" or \"en-GB\""));
    }
    language
}

/// The category and subcategory as Apple spells them. A subcategory is checked only under a
/// known category, since whether it is valid depends on that.
fn check_category(settings: &ShowSettings, problems: &mut Vec<String>) -> (Option<&'static str>, Option<&'static str>) {
    let category_name = required(&settings.category, "category", "--category", problems);
    let category = if category_name.is_empty() {
        None
    } else {
        apple_category(&category_name).map_err(|e| problems.push(e.to_string())).ok()
    };
    let subcategory = match (category, optional(&settings.subcategory)) {
        (Some(category), Some(sub)) => apple_subcategory(category, &sub).map_err(|e| problems.push(e.to_string())).ok(),
        _ => None,
    };
    (category, subcategory)
}

fn check_base_url(value: &Option<String>, problems: &mut Vec<String>) -> Option<Url> {
    let Some(text) = optional(value) else {
        problems.push("base_url is missing (set [show] base_url or --base-url to where the output folder is served, e.g. https://example.com/podcast/)".into());
        return None;
    };
    match absolute_http_url(&text, "base_url") {
        Ok(mut url) => {
            // The base is a folder: without the slash, joining would replace its last part.
            if !url.path().ends_with('/') {
                let path = format!("{}/", url.path());
                url.set_path(&path);
            }
            Some(url)
        }
        Err(e) => {
            problems.push(e.to_string());
            None
        }
    }
}

fn check_cover(path: Option<&PathBuf>, problems: &mut Vec<String>) -> Option<ShowCover> {
    let Some(path) = path else {
        problems.push("image is missing (set [show] image or --cover to a square JPEG or PNG)".into());
        return None;
    };
    let image = match Cover::load(path) {
        Ok(image) => image,
        Err(e) => {
            problems.push(format!("image: {}", crate::error::one_line(&e)));
            return None;
        }
    };
    let shown = path.display();
    match image.dimensions() {
        None => problems.push(format!("image {shown}: cannot read the image's size from its header")),
        Some((w, h)) if w != h => problems.push(format!("image {shown} is {w}x{h} pixels; it must be square")),
        Some((w, h)) if !(MIN_COVER_PIXELS..=MAX_COVER_PIXELS).contains(&w) => problems.push(format!(
            "image {shown} is {w}x{h} pixels; it must be from {MIN_COVER_PIXELS}x{MIN_COVER_PIXELS} to {MAX_COVER_PIXELS}x{MAX_COVER_PIXELS}"
        )),
        Some(_) => {
            let file_name = format!("cover.{}", image.extension());
            return Some(ShowCover { source: path.clone(), image, file_name });
        }
    }
    None
}

impl Show {
    /// Check `settings`; every problem found is reported together.
    pub fn from_settings(settings: &ShowSettings) -> Result<Show, ShowProblems> {
        let mut problems = Vec::new();
        let title = required(&settings.title, "title", "--show-title", &mut problems);
        let description = required(&settings.description, "description", "--show-description", &mut problems);
        let author = required(&settings.author, "author", "--show-author", &mut problems);
        let email = check_email(&settings.email, &mut problems);
        let language = check_language(&settings.language, &mut problems);
        let (category, subcategory) = check_category(settings, &mut problems);
        let cover = check_cover(settings.image.as_ref(), &mut problems);
        let base_url = check_base_url(&settings.base_url, &mut problems);
        let link = optional(&settings.link);
        if let Some(link) = &link
            && let Err(e) = absolute_http_url(link, "link")
        {
            problems.push(e.to_string());
        }
        match (category, cover, base_url) {
            (Some(category), Some(cover), Some(base_url)) if problems.is_empty() => Ok(Show {
                title,
                description,
                author,
                email,
                language,
                category,
                subcategory,
                explicit: settings.explicit.unwrap_or(false),
                cover,
                base_url,
                link,
                copyright: optional(&settings.copyright),
                show_type: settings.show_type.unwrap_or_default(),
            }),
            _ => Err(ShowProblems(problems)),
        }
    }

    /// The absolute URL of a file in the output folder, given by its path segments there; each
    /// segment is percent-encoded.
    pub fn url_of(&self, segments: &[&str]) -> String {
        format!("{}{}", self.base_url, url_path(segments))
    }

    /// The show's web page: `link`, else the base URL.
    pub fn link(&self) -> String {
        self.link.clone().unwrap_or_else(|| self.base_url.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(dir: &std::path::Path, width: u32, height: u32) -> PathBuf {
        let mut data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        data.extend_from_slice(&width.to_be_bytes());
        data.extend_from_slice(&height.to_be_bytes());
        data.extend_from_slice(&[8, 2, 0, 0, 0]);
        let path = dir.join(format!("art-{width}x{height}.png"));
        std::fs::write(&path, data).unwrap();
        path
    }

    fn settings(image: PathBuf) -> ShowSettings {
        ShowSettings {
            title: Some("Town & Notes".into()),
            description: Some("Local news, read aloud.".into()),
            author: Some("Ada Brook".into()),
            email: Some("ada@example.com".into()),
            language: Some("en".into()),
            category: Some("news".into()),
            subcategory: Some("daily news".into()),
            explicit: None,
            image: Some(image),
            base_url: Some("https://example.com/pod cast".into()),
            link: None,
            copyright: None,
            show_type: None,
        }
    }

    #[test]
    fn a_complete_show_passes_and_builds_encoded_urls() {
        let dir = tempfile::tempdir().unwrap();
        let show = Show::from_settings(&settings(png(dir.path(), 1400, 1400))).unwrap();
        assert_eq!((show.category, show.subcategory), ("News", Some("Daily News")));
        assert_eq!(show.cover.file_name, "cover.png");
        assert_eq!(show.url_of(&["cover.png"]), "https://example.com/pod%20cast/cover.png");
        assert_eq!(show.url_of(&["a b&c", "episode.mp3"]), "https://example.com/pod%20cast/a%20b&c/episode.mp3");
        assert_eq!(show.link(), "https://example.com/pod%20cast/");
        assert_eq!(show.show_type, ShowType::Episodic);
        assert!(!show.explicit);
    }

    #[test]
    fn every_missing_field_is_listed_at_once() {
        let problems = Show::from_settings(&ShowSettings::default()).unwrap_err().0;
        for key in ["title", "description", "author", "email", "language", "category", "image", "base_url"] {
            assert!(problems.iter().any(|p| p.starts_with(&format!("{key} is missing"))), "{key}: {problems:?}");
        }
        assert_eq!(problems.len(), 8);
    }

    #[test]
    fn bad_art_urls_and_names_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        let mut bad = settings(png(dir.path(), 1400, 1200));
        bad.base_url = Some("example.com/podcast".into());
        bad.email = Some("ada at example".into());
        bad.language = Some("English!".into());
        let problems = Show::from_settings(&bad).unwrap_err().0;
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("1400x1200 pixels; it must be square")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("base_url") && p.contains("absolute")), "{problems:?}");
        let small = Show::from_settings(&settings(png(dir.path(), 1000, 1000))).unwrap_err().0;
        assert!(small[0].contains("1000x1000 pixels; it must be from 1400x1400 to 3000x3000"), "{small:?}");
        let big = Show::from_settings(&settings(png(dir.path(), 3200, 3200))).unwrap_err().0;
        assert!(big[0].contains("3200x3200"), "{big:?}");
        let mut ftp = settings(png(dir.path(), 3000, 3000));
        ftp.base_url = Some("ftp://example.com/".into());
        assert!(Show::from_settings(&ftp).unwrap_err().0[0].contains("http"));
    }

    #[test]
    fn tags_and_addresses() {
        assert!(is_language_tag("en") && is_language_tag("en-GB") && is_language_tag("zh-Hant-TW"));
        assert!(!is_language_tag("e") && !is_language_tag("english") && !is_language_tag("en_GB"));
        assert!(is_email("a.b@example.co.uk"));
        assert!(!is_email("a@b") && !is_email("@b.com") && !is_email("a b@c.com") && !is_email("a@b.com."));
    }
}
