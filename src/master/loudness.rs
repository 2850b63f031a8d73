//! EBU R128 measurement with the `ebur128` crate, and the report the manifest keeps.

use ebur128::{EbuR128, Mode};
use serde::{Deserialize, Serialize};

use super::{MasterError, linear_to_db};
use crate::time::SampleRate;

/// What one meter saw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measurement {
    /// Integrated (gated) loudness in LUFS; -inf when nothing was loud enough to pass the gate.
    pub integrated_lufs: f64,
    /// The highest peak in dBFS: the true (oversampled) peak when the meter measured it, else the
    /// sample peak.
    pub peak_db: f64,
}

/// A mono meter. `with_true_peak` adds the 4x-oversampled peak, which costs more than the rest
/// of the measurement together, so the first pass leaves it out.
pub struct LoudnessMeter {
    inner: EbuR128,
    true_peak: bool,
}

impl LoudnessMeter {
    pub fn new(rate: SampleRate, with_true_peak: bool) -> Result<LoudnessMeter, MasterError> {
        let mode = if with_true_peak { Mode::I | Mode::TRUE_PEAK } else { Mode::I | Mode::SAMPLE_PEAK };
        let inner = EbuR128::new(1, rate.0, mode).map_err(MasterError::Meter)?;
        Ok(LoudnessMeter { inner, true_peak: with_true_peak })
    }

    pub fn add(&mut self, samples: &[f32]) -> Result<(), MasterError> {
        self.inner.add_frames_f32(samples).map_err(MasterError::Meter)
    }

    fn peak(&self) -> Result<f64, MasterError> {
        let linear = if self.true_peak { self.inner.true_peak(0) } else { self.inner.sample_peak(0) };
        Ok(linear_to_db(linear.map_err(MasterError::Meter)?))
    }

    pub fn measurement(&self) -> Result<Measurement, MasterError> {
        Ok(Measurement {
            integrated_lufs: self.inner.loudness_global().map_err(MasterError::Meter)?,
            peak_db: self.peak()?,
        })
    }

    /// One measurement over meters that saw consecutive parts of one episode: the gating runs
    /// over all their blocks together, as if one meter had seen everything.
    pub fn combine(meters: &[LoudnessMeter]) -> Result<Measurement, MasterError> {
        let integrated_lufs =
            EbuR128::loudness_global_multiple(meters.iter().map(|m| &m.inner)).map_err(MasterError::Meter)?;
        let mut peak_db = f64::NEG_INFINITY;
        for meter in meters {
            peak_db = peak_db.max(meter.peak()?);
        }
        Ok(Measurement { integrated_lufs, peak_db })
    }
}

/// Mastering as recorded in the manifest. Loudness that could not be measured (a silent
/// episode) is written as null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoudnessReport {
    pub target_lufs: f64,
    pub true_peak_limit_dbtp: f64,
    pub before_lufs: Option<f64>,
    pub before_sample_peak_dbfs: Option<f64>,
    pub gain_db: f64,
    pub after_lufs: Option<f64>,
    pub after_true_peak_dbtp: Option<f64>,
}

/// A finite value rounded to 0.01, or nothing.
pub fn finite(value: f64) -> Option<f64> {
    value.is_finite().then(|| (value * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(amplitude: f32, seconds: f32) -> Vec<f32> {
        let n = (44_100.0 * seconds) as usize;
        (0..n).map(|i| amplitude * (2.0 * std::f32::consts::PI * 997.0 * i as f32 / 44_100.0).sin()).collect()
    }

    #[test]
    fn full_scale_sine_reads_about_minus_three_lufs() {
        // EBU Tech 3341: a 997 Hz sine at 0 dBFS peak in one channel reads -3.01 LUFS.
        let mut meter = LoudnessMeter::new(SampleRate(44_100), true).unwrap();
        meter.add(&sine(1.0, 3.0)).unwrap();
        let m = meter.measurement().unwrap();
        assert!((m.integrated_lufs + 3.01).abs() < 0.1, "{m:?}");
        assert!(m.peak_db.abs() < 0.2, "{m:?}");
    }

    #[test]
    fn combined_meters_equal_one_meter() {
        let signal = [sine(0.5, 2.0), vec![0.0; 44_100], sine(0.1, 2.0)].concat();
        let mut whole = LoudnessMeter::new(SampleRate(44_100), false).unwrap();
        whole.add(&signal).unwrap();
        let (a, b) = signal.split_at(2 * 44_100 + 22_050);
        let mut parts = [
            LoudnessMeter::new(SampleRate(44_100), false).unwrap(),
            LoudnessMeter::new(SampleRate(44_100), false).unwrap(),
        ];
        parts[0].add(a).unwrap();
        parts[1].add(b).unwrap();
        let one = whole.measurement().unwrap();
        let combined = LoudnessMeter::combine(&parts).unwrap();
        assert!((one.integrated_lufs - combined.integrated_lufs).abs() < 0.1, "{one:?} {combined:?}");
        assert!((one.peak_db - combined.peak_db).abs() < 1e-9);
        assert!(
            LoudnessMeter::new(SampleRate(44_100), false).unwrap().measurement().unwrap().integrated_lufs.is_infinite()
        );
    }
}
