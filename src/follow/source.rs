//! A followed source as written in `readcast.toml`: a `[[follow]]` entry.

use serde::{Deserialize, Serialize};

/// Items taken from one source in one sync when its entry does not say.
pub const DEFAULT_MAX_NEW: usize = 10;

/// One `[[follow]]` entry: a feed, an OPML file of feeds, or a reading list (a file or URL).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FollowSource {
    /// An http(s) URL or a file path (relative to the readcast.toml it is written in).
    pub url: String,
    /// A name for messages and `--list`; the feed's own title when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New items rendered per sync at most, newest first [default: 10].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_new: Option<usize>,
    /// The voice for this source's episodes [default: the show's].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<String>,
    /// Where an item's article comes from [default: auto].
    #[serde(default, skip_serializing_if = "FullText::is_auto")]
    pub full_text: FullText,
}

impl FollowSource {
    pub fn new(url: &str) -> FollowSource {
        FollowSource { url: url.to_string(), title: None, max_new: None, voice: None, full_text: FullText::Auto }
    }

    pub fn max_new(&self) -> usize {
        self.max_new.unwrap_or(DEFAULT_MAX_NEW)
    }

    /// The name used in messages: the title when set, else the URL.
    pub fn name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.url)
    }
}

/// `full_text`: take the article from the feed's own text or from the linked page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FullText {
    /// The feed's text when it is long enough to be the article, else the page.
    #[default]
    Auto,
    /// Always the feed's text (content, else summary).
    Feed,
    /// Always the linked page.
    Page,
}

impl FullText {
    fn is_auto(&self) -> bool {
        *self == FullText::Auto
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FullText::Auto => "auto",
            FullText::Feed => "feed",
            FullText::Page => "page",
        }
    }
}

/// Whether a source is fetched over HTTP (else it is a file).
pub fn is_remote(url: &str) -> bool {
    crate::ingest::fetch::is_url(url)
}
