//! What the readers of structured formats should read aloud beyond the running text.
//!
//! Tables, code, figure captions and image descriptions rarely read well, so by default each is
//! replaced by a short spoken note; a flag asks for the thing itself instead.

use std::time::Duration;

/// Default size limit of a fetched page: 10 MB is far above any article page, yet bounded.
pub const DEFAULT_FETCH_LIMIT_BYTES: u64 = 10 * 1024 * 1024;
/// Default time-out of a whole fetch (connect, redirects and body).
pub const DEFAULT_FETCH_TIMEOUT: Duration = Duration::from_secs(30);
/// Redirects followed before a fetch gives up.
pub const MAX_REDIRECTS: u32 = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Read table rows instead of the note "A table is left out.". Default: false.
    pub read_tables: bool,
    /// Read code blocks instead of the note "A code block is left out.". Default: false.
    pub read_code: bool,
    /// Read figure captions (otherwise left out, with no note). Default: false.
    pub read_captions: bool,
    /// Read images' alt text (Markdown and HTML). Default: false.
    pub read_alt: bool,
    /// Largest page a URL may return. Default: 10 MB.
    pub fetch_limit_bytes: u64,
    /// Time-out of one fetch. Default: 30 s.
    pub fetch_timeout: Duration,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            read_tables: false,
            read_code: false,
            read_captions: false,
            read_alt: false,
            fetch_limit_bytes: DEFAULT_FETCH_LIMIT_BYTES,
            fetch_timeout: DEFAULT_FETCH_TIMEOUT,
        }
    }
}

/// The spoken notes, one place so the wording stays the same in every format.
pub const NOTE_TABLE: &str = "A table is left out.";
pub const NOTE_CODE: &str = "A code block is left out.";

/// Whether a block's text is one of the readers' own notes (a repeated note is not a repeat to
/// drop: two tables left out are two notes).
pub fn is_note(text: &str) -> bool {
    [NOTE_TABLE, NOTE_CODE].contains(&text)
}
