//! Errors of the ingest stage.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read {path}: file not found")]
    NotFound { path: PathBuf },
    #[error("cannot read {path}: it is a folder, not a file")]
    IsDirectory { path: PathBuf },
    #[error("cannot read {path}: it is a device or socket, not a file")]
    NotAFile { path: PathBuf },
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read standard input")]
    Stdin(#[source] std::io::Error),
    #[error("{name} is larger than the {limit_mb} MB input limit")]
    TooLarge { name: String, limit_mb: u64 },
    #[error("{name} is empty: there is nothing to read")]
    Empty { name: String },
    #[error("{name} looks like a binary file, not text")]
    Binary { name: String },
    #[error("cannot fetch {url}: {reason}")]
    Fetch { url: String, reason: String },
    #[error("cannot fetch {url}: the server answered HTTP {status}")]
    HttpStatus { url: String, status: u16 },
    #[error("cannot read {url}: its content type is {content_type}, not a web page or text")]
    ContentType { url: String, content_type: String },
    #[error("cannot read {name} as a web page: {reason}")]
    Html { name: String, reason: String },
    #[error("cannot read folder {path}")]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("folder {path} holds no .txt, .md or .html files")]
    EmptyFolder { path: PathBuf },
    #[error("folder {path} holds more than {limit} article files")]
    TooManyFiles { path: PathBuf, limit: usize },
}
