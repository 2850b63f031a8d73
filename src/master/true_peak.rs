//! True-peak detection: the highest level between samples, found by 4x oversampling.
//!
//! A reconstructed waveform can swing above its samples (ITU-R BS.1770 "true peak"); a limiter
//! that only looks at samples lets those overs through, and a decoder or a lossy encoder then
//! clips them. Each sample is interpolated at 1/4, 1/2 and 3/4 of the way to the next with a
//! windowed-sinc filter of 12 taps per phase. (The `ebur128` crate measures true peak too, but
//! only as the maximum of everything it has seen; the limiter needs a peak for every sample.)

const TAPS: usize = 12;
/// Samples of look-ahead the interpolation needs: the value between n and n+1 depends on
/// samples up to n+6.
pub const TRUE_PEAK_DELAY: usize = TAPS / 2;

/// Windows checked together for the shortcut in [`TruePeakDetector::peaks`].
const BLOCK: usize = 64;

/// Streaming detector: push samples, get the peak around each sample pushed
/// [`TRUE_PEAK_DELAY`] samples earlier.
pub struct TruePeakDetector {
    phases: [[f32; TAPS]; 3],
    /// The largest gain any phase has (sum of its taps' magnitudes): no interpolated value can
    /// exceed the loudest sample in its window times this.
    bound: f32,
    /// The last `TAPS - 1` samples followed by the current input.
    buffer: Vec<f32>,
}

impl Default for TruePeakDetector {
    fn default() -> Self {
        Self::new()
    }
}

impl TruePeakDetector {
    pub fn new() -> Self {
        let mut phases = [[0.0f32; TAPS]; 3];
        let half = (TAPS / 2) as f64;
        for (p, phase) in phases.iter_mut().enumerate() {
            let frac = (p + 1) as f64 / 4.0;
            let mut sum = 0.0;
            let mut taps = [0.0f64; TAPS];
            for (i, tap) in taps.iter_mut().enumerate() {
                // Tap i weighs sample n + i - 5; its distance from the point n + frac:
                let t = frac - (i as f64 - (half - 1.0));
                let sinc = if t == 0.0 { 1.0 } else { (std::f64::consts::PI * t).sin() / (std::f64::consts::PI * t) };
                let window = 0.5 * (1.0 + (std::f64::consts::PI * t / half).cos());
                *tap = sinc * window;
                sum += *tap;
            }
            // Unity gain at DC, so a constant level reads as itself.
            for (out, tap) in phase.iter_mut().zip(taps) {
                *out = (tap / sum) as f32;
            }
        }
        let bound = phases.iter().map(|p| p.iter().map(|h| h.abs()).sum::<f32>()).fold(0.0, f32::max);
        TruePeakDetector { phases, bound, buffer: vec![0.0; TAPS - 1] }
    }

    /// The peaks for a whole block of input, one per sample (each [`TRUE_PEAK_DELAY`] samples
    /// behind, as with [`TruePeakDetector::push`]). Where no interpolated value could exceed
    /// `threshold`, the sample's own level stands in for the exact peak: the caller only needs
    /// the exact value above its threshold, and speech is mostly well below it.
    pub fn peaks(&mut self, input: &[f32], threshold: f32, out: &mut Vec<f32>) {
        self.buffer.truncate(TAPS - 1);
        self.buffer.extend_from_slice(input);
        let centre = TAPS / 2 - 1;
        for start in (0..input.len()).step_by(BLOCK) {
            let end = (start + BLOCK).min(input.len());
            let loudest = self.buffer[start..end + TAPS - 1].iter().fold(0.0f32, |m, s| m.max(s.abs()));
            if loudest * self.bound <= threshold {
                out.extend(self.buffer[start + centre..end + centre].iter().map(|s| s.abs()));
                continue;
            }
            for window in self.buffer[start..end + TAPS - 1].windows(TAPS) {
                let mut peak = window[centre].abs();
                for phase in &self.phases {
                    let value: f32 = phase.iter().zip(window).map(|(h, x)| h * x).sum();
                    peak = peak.max(value.abs());
                }
                out.push(peak);
            }
        }
        let keep = self.buffer.len() - (TAPS - 1);
        self.buffer.drain(..keep);
    }

    /// Push the next sample; returns the absolute peak of the sample [`TRUE_PEAK_DELAY`] back
    /// and of the waveform between it and its successor.
    pub fn push(&mut self, sample: f32) -> f32 {
        let mut out = Vec::with_capacity(1);
        self.peaks(&[sample], 0.0, &mut out);
        out.first().copied().unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_peak_between_samples() {
        // A sine at a quarter of the sample rate, phase-shifted by 45 degrees: every sample sits
        // at 0.707 of the amplitude, the true peak is the full amplitude (+3 dB).
        let samples: Vec<f32> =
            (0..200).map(|i| (std::f32::consts::FRAC_PI_2 * i as f32 + std::f32::consts::FRAC_PI_4).sin()).collect();
        let sample_peak = samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        let mut detector = TruePeakDetector::new();
        let peaks: Vec<f32> = samples.iter().map(|&s| detector.push(s)).collect();
        let true_peak = peaks[50..150].iter().fold(0.0f32, |m, &p| m.max(p));
        assert!(sample_peak < 0.71, "{sample_peak}");
        assert!(true_peak > 0.97 && true_peak < 1.03, "{true_peak}");
    }

    #[test]
    fn block_shortcut_agrees_with_the_exact_peaks_above_the_threshold() {
        let signal: Vec<f32> = (0..5000)
            .map(|i| {
                let loud = if (i / 700) % 2 == 0 { 0.9 } else { 0.1 };
                loud * (i as f32 * 0.7).sin() * (i as f32 * 0.013).cos()
            })
            .collect();
        let mut exact = TruePeakDetector::new();
        let expected: Vec<f32> = signal.iter().map(|&s| exact.push(s)).collect();
        let mut fast = TruePeakDetector::new();
        let mut got = Vec::new();
        for piece in signal.chunks(333) {
            fast.peaks(piece, 0.5, &mut got);
        }
        assert_eq!(got.len(), expected.len());
        for (i, (&g, &e)) in got.iter().zip(&expected).enumerate() {
            if e > 0.5 {
                assert!((g - e).abs() < 1e-6, "sample {i}: {g} vs {e}");
            } else {
                assert!(g <= 0.5, "sample {i}: {g} above the threshold where the exact peak is {e}");
            }
        }
    }

    #[test]
    fn reports_with_the_documented_delay() {
        let mut detector = TruePeakDetector::new();
        let mut out = Vec::new();
        for i in 0..20 {
            out.push(detector.push(if i == 3 { 0.5 } else { 0.0 }));
        }
        // The impulse at 3 is reported as the sample peak at 3 + delay, and no earlier than its
        // ringing allows.
        assert!((out[3 + TRUE_PEAK_DELAY] - 0.5).abs() < 1e-6);
        assert!(out[..3].iter().all(|&p| p == 0.0));
    }
}
