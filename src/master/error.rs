//! Errors of the mastering stage.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum MasterError {
    #[error("cannot use the temporary audio file in {dir}: {source}")]
    Spool {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("loudness measurement failed: {0}")]
    Meter(String),
}
