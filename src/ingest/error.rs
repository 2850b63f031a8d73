//! Errors of the ingest stage.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read {path}: file not found")]
    NotFound { path: PathBuf },
    #[error("cannot read {path}: it is a folder, not a file")]
    IsDirectory { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read standard input: {0}")]
    Stdin(#[source] std::io::Error),
    #[error("{name} is larger than the {limit_mb} MB input limit")]
    TooLarge { name: String, limit_mb: u64 },
    #[error("{name} is empty: there is nothing to read")]
    Empty { name: String },
    #[error("{name} looks like a binary file, not text")]
    Binary { name: String },
}
