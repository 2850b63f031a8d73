//! Errors of the audio stages.

use std::path::PathBuf;

/// What failed below: the resampler's own error, or a sink's (an I/O error, the loudness meter).
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error("cannot convert {from} Hz audio to {to} Hz")]
    Resample {
        from: u32,
        to: u32,
        #[source]
        source: Cause,
    },
    #[error("cannot write audio to {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: Cause,
    },
}
