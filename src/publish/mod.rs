//! Publish: what is written beside the audio: the manifest, the MP3's tag with its chapters,
//! `chapters.json`, captions (WebVTT, SubRip) and `transcript.json`. All of them take their
//! times from the manifest, the one record of where each segment lies in the audio. The show's
//! `feed.xml` and `index.html` gather the manifests of every episode.

mod captions;
mod categories;
mod chapters;
mod cover;
mod feed;
mod feed_scan;
mod id3_tags;
mod identity;
mod manifest;
mod show;
mod site;
mod transcript;
mod url_path;
mod xml_chars;

pub use captions::{Cue, cue_iter, cues, to_srt, to_vtt, write_srt, write_vtt};
pub use chapters::{Chapter, chapters, chapters_json};
pub use cover::{Cover, CoverError};
pub use feed::{FEED_FILE, FeedError, FeedItem, feed_xml, newest_first};
pub use feed_scan::{Scan, scan_episodes};
pub use id3_tags::{EpisodeTags, TagError, id3_bytes};
pub use identity::{Identity, identity_for};
pub use manifest::{Manifest, ManifestSegment, SegmentKindName};
pub use show::{Show, ShowCover, ShowProblems, ShowType, UrlError, absolute_http_url};
pub use site::{SitePage, index_html};
pub use transcript::{transcript_json, write_transcript_json};
