//! The segment cache: finished clips, stored by a hash of everything that shapes their sound.
//!
//! Rendering an unchanged article again synthesizes nothing; after an edit only the changed
//! sentences are spoken again; an interrupted render resumes from what was finished. Entries are
//! written under a temporary name and renamed (two renders sharing the cache never see half an
//! entry), and verified when read: a truncated or corrupt entry is removed and counts as a miss.

mod entry;
mod key;
pub mod shared;
mod size;
mod store;

pub use entry::{EntryError, decode_clip, encode_clip};
pub use key::CacheKey;
pub use size::{SizeError, format_size, parse_size};
pub use store::{CacheStats, SegmentCache};

/// The default cache folder: the user's cache folder (e.g. `~/.cache/readcast`).
pub fn default_dir() -> Option<std::path::PathBuf> {
    dirs::cache_dir().map(|dir| dir.join("readcast"))
}
