//! Errors of the mastering stage.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum MasterError {
    #[error("cannot use the temporary audio file in {dir}")]
    Spool {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("loudness measurement failed")]
    Meter(#[source] ebur128::Error),
    #[error("loudness measurement failed: a trial thread panicked")]
    TrialPanicked,
}
