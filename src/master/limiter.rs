//! A look-ahead true-peak limiter: the gain comes down smoothly *before* a peak that would pass
//! the ceiling, and recovers slowly after it, so nothing is clipped and no click is made.
//!
//! For each sample the detector gives the gain that keeps it (and the waveform around it) at
//! the ceiling. A sliding minimum over the attack window followed by a moving average over the
//! same window turns those gains into a ramp that reaches each required gain by the time its
//! sample is played: every average includes the minimum that covers that sample, so the
//! applied gain is never above the required one. A one-pole release lets the gain rise again.
//!
//! The limiter delays its input by the look-ahead; [`Limiter::process`] and
//! [`Limiter::finish`] hide that, so the output lines up sample for sample with the input and
//! the manifest's times stay exact.

use std::collections::VecDeque;

use super::true_peak::{TRUE_PEAK_DELAY, TruePeakDetector};
use crate::time::SampleRate;

/// Time the gain takes to come down before a peak. Short enough not to dull the speech around
/// a peak, long enough that the gain change makes no audible distortion.
const ATTACK_S: f64 = 0.005;
/// Time constant of the gain's recovery after a peak.
const RELEASE_S: f64 = 0.080;

pub struct Limiter {
    ceiling: f32,
    attack: usize,
    release: f32,
    detector: TruePeakDetector,
    /// The previous sample's peak: the waveform between two samples is limited by both.
    previous_peak: f32,
    /// Monotonic queue of (index, required gain) for the sliding minimum.
    minimum: VecDeque<(u64, f32)>,
    envelope: f32,
    /// The last `attack` envelope values and their sum, for the moving average.
    window: VecDeque<f32>,
    window_sum: f64,
    /// Input samples waiting for their gain.
    delay: VecDeque<f32>,
    index: u64,
    /// Peaks of the block being processed.
    peaks: Vec<f32>,
    /// Samples pushed so far by the caller, to know how many to flush.
    pushed: u64,
    emitted: u64,
}

impl Limiter {
    /// A limiter that keeps the true peak at or below `ceiling` (linear, e.g. 0.891 for -1 dBTP).
    pub fn new(rate: SampleRate, ceiling: f32) -> Limiter {
        let attack = ((ATTACK_S * rate.0 as f64).round() as usize).max(1);
        let release = (-1.0 / (RELEASE_S * rate.0 as f64)).exp() as f32;
        let mut window = VecDeque::with_capacity(attack + 1);
        window.extend(std::iter::repeat_n(1.0f32, attack));
        Limiter {
            ceiling,
            attack,
            release,
            detector: TruePeakDetector::new(),
            previous_peak: 0.0,
            minimum: VecDeque::with_capacity(attack + 1),
            envelope: 1.0,
            window,
            window_sum: attack as f64,
            delay: VecDeque::with_capacity(Self::latency_for(attack) + 1),
            index: 0,
            peaks: Vec::new(),
            pushed: 0,
            emitted: 0,
        }
    }

    fn latency_for(attack: usize) -> usize {
        TRUE_PEAK_DELAY + attack - 1
    }

    /// Samples between input and output inside the limiter (hidden from the caller).
    pub fn latency(&self) -> usize {
        Self::latency_for(self.attack)
    }

    /// Limit `input`, appending the finished samples to `out`. Fewer come out than go in until
    /// [`Limiter::finish`] flushes the rest.
    pub fn process(&mut self, input: &[f32], out: &mut Vec<f32>) {
        self.pushed += input.len() as u64;
        self.feed(input, out);
    }

    fn feed(&mut self, input: &[f32], out: &mut Vec<f32>) {
        let mut peaks = std::mem::take(&mut self.peaks);
        peaks.clear();
        self.detector.peaks(input, self.ceiling, &mut peaks);
        for (&x, &peak) in input.iter().zip(&peaks) {
            self.step(x, peak, out);
        }
        self.peaks = peaks;
    }

    /// Flush: after this, exactly as many samples have come out as went in.
    pub fn finish(&mut self, out: &mut Vec<f32>) {
        let zeros = [0.0f32; 256];
        while self.emitted < self.pushed {
            let missing = (self.pushed - self.emitted).min(zeros.len() as u64) as usize;
            self.feed(&zeros[..missing], out);
        }
    }

