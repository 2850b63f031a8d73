//! The mastering settings and the one gain that takes the measured loudness to the target.

/// What the master pass aims for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MasterSettings {
    /// Integrated loudness to reach, in LUFS. Default: -16 (Apple's podcast guidance).
    pub loudness_lufs: f64,
    /// Highest true peak allowed, in dBTP. Default: -1.
    pub true_peak_dbtp: f64,
}

impl Default for MasterSettings {
    fn default() -> Self {
        MasterSettings { loudness_lufs: -16.0, true_peak_dbtp: -1.0 }
    }
}

/// The largest boost applied: more would only lift an engine's noise floor.
pub const MAX_GAIN_DB: f64 = 40.0;

/// The gain in dB from `measured` to `target` LUFS. A silent episode (no gated block, so the
/// meter says -inf) is left as it is.
pub fn plan_gain(measured_lufs: f64, target_lufs: f64) -> f64 {
    if !measured_lufs.is_finite() {
        return 0.0;
    }
    (target_lufs - measured_lufs).clamp(-MAX_GAIN_DB, MAX_GAIN_DB)
}

pub fn db_to_linear(db: f64) -> f64 {
    10f64.powf(db / 20.0)
}

pub fn linear_to_db(linear: f64) -> f64 {
    if linear <= 0.0 { f64::NEG_INFINITY } else { 20.0 * linear.log10() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gain_reaches_target_and_is_bounded() {
        assert!((plan_gain(-22.5, -16.0) - 6.5).abs() < 1e-12);
        assert!((plan_gain(-10.0, -16.0) + 6.0).abs() < 1e-12);
        assert_eq!(plan_gain(f64::NEG_INFINITY, -16.0), 0.0);
        assert_eq!(plan_gain(-90.0, -16.0), MAX_GAIN_DB);
    }

    #[test]
    fn decibels_round_trip() {
        assert!((db_to_linear(-6.0206) - 0.5).abs() < 1e-4);
        assert!((linear_to_db(db_to_linear(-1.0)) + 1.0).abs() < 1e-12);
        assert_eq!(linear_to_db(0.0), f64::NEG_INFINITY);
    }
}
