//! A clip: one segment's audio as an engine produced it, and the episode format it becomes.

use crate::time::{Frames, SampleRate};

/// PCM audio as floats in [-1, 1], channels interleaved, at the engine's own rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Clip {
    pub sample_rate: SampleRate,
    pub channels: u16,
    pub samples: Vec<f32>,
}

impl Clip {
    pub fn frames(&self) -> Frames {
        Frames((self.samples.len() / self.channels.max(1) as usize) as u64)
    }

    /// Average the channels into one.
    pub fn into_mono(self) -> Clip {
        if self.channels <= 1 {
            return Clip { channels: 1, ..self };
        }
        let channels = self.channels as usize;
        let samples =
            self.samples.chunks_exact(channels).map(|frame| frame.iter().sum::<f32>() / channels as f32).collect();
        Clip { sample_rate: self.sample_rate, channels: 1, samples }
    }
}

/// The format of every episode: 44.1 kHz mono, as podcast hosts expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeFormat {
    pub sample_rate: SampleRate,
}

impl Default for EpisodeFormat {
    fn default() -> Self {
        EpisodeFormat { sample_rate: SampleRate(44_100) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stereo_is_averaged_to_mono() {
        let clip = Clip { sample_rate: SampleRate(8000), channels: 2, samples: vec![0.5, -0.5, 1.0, 0.0] };
        let mono = clip.into_mono();
        assert_eq!(mono.channels, 1);
        assert_eq!(mono.samples, vec![0.0, 0.5]);
    }
}
