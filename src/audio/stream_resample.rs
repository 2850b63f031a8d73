//! Rate conversion of a mono stream fed in pieces, so a long clip is converted as it is read
//! instead of after it is held whole (an engine's WAV of minutes would otherwise sit in memory
//! once as read and once converted).
//!
//! The same rubato FFT resampler as [`super::RateConverter`], driven chunk by chunk the way
//! rubato's `process_all` drives it over a whole buffer: the startup delay is dropped and the
//! output lasts as long as the input, so a clip converted in pieces is the clip converted
//! whole. The total length must be known up front (a WAV header says it).

use std::cell::RefCell;
use std::collections::HashMap;

use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Indexing, Resampler};

use super::{AudioError, Cause};
use crate::time::SampleRate;

/// Input frames per resampler call, as in [`super::RateConverter`].
const CHUNK_FRAMES: usize = 1024;

thread_local! {
    /// Building a resampler is the expensive part: each synthesis thread keeps one per pair
    /// of rates, reset before each clip.
    static RESAMPLERS: RefCell<HashMap<(u32, u32), Fft<f32>>> = RefCell::new(HashMap::new());
}

/// Mono samples at one rate in, the same audio at another rate out, a chunk at a time.
pub struct StreamResampler {
    from: SampleRate,
    to: SampleRate,
    /// `None` when the rates are equal: samples pass through.
    resampler: Option<Fft<f32>>,
    /// Input frames per resampler call (rubato may round [`CHUNK_FRAMES`] up for the ratio).
    chunk: usize,
    pending: Vec<f32>,
    scratch: Vec<f32>,
    /// Startup delay frames still to drop from the output.
    to_skip: usize,
    /// Output frames the whole input gives.
    expected: usize,
    out: Vec<f32>,
}

impl StreamResampler {
    /// A converter for `total_frames` frames from `from` to `to`. The output is allocated once,
    /// at its final size, so it never grows by doubling.
    pub fn new(from: SampleRate, to: SampleRate, total_frames: usize) -> Result<Self, AudioError> {
        let err = |source: Cause| AudioError::Resample { from: from.0, to: to.0, source };
        // As rubato's `process_all` counts it, so pieces and whole give the same length.
        let expected = (f64::from(to.0) / f64::from(from.0.max(1)) * total_frames as f64).ceil() as usize;
        if from == to {
            let out = Vec::with_capacity(total_frames);
            let (pending, scratch) = (Vec::new(), Vec::new());
            return Ok(StreamResampler {
                from,
                to,
                resampler: None,
                chunk: 0,
                pending,
                scratch,
                to_skip: 0,
                expected,
                out,
            });
        }
        let cached = RESAMPLERS.with(|r| r.borrow_mut().remove(&(from.0, to.0)));
        let mut resampler = match cached {
            Some(r) => r,
            None => Fft::<f32>::new(from.0 as usize, to.0 as usize, CHUNK_FRAMES, 1, FixedSync::Both)
                .map_err(|e| err(e.into()))?,
        };
        resampler.reset();
        let scratch = vec![0.0; resampler.output_frames_max()];
        let to_skip = resampler.output_delay();
        let out = Vec::with_capacity(expected);
        let chunk = resampler.input_frames_next();
        let pending = Vec::with_capacity(chunk);
        Ok(StreamResampler { from, to, resampler: Some(resampler), chunk, pending, scratch, to_skip, expected, out })
    }

    /// Feed the next samples.
    pub fn push(&mut self, mut samples: &[f32]) -> Result<(), AudioError> {
        if self.resampler.is_none() {
            self.out.extend_from_slice(samples);
            return Ok(());
        }
        while !samples.is_empty() {
            let take = (self.chunk - self.pending.len()).min(samples.len());
            self.pending.extend_from_slice(&samples[..take]);
            samples = &samples[take..];
            if self.pending.len() == self.chunk {
                self.process(None)?;
            }
        }
        Ok(())
    }

    /// The converted stream: as long as the input, at the new rate.
    pub fn finish(mut self) -> Result<Vec<f32>, AudioError> {
        if self.resampler.is_some() {
            if !self.pending.is_empty() {
                self.process(Some(self.pending.len()))?;
            }
            // Past the input, the resampler is fed silence until the delayed tail is out.
            while self.out.len() < self.expected {
                self.process(Some(0))?;
            }
            self.out.truncate(self.expected);
        }
        if let Some(resampler) = self.resampler.take() {
            RESAMPLERS.with(|r| r.borrow_mut().insert((self.from.0, self.to.0), resampler));
        }
        Ok(self.out)
    }

    /// Run the resampler on the pending chunk (`partial`: how much of it is real input).
    fn process(&mut self, partial: Option<usize>) -> Result<(), AudioError> {
        let (from, to) = (self.from.0, self.to.0);
        let err = |source: Cause| AudioError::Resample { from, to, source };
        let Some(resampler) = self.resampler.as_mut() else { return Ok(()) };
        self.pending.resize(self.chunk, 0.0);
        let input = InterleavedSlice::new(&self.pending[..], 1, self.chunk).map_err(|e| err(e.into()))?;
        let frames = self.scratch.len();
        let mut output = InterleavedSlice::new_mut(&mut self.scratch[..], 1, frames).map_err(|e| err(e.into()))?;
        let indexing = partial.map(|n| Indexing::new().partial_len(n));
        let (_, produced) =
            resampler.process_into_buffer(&input, &mut output, indexing.as_ref()).map_err(|e| err(e.into()))?;
        let skip = self.to_skip.min(produced);
        self.to_skip -= skip;
        self.out.extend_from_slice(&self.scratch[skip..produced]);
        self.pending.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::RateConverter;

    fn sine(rate: u32, hz: f32, frames: usize) -> Vec<f32> {
        (0..frames).map(|i| 0.5 * (2.0 * std::f32::consts::PI * hz * i as f32 / rate as f32).sin()).collect()
    }

    #[test]
    fn in_pieces_is_the_same_as_whole() {
        for (from, frames) in [(22_050, 33_333), (48_000, 700), (8_000, 1024 * 3)] {
            let input = sine(from, 330.0, frames);
            let whole = RateConverter::new(SampleRate(44_100)).convert(&input, SampleRate(from)).unwrap();
            let mut stream = StreamResampler::new(SampleRate(from), SampleRate(44_100), frames).unwrap();
            for piece in input.chunks(777) {
                stream.push(piece).unwrap();
            }
            let pieces = stream.finish().unwrap();
            assert_eq!(pieces.len(), whole.len(), "{from} Hz");
            let worst = pieces.iter().zip(whole.iter()).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
            assert!(worst < 1e-5, "{from} Hz: differs by {worst}");
        }
    }

    #[test]
    fn equal_rates_pass_through() {
        let input = sine(44_100, 200.0, 5000);
        let mut stream = StreamResampler::new(SampleRate(44_100), SampleRate(44_100), input.len()).unwrap();
        stream.push(&input).unwrap();
        assert_eq!(stream.finish().unwrap(), input);
    }
}
