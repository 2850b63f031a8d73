//! Rate conversion with rubato's FFT resampler, one resampler kept per source rate (building
//! one is the expensive part).

use std::borrow::Cow;
use std::collections::HashMap;

use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Resampler};

use super::{AudioError, Cause};
use crate::time::SampleRate;

const CHUNK_FRAMES: usize = 1024;

/// Converts mono clips from any rate to one target rate.
pub struct RateConverter {
    target: SampleRate,
    resamplers: HashMap<u32, Fft<f32>>,
}

impl RateConverter {
    pub fn new(target: SampleRate) -> Self {
        RateConverter { target, resamplers: HashMap::new() }
    }

    /// Resample mono `samples` from `from` to the target rate. The output is aligned with the
    /// input (rubato trims its own delay) and lasts the same time to within a frame. Samples
    /// already at the target rate are borrowed, not copied (a long clip would be held twice).
    pub fn convert<'a>(&mut self, samples: &'a [f32], from: SampleRate) -> Result<Cow<'a, [f32]>, AudioError> {
        if from == self.target || samples.is_empty() {
            return Ok(Cow::Borrowed(samples));
        }
        let to = self.target.0;
        let err = |source: Cause| AudioError::Resample { from: from.0, to, source };
        let resampler = match self.resamplers.entry(from.0) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                Fft::<f32>::new(from.0 as usize, to as usize, CHUNK_FRAMES, 1, FixedSync::Both)
                    .map_err(|e| err(e.into()))?,
            ),
        };
        let input = InterleavedSlice::new(samples, 1, samples.len()).map_err(|e| err(e.into()))?;
        let output = resampler.process_all(&input, samples.len(), None).map_err(|e| err(e.into()))?;
        Ok(Cow::Owned(output.take_data()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(rate: u32, hz: f32, seconds: f32) -> Vec<f32> {
        let n = (rate as f32 * seconds) as usize;
        (0..n).map(|i| 0.5 * (2.0 * std::f32::consts::PI * hz * i as f32 / rate as f32).sin()).collect()
    }

    #[test]
    fn upsampling_keeps_duration_and_pitch() {
        let mut conv = RateConverter::new(SampleRate(44_100));
        let input = sine(22_050, 440.0, 1.0);
        let out = conv.convert(&input, SampleRate(22_050)).unwrap();
        assert!((out.len() as i64 - 44_100).abs() <= 2, "len {}", out.len());
        // Count zero crossings in the steady middle: 440 Hz gives about 880 per second.
        let mid = &out[4410..39_690];
        let crossings = mid.windows(2).filter(|w| w[0] < 0.0 && w[1] >= 0.0).count();
        let expected = 440.0 * mid.len() as f64 / 44_100.0;
        assert!((crossings as f64 - expected).abs() < 3.0, "crossings {crossings}, expected {expected}");
    }

    #[test]
    fn downsampling_from_48k_and_passthrough() {
        let mut conv = RateConverter::new(SampleRate(44_100));
        let input = sine(48_000, 300.0, 0.5);
        let out = conv.convert(&input, SampleRate(48_000)).unwrap();
        assert!((out.len() as i64 - 22_050).abs() <= 2, "len {}", out.len());
        let same = sine(44_100, 300.0, 0.1);
        assert_eq!(conv.convert(&same, SampleRate(44_100)).unwrap().as_ref(), &same[..]);
    }
}
