//! Errors of the encode stage.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    #[error("cannot write {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}: {reason}")]
    Format { path: PathBuf, reason: String },
    #[error("MP3 encoding of {what} failed: {reason}")]
    Mp3 { what: String, reason: String },
    #[error("MP3 encoding of {what} failed")]
    Lame {
        what: String,
        #[source]
        source: LameError,
    },
    #[error("cannot read the assembled audio back from {path}")]
    Spool {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Tag(#[from] super::lame_tag::TagError),
    #[error(transparent)]
    Master(#[from] crate::master::MasterError),
    #[error("encoding worker failed: {0}")]
    Worker(String),
    #[error(transparent)]
    Interrupted(#[from] crate::cancel::Interrupted),
}

/// What LAME, or the writer it encodes into, reported.
#[derive(Debug, thiserror::Error)]
pub enum LameError {
    #[error(transparent)]
    Setup(#[from] mp3lame_encoder::BuildError),
    #[error(transparent)]
    Encode(#[from] mp3lame_encoder::EncodeError),
    #[error(transparent)]
    Write(#[from] std::io::Error),
}
