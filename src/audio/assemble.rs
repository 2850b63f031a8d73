//! Assembly: clips in order become one stream with exact pauses between them.

use super::{AudioError, Clip, EpisodeFormat, PcmSink, RateConverter, trim_silence};
use crate::time::{Frames, Millis};

/// The most frames handed to the sink at once.
const WRITE_FRAMES: usize = 64 * 1024;

/// Where a clip landed in the episode, in frames at the episode rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub start: Frames,
    pub end: Frames,
}

/// Streams clips into a sink. Holds one clip at a time.
pub struct Assembler<S: PcmSink> {
    format: EpisodeFormat,
    converter: RateConverter,
    sink: S,
    position: Frames,
}

impl<S: PcmSink> Assembler<S> {
    pub fn new(format: EpisodeFormat, sink: S) -> Self {
        Assembler { format, converter: RateConverter::new(format.sample_rate), sink, position: Frames(0) }
    }

    /// Convert, trim and write one clip, then `pause` of silence. Returns where the speech landed.
    pub fn push(&mut self, clip: Clip, pause: Millis) -> Result<Placement, AudioError> {
        let mono = clip.into_mono();
        let converted = self.converter.convert(&mono.samples, mono.sample_rate)?;
        let speech = trim_silence(&converted);
        let start = self.position;
        // In pieces, so a sink that buffers what it is given (the spool) never buffers a whole
        // long clip.
        for piece in speech.chunks(WRITE_FRAMES) {
            self.sink.write(piece)?;
        }
        self.position += Frames(speech.len() as u64);
        let end = self.position;
        let pause_frames = pause.to_frames(self.format.sample_rate);
        self.sink.write_silence(pause_frames.0)?;
        self.position += pause_frames;
        Ok(Placement { start, end })
    }

    /// Frames written so far.
    pub fn position(&self) -> Frames {
        self.position
    }

    pub fn into_sink(self) -> S {
        self.sink
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::VecSink;
    use crate::time::SampleRate;

    fn tone(rate: u32, frames: usize, lead: usize, tail: usize) -> Clip {
        let mut samples = vec![0.0; lead];
        samples.extend((0..frames).map(|i| if i % 2 == 0 { 0.4 } else { -0.4 }));
        samples.extend(vec![0.0; tail]);
        Clip { sample_rate: SampleRate(rate), channels: 1, samples }
    }

    #[test]
    fn pauses_are_exact_and_edges_trimmed() {
        let mut asm = Assembler::new(EpisodeFormat::default(), VecSink::default());
        let a = asm.push(tone(44_100, 1000, 300, 500), Millis(250)).unwrap();
        let b = asm.push(tone(44_100, 2000, 10, 10), Millis(700)).unwrap();
        assert_eq!(a, Placement { start: Frames(0), end: Frames(1000) });
        assert_eq!(b.start, Frames(1000 + 11_025));
        assert_eq!(b.end, Frames(1000 + 11_025 + 2000));
        let out = asm.into_sink().samples;
        assert_eq!(out.len(), 1000 + 11_025 + 2000 + 30_870);
        assert!(out[1000..1000 + 11_025].iter().all(|&s| s == 0.0));
        assert!(out[1000 + 11_025].abs() > 0.1);
    }

    #[test]
    fn other_rates_and_stereo_are_converted() {
        let mut asm = Assembler::new(EpisodeFormat::default(), VecSink::default());
        // A 22.05 kHz stereo sine of half a second.
        let samples: Vec<f32> = (0..11_025)
            .flat_map(|i| {
                let s = 0.5 * (2.0 * std::f32::consts::PI * 200.0 * i as f32 / 22_050.0).sin();
                [s, s]
            })
            .collect();
        let clip = Clip { sample_rate: SampleRate(22_050), channels: 2, samples };
        let placed = asm.push(clip, Millis(0)).unwrap();
        let frames = (placed.end.0 - placed.start.0) as i64;
        assert!((frames - 22_050).abs() < 60, "frames {frames}");
    }
}
