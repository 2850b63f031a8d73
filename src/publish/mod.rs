//! Publish: what is written beside the audio (the manifest now; tags, chapters, transcripts and
//! the feed build on it).

mod manifest;

pub use manifest::{Manifest, ManifestSegment};
