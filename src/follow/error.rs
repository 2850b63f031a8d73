//! Errors of following and syncing sources: each names the source it is about.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    #[error("cannot fetch {source_name}: {reason}")]
    Fetch { source_name: String, reason: String },
    #[error("cannot fetch {source_name}: the server answered HTTP {status}")]
    HttpStatus { source_name: String, status: u16 },
    #[error("{source_name} is larger than the {limit_mb} MB limit")]
    TooLarge { source_name: String, limit_mb: u64 },
    #[error("{source_name} is a web page, not a feed; it links the feed {feed}: run readcast follow {feed}")]
    PageWithFeed { source_name: String, feed: String },
    #[error("{source_name} is a web page, not a feed, and links no feed")]
    NotAFeed { source_name: String },
    #[error("{source_name} is not a valid feed: {reason}")]
    Malformed { source_name: String, reason: String },
    #[error("{source_name} lists no article links")]
    EmptyList { source_name: String },
    #[error("{source_name} is already followed")]
    AlreadyFollowed { source_name: String },
    #[error("{source_name} is not followed (readcast follow --list shows the sources)")]
    NotFollowed { source_name: String },
    #[error("no sources are followed: readcast follow URL adds one to readcast.toml")]
    NoSources,
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not valid: {reason}")]
    BadFile { path: PathBuf, reason: String },
    #[error(
        "{failed} of {total} sources or items failed (a failed item is retried on the next sync, up to 3 attempts)"
    )]
    SomeFailed { failed: usize, total: usize },
}

impl FollowError {
    /// Whether the error is about what the user asked for (exit 2) rather than a failure (1).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            FollowError::PageWithFeed { .. }
                | FollowError::NotAFeed { .. }
                | FollowError::AlreadyFollowed { .. }
                | FollowError::NotFollowed { .. }
                | FollowError::NoSources
                | FollowError::BadFile { .. }
        )
    }
}
