//! The mastering plan: the gain and limiter ceiling an episode is mastered with, chosen from
//! its measured loudness and trials of the limiter, and the report the manifest keeps of it.

use super::{LoudnessReport, MasterError, Measurement, SpoolReader, finite, loudness_after_limiting, search_gain};
use crate::time::SampleRate;

/// Headroom the limiter keeps below `--true-peak`: its detector interpolates with a short filter
/// and the MP3 encoder adds a little ringing; the mastered file must still measure at or
/// below the limit with an independent meter.
pub const CEILING_MARGIN_DB: f64 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MasteringPlan {
    pub target_lufs: f64,
    pub true_peak_limit_dbtp: f64,
    /// The episode as assembled, before any gain.
    pub before: Measurement,
    /// Gain applied before the limiter, in dB.
    pub gain_db: f64,
    /// The limiter's ceiling, in dBTP.
    pub ceiling_dbtp: f64,
}

impl MasteringPlan {
    /// The plan for the episode in `spool` to reach `target_lufs` with true peaks at most
    /// `true_peak_limit_dbtp`; the trials run on `threads` threads.
    pub fn for_spool(
        spool: &SpoolReader,
        rate: SampleRate,
        target_lufs: f64,
        true_peak_limit_dbtp: f64,
        threads: usize,
    ) -> Result<MasteringPlan, MasterError> {
        let before = spool.measurement();
        let ceiling_dbtp = true_peak_limit_dbtp - CEILING_MARGIN_DB;
        let gain_db = search_gain(before.integrated_lufs, target_lufs, |gain_db| {
            loudness_after_limiting(spool, rate, gain_db, ceiling_dbtp, threads)
        })?;
        Ok(MasteringPlan { target_lufs, true_peak_limit_dbtp, before, gain_db, ceiling_dbtp })
    }

    /// What the manifest records, given the measurement of the mastered episode.
    pub fn report(&self, after: Measurement) -> LoudnessReport {
        LoudnessReport {
            target_lufs: self.target_lufs,
            true_peak_limit_dbtp: self.true_peak_limit_dbtp,
            before_lufs: finite(self.before.integrated_lufs),
            before_sample_peak_dbfs: finite(self.before.peak_db),
            gain_db: (self.gain_db * 100.0).round() / 100.0,
            after_lufs: finite(after.integrated_lufs),
            after_true_peak_dbtp: finite(after.peak_db),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_rounds_and_leaves_what_was_not_measured_empty() {
        let plan = MasteringPlan {
            target_lufs: -16.0,
            true_peak_limit_dbtp: -1.0,
            before: Measurement { integrated_lufs: f64::NEG_INFINITY, peak_db: -20.004 },
            gain_db: 6.456,
            ceiling_dbtp: -1.5,
        };
        let report = plan.report(Measurement { integrated_lufs: -16.02, peak_db: -1.61 });
        assert_eq!(report.before_lufs, None);
        assert_eq!(report.before_sample_peak_dbfs, Some(-20.0));
        assert_eq!(report.gain_db, 6.46);
        assert_eq!((report.after_lufs, report.after_true_peak_dbtp), (Some(-16.02), Some(-1.61)));
        assert_eq!((report.target_lufs, report.true_peak_limit_dbtp), (-16.0, -1.0));
    }
}
