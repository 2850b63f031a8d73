//! MP3 with LAME (through `mp3lame-encoder`, which builds its bundled LAME): 44.1 kHz mono,
//! constant bitrate.
//!
//! One [`Mp3Encoder`] encodes one part of an episode. Only the first part's encoder reserves
//! the Xing/LAME info frame; `lame_tag` rewrites it for the joined stream.

use std::io::Write;

use mp3lame_encoder::{Bitrate, Builder, FlushGap, Mode, MonoPcm, Quality};

use super::lame_tag::FrameCounter;
use super::{EncodeError, LameError};
use crate::time::SampleRate;

/// Bitrates LAME offers for MPEG-1 Layer III, in kbps.
pub const BITRATES: [u32; 13] = [32, 40, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

fn bitrate(kbps: u32) -> Option<Bitrate> {
    Some(match kbps {
        32 => Bitrate::Kbps32,
        40 => Bitrate::Kbps40,
        48 => Bitrate::Kbps48,
        64 => Bitrate::Kbps64,
        80 => Bitrate::Kbps80,
        96 => Bitrate::Kbps96,
        112 => Bitrate::Kbps112,
        128 => Bitrate::Kbps128,
        160 => Bitrate::Kbps160,
        192 => Bitrate::Kbps192,
        224 => Bitrate::Kbps224,
        256 => Bitrate::Kbps256,
        320 => Bitrate::Kbps320,
        _ => return None,
    })
}

/// Is `kbps` a bitrate the encoder can produce?
pub fn is_supported_bitrate(kbps: u32) -> bool {
    bitrate(kbps).is_some()
}

/// Encodes mono float PCM into `W`, counting the frames it writes.
pub struct Mp3Encoder<W: Write> {
    encoder: mp3lame_encoder::Encoder,
    out: W,
    buffer: Vec<u8>,
    counter: FrameCounter,
    bytes: u64,
    label: String,
}

impl<W: Write> Mp3Encoder<W> {
    /// `with_info_frame`: reserve the first frame for the Xing/LAME tag (first part only).
    pub fn new(out: W, rate: SampleRate, kbps: u32, with_info_frame: bool, label: &str) -> Result<Self, EncodeError> {
        let err = |reason: String| EncodeError::Mp3 { what: label.to_string(), reason };
        let lame = |e: mp3lame_encoder::BuildError| EncodeError::Lame { what: label.to_string(), source: e.into() };
        let brate = bitrate(kbps).ok_or_else(|| err(format!("{kbps} kbps is not an MP3 bitrate")))?;
        let mut builder = Builder::new().ok_or_else(|| err("LAME could not allocate an encoder".into()))?;
        builder.set_num_channels(1).map_err(lame)?;
        builder.set_sample_rate(rate.0).map_err(lame)?;
        builder.set_output_sample_rate(std::num::NonZeroU32::new(rate.0)).map_err(lame)?;
        builder.set_mode(Mode::Mono).map_err(lame)?;
        builder.set_brate(brate).map_err(lame)?;
        // LAME's own default: good quality at a fraction of the slowest setting's time.
        builder.set_quality(Quality::Good).map_err(lame)?;
        builder.set_to_write_vbr_tag(with_info_frame).map_err(lame)?;
        let encoder = builder.build().map_err(lame)?;
        Ok(Mp3Encoder {
            encoder,
            out,
            buffer: Vec::new(),
            counter: FrameCounter::new(),
            bytes: 0,
            label: label.to_string(),
        })
    }

    fn err(&self, reason: String) -> EncodeError {
        EncodeError::Mp3 { what: self.label.clone(), reason }
    }

    fn lame(&self, source: impl Into<LameError>) -> EncodeError {
        EncodeError::Lame { what: self.label.clone(), source: source.into() }
    }

    fn emit(&mut self) -> Result<(), EncodeError> {
        self.counter.feed(&self.buffer);
        self.bytes += self.buffer.len() as u64;
        let result = self.out.write_all(&self.buffer);
        self.buffer.clear();
        result.map_err(|e| self.lame(e))
    }

    pub fn encode(&mut self, samples: &[f32]) -> Result<(), EncodeError> {
        // LAME reads at most a few thousand samples per call into its own buffers; bounded
        // pieces keep the output buffer bounded too.
        for piece in samples.chunks(8192) {
            self.buffer.reserve(mp3lame_encoder::max_required_buffer_size(piece.len()));
            self.encoder.encode_to_vec(MonoPcm(piece), &mut self.buffer).map_err(|e| self.lame(e))?;
            self.emit()?;
        }
        Ok(())
    }

    /// Flush the last frames; returns the writer, the frames written and the info frame LAME
    /// made (empty without one).
    pub fn finish(mut self) -> Result<Mp3Part<W>, EncodeError> {
        self.buffer.reserve(7200);
        self.encoder.flush_to_vec::<FlushGap>(&mut self.buffer).map_err(|e| self.lame(e))?;
        self.emit()?;
        let frames = self
            .counter
            .frames()
            .ok_or_else(|| self.err("LAME wrote something that is not a frame sequence".into()))?;
        let mut info_frame = Vec::with_capacity(2048);
        self.encoder.lame_tag_encode_to_vec(&mut info_frame);
        Ok(Mp3Part { out: self.out, frames, bytes: self.bytes, info_frame })
    }
}

/// One encoded part.
pub struct Mp3Part<W> {
    pub out: W,
    /// Frames written, the info frame included when there is one.
    pub frames: u64,
    pub bytes: u64,
    pub info_frame: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::lame_tag::SAMPLES_PER_FRAME;

    #[test]
    fn frames_follow_the_predicted_count() {
        for n in [1usize, 1151, 1152, 1153, 5 * 1152, 44_100] {
            let pcm: Vec<f32> = (0..n).map(|i| 0.3 * (i as f32 * 0.1).sin()).collect();
            let mut enc = Mp3Encoder::new(Vec::new(), SampleRate(44_100), 96, false, "test").unwrap();
            enc.encode(&pcm).unwrap();
            let part = enc.finish().unwrap();
            assert_eq!(part.frames, crate::encode::plan::frames_for(n as u64), "n = {n}");
            assert_eq!(part.bytes as usize, part.out.len());
            assert!(part.info_frame.is_empty());
            assert!(part.frames * SAMPLES_PER_FRAME >= n as u64 + 576);
        }
    }

    #[test]
    fn unsupported_bitrates_are_refused() {
        assert!(!is_supported_bitrate(100));
        assert!(is_supported_bitrate(96));
        assert!(Mp3Encoder::new(Vec::new(), SampleRate(44_100), 100, false, "x").is_err());
    }
}
