//! Encode: mastered PCM becomes files. Every file is written under a temporary name and put in
//! place with the episode's other files at the end, so an interrupted run leaves nothing at a
//! final path.
//!
//! `pass` is the second streaming pass over the spooled episode: it masters and encodes the
//! parts of the episode in parallel (`plan` says where to cut), and `lame_tag` makes the joined
//! MP3 stream's info frame tell the truth about the whole.

mod error;
pub mod lame_tag;
mod mp3;
pub mod pass;
pub mod plan;
mod wav;

pub use error::{EncodeError, LameError};
pub use mp3::{BITRATES, Mp3Encoder, Mp3Part, is_supported_bitrate};
pub use wav::{WavFile, to_i16};
