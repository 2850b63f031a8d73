//! Following: sources (feeds, OPML lists of feeds, reading lists and read-later exports) turned
//! into inputs for `render`, remembering what was already rendered.
//!
//! This is a layer above `render` (see docs/architecture.md, "Sources before inputs"): a source
//! is fetched with a conditional GET ([`fetch`]), read into items ([`parse`], [`reading_list`]),
//! the items not seen before are picked ([`state`], [`items`]) and each becomes an
//! [`crate::ingest::InputSource`] or a document made from the feed's own text; `commands::sync`
//! then renders and publishes them through the same path as `readcast render --publish`.

pub mod digest;
mod error;
pub mod fetch;
pub mod items;
pub mod parse;
pub mod reading_list;
mod source;
pub mod state;
pub mod toml_file;

pub use error::FollowError;
pub use source::{FollowSource, FullText, is_remote};
