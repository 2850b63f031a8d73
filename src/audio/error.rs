//! Errors of the audio stages.

#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error("cannot convert {from} Hz audio to {to} Hz: {reason}")]
    Resample { from: u32, to: u32, reason: String },
    #[error("cannot write audio to {path}: {reason}")]
    Write { path: String, reason: String },
}