    #[inline]
    fn step(&mut self, x: f32, peak: f32, out: &mut Vec<f32>) {
        self.delay.push_back(x);
        let around = peak.max(self.previous_peak);
        self.previous_peak = peak;
        let required = if around > self.ceiling { self.ceiling / around } else { 1.0 };

        // Sliding minimum over the last `attack` required gains.
        let i = self.index;
        self.index += 1;
        while self.minimum.back().is_some_and(|&(_, g)| g >= required) {
            self.minimum.pop_back();
        }
        self.minimum.push_back((i, required));
        while self.minimum.front().is_some_and(|&(j, _)| j + self.attack as u64 <= i) {
            self.minimum.pop_front();
        }
        let min = self.minimum.front().map_or(1.0, |&(_, g)| g);

        // Release: rise towards 1 no faster than the time constant, fall at once.
        self.envelope = min.min(1.0 - (1.0 - self.envelope) * self.release);

        // Moving average over the attack window.
        self.window_sum += self.envelope as f64;
        self.window.push_back(self.envelope);
        if let Some(old) = self.window.pop_front() {
            self.window_sum -= old as f64;
        }
        let gain = (self.window_sum / self.attack as f64) as f32;

        // The gain belongs to the sample `latency` steps back: the oldest one waiting. No
        // sample is waiting for the first `latency` steps, which is how the delay is hidden.
        if self.delay.len() > self.latency()
            && let Some(sample) = self.delay.pop_front()
            && self.emitted < self.pushed
        {
            out.push(sample * gain.min(1.0));
            self.emitted += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::master::db_to_linear;

    const RATE: SampleRate = SampleRate(44_100);

    fn run(input: &[f32], ceiling: f32) -> Vec<f32> {
        let mut limiter = Limiter::new(RATE, ceiling);
        let mut out = Vec::new();
        for chunk in input.chunks(1000) {
            limiter.process(chunk, &mut out);
        }
        limiter.finish(&mut out);
        out
    }

    fn true_peak(samples: &[f32]) -> f32 {
        let mut detector = TruePeakDetector::new();
        let mut peak = 0.0f32;
        for &s in samples.iter().chain(&[0.0; 16]) {
            peak = peak.max(detector.push(s));
        }
        peak
    }

    /// A speech-like test signal: bursts of a 220 Hz tone with harmonics and loud transients.
    fn bursts() -> Vec<f32> {
        (0..44_100)
            .map(|i| {
                let t = i as f32 / 44_100.0;
                let burst = if (i / 8820) % 2 == 0 { 1.0 } else { 0.2 };
                let tone = (2.0 * std::f32::consts::PI * 220.0 * t).sin()
                    + 0.5 * (2.0 * std::f32::consts::PI * 3_300.0 * t).sin();
                burst * 1.4 * tone
            })
            .collect()
    }

    #[test]
    fn output_is_aligned_and_as_long_as_input() {
        let input: Vec<f32> = (0..5000).map(|i| if i == 1234 { 0.3 } else { 0.0 }).collect();
        let out = run(&input, 0.9);
        assert_eq!(out.len(), input.len());
        // Below the ceiling nothing changes, and nothing moves in time.
        assert_eq!(out, input);
    }

    #[test]
    fn peaks_stay_under_the_ceiling_without_clipping() {
        let input = bursts();
        let ceiling = db_to_linear(-1.0) as f32;
        assert!(true_peak(&input) > 1.5);
        let out = run(&input, ceiling);
        assert_eq!(out.len(), input.len());
        let tp = true_peak(&out);
        assert!(tp <= ceiling * 1.005, "true peak {tp} over ceiling {ceiling}");
        // Not clipping: the limited waveform is the input scaled by a smooth gain, so where
        // the input crosses zero the output does too, and the gain stays positive.
        for (i, (&a, &b)) in input.iter().zip(&out).enumerate() {
            assert!(a == 0.0 || (b / a) > 0.2 && (b / a) <= 1.0 + 1e-6, "sample {i}: {a} -> {b}");
        }
        // The quiet halves recover to near unity gain after the release.
        let quiet = 8820 + 8000;
        assert!((out[quiet] / input[quiet]) > 0.9, "gain {}", out[quiet] / input[quiet]);
    }

    #[test]
    fn gain_changes_smoothly() {
        // A single loud sample in a steady tone: the gain ramps over the attack window instead
        // of stepping.
        let mut input: Vec<f32> = (0..10_000).map(|i| 0.5 * (i as f32 * 0.05).sin()).collect();
        input[5000] = 1.8;
        let out = run(&input, 0.9);
        // The gain of each sample, where the sample is large enough to tell it.
        let gains: Vec<Option<f32>> = input.iter().zip(&out).map(|(a, b)| (a.abs() > 1e-2).then(|| b / a)).collect();
        let biggest_step =
            gains.windows(2).skip(100).filter_map(|w| Some((w[1]? - w[0]?).abs())).fold(0.0f32, f32::max);
        assert!(biggest_step < 0.02, "gain jumps by {biggest_step}");
        assert!(gains[5000].is_some_and(|g| g <= 0.5 + 1e-3));
    }
}
