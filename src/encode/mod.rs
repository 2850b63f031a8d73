//! Encode: episode PCM becomes files. Each encoder writes under a temporary name and is renamed
//! into place by `finish`, so an interrupted run leaves nothing at the final path.

mod error;
mod wav;

pub use error::EncodeError;
pub use wav::WavEncoder;
