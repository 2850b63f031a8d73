//! Publish: what is written beside the audio: the manifest, the MP3's tag with its chapters,
//! `chapters.json`, captions (WebVTT, SubRip) and `transcript.json`. All of them take their
//! times from the manifest, the one record of where each segment lies in the audio. The show's
//! `feed.xml` gathers the manifests of every episode, and `index.html` shows them on a web page.

mod captions;
mod chapters;
mod cover;
mod feed;
mod feed_scan;
mod id3_tags;
mod manifest;
mod site;
mod transcript;

pub use captions::{Cue, cues, to_srt, to_vtt};
pub use chapters::{Chapter, chapters, chapters_json};
pub use cover::{Cover, CoverError};
pub use feed::{FeedError, FeedItem, Show, feed_xml, newest_first};
pub use feed_scan::{Scan, scan_episodes};
pub use id3_tags::{EpisodeTags, TagError, id3_bytes};
pub use manifest::{Manifest, ManifestSegment, SegmentKindName};
pub use site::{SitePage, index_html};
pub use transcript::transcript_json;
