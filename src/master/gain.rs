//! The one gain that takes the measured loudness to the target, and the make-up for what the
//! limiter takes.

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

/// The most the gain is raised to make up for the limiter: beyond this the limiter would be
/// squashing the speech rather than catching peaks.
pub const MAX_MAKEUP_DB: f64 = 4.0;

/// The gain after a trial: `gain_db` gave `measured_lufs` after limiting, so add the shortfall
/// (never taking away, and at most [`MAX_MAKEUP_DB`] over `first_gain_db`).
pub fn refine_gain(first_gain_db: f64, gain_db: f64, measured_lufs: f64, target_lufs: f64) -> f64 {
    if !measured_lufs.is_finite() {
        return gain_db;
    }
    (gain_db + (target_lufs - measured_lufs)).clamp(first_gain_db, first_gain_db + MAX_MAKEUP_DB).min(MAX_GAIN_DB)
}

/// The gain after two trials, `(g0, l0)` and `(g1, l1)` (gain in dB, loudness after limiting):
/// the secant through them, since each dB of gain adds less than a dB of loudness once the
/// limiter works. Falls back to [`refine_gain`] when the two points do not give a usable slope.
pub fn secant_gain(first_gain_db: f64, (g0, l0): (f64, f64), (g1, l1): (f64, f64), target_lufs: f64) -> f64 {
    let slope = (l1 - l0) / (g1 - g0);
    if !slope.is_finite() || !(0.1..=1.5).contains(&slope) {
        return refine_gain(first_gain_db, g1, l1, target_lufs);
    }
    (g1 + (target_lufs - l1) / slope).clamp(first_gain_db, first_gain_db + MAX_MAKEUP_DB).min(MAX_GAIN_DB)
}

/// The gain that reaches `target_lufs` after the limiter, for an episode measured at
/// `measured_lufs` before it. `loudness_after` runs a trial: the loudness after limiting at a
/// given gain. Two trials at most, since each costs a pass over a sample of the episode: one
/// at the first gain, one at the gain that would have made up the shortfall, then the secant
/// through the two. The second is skipped when the first needs no make-up.
pub fn search_gain<E>(
    measured_lufs: f64,
    target_lufs: f64,
    mut loudness_after: impl FnMut(f64) -> Result<f64, E>,
) -> Result<f64, E> {
    let first_gain_db = plan_gain(measured_lufs, target_lufs);
    let l0 = loudness_after(first_gain_db)?;
    let g1 = refine_gain(first_gain_db, first_gain_db, l0, target_lufs);
    if g1 > first_gain_db {
        let l1 = loudness_after(g1)?;
        Ok(secant_gain(first_gain_db, (first_gain_db, l0), (g1, l1), target_lufs))
    } else {
        Ok(first_gain_db)
    }
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
    fn makeup_gain_is_bounded() {
        assert!((refine_gain(5.0, 5.0, -17.0, -16.0) - 6.0).abs() < 1e-12);
        assert!((refine_gain(5.0, 6.0, -16.2, -16.0) - 6.2).abs() < 1e-12);
        assert_eq!(refine_gain(5.0, 5.0, -10.0, -16.0), 5.0);
        assert_eq!(refine_gain(5.0, 5.0, -40.0, -16.0), 5.0 + MAX_MAKEUP_DB);
        assert_eq!(refine_gain(5.0, 5.0, f64::NEG_INFINITY, -16.0), 5.0);
    }

    #[test]
    fn secant_finds_the_gain_when_each_db_adds_half_a_db() {
        // Loudness after limiting rises by 0.5 dB per dB of gain: -17 at 5 dB, -16.5 at 6 dB.
        let g = secant_gain(5.0, (5.0, -17.0), (6.0, -16.5), -16.0);
        assert!((g - 7.0).abs() < 1e-9, "{g}");
        // A flat response (limiter saturated) falls back to the bounded step.
        assert_eq!(secant_gain(5.0, (5.0, -17.0), (6.0, -17.0), -16.0), 7.0);
        assert_eq!(secant_gain(5.0, (5.0, -30.0), (5.5, -25.0), -16.0), refine_gain(5.0, 5.5, -25.0, -16.0));
    }

    #[test]
    fn search_tries_the_first_gain_then_the_secant() {
        // Each dB of gain adds half a dB after limiting; the raw episode reads -22 LUFS.
        let mut tried = Vec::new();
        let gain = search_gain(-22.0, -16.0, |g| {
            tried.push(g);
            Ok::<_, ()>(-17.0 + 0.5 * (g - 6.0))
        })
        .unwrap();
        assert_eq!(tried, [6.0, 7.0]);
        assert!((gain - 8.0).abs() < 1e-9, "{gain}");
    }

    #[test]
    fn search_stops_after_one_trial_when_nothing_is_short() {
        let mut trials = 0;
        let gain = search_gain(-22.0, -16.0, |_| {
            trials += 1;
            Ok::<_, ()>(-15.5)
        })
        .unwrap();
        assert_eq!((gain, trials), (6.0, 1));
        assert_eq!(search_gain(-22.0, -16.0, |_| Err::<f64, _>("no spool")), Err("no spool"));
    }

    #[test]
    fn decibels_round_trip() {
        assert!((db_to_linear(-6.0206) - 0.5).abs() < 1e-4);
        assert!((linear_to_db(db_to_linear(-1.0)) + 1.0).abs() < 1e-12);
        assert_eq!(linear_to_db(0.0), f64::NEG_INFINITY);
    }
}
