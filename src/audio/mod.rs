//! Audio: clips from the engines become one episode-format PCM stream.
//!
//! Assembly is streamed: each clip is converted (channels, then rate), trimmed of its edge
//! silence, written with the pause that follows it, and dropped. Memory holds one clip at a
//! time, however long the episode.

mod assemble;
mod clip;
mod error;
mod resample;
mod sink;
mod stream_resample;
mod trim;

pub use assemble::{Assembler, Placement};
pub use clip::{Clip, EpisodeFormat};
pub use error::{AudioError, Cause};
pub use resample::RateConverter;
pub use sink::{PcmSink, VecSink};
pub use stream_resample::StreamResampler;
pub use trim::{SILENCE_THRESHOLD, trim_silence};
