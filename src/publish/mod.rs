//! Publish: what is written beside the audio: the manifest, the MP3's tag with its chapters,
//! `chapters.json`, captions (WebVTT, SubRip) and `transcript.json`. All of them take their
//! times from the manifest, the one record of where each segment lies in the audio. The show's
//! `feed.xml` gathers the manifests of every episode.

mod captions;
mod chapters;
mod cover;
mod feed;
mod feed_scan;
mod id3_tags;
mod manifest;
mod transcript;

pub use captions::{cues, to_srt, to_vtt, Cue};
pub use chapters::{chapters, chapters_json, Chapter};
pub use cover::{Cover, CoverError};
pub use feed::{feed_xml, FeedError, FeedItem, Show};
pub use feed_scan::{scan_episodes, Scan};
pub use id3_tags::{id3_bytes, EpisodeTags, TagError};
pub use manifest::{Manifest, ManifestSegment, SegmentKindName};
pub use transcript::transcript_json;
