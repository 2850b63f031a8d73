//! Trimming the silence an engine leaves before and after speech, so that the pause between
//! segments is exactly the configured one.

/// Samples quieter than this (about -60 dBFS) count as silence. Low enough that the soft start
/// of an "s" or "f" is kept, high enough to cut an engine's dither and hiss.
pub const SILENCE_THRESHOLD: f32 = 0.001;

/// The sub-slice of mono `samples` between the first and last sample above the threshold.
/// A clip that is silent throughout trims to nothing.
pub fn trim_silence(samples: &[f32]) -> &[f32] {
    let loud = |s: &f32| s.abs() > SILENCE_THRESHOLD;
    match (samples.iter().position(loud), samples.iter().rposition(loud)) {
        (Some(first), Some(last)) => &samples[first..=last],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_silence_is_trimmed_inner_silence_kept() {
        let samples = [0.0, 0.0005, 0.2, 0.0, 0.0, -0.3, 0.0, 0.0];
        assert_eq!(trim_silence(&samples), &[0.2, 0.0, 0.0, -0.3]);
    }

    #[test]
    fn silent_clip_trims_to_nothing() {
        assert!(trim_silence(&[0.0; 100]).is_empty());
        assert!(trim_silence(&[]).is_empty());
    }
}
