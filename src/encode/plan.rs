//! Where to cut an episode into parts that encode in parallel and join without a seam.
//!
//! Each MP3 encoder starts with a delay and ends with padding, so joining separately encoded
//! streams inserts a little extra time at each join. Cutting inside a pause, where the audio is
//! digital silence, makes that extra time silence too, and dropping exactly as many silent
//! samples from the input keeps every later sample at its time:
//!
//! A part of `n` samples, with `n` a multiple of 1152, encodes into `n / 1152 + 1` frames
//! (LAME pads until at least 576 samples follow the input; the 576-sample encoder delay fills
//! the rest). In the joined stream the next part's first sample therefore plays 1152 samples
//! after the part's last one, so the next part starts 1152 samples later in the episode. Those
//! 1152 samples lie inside the pause and are silent in the WAV as well.

use super::lame_tag::SAMPLES_PER_FRAME;

/// The frames LAME writes for `n` input samples, not counting an info frame.
pub fn frames_for(n: u64) -> u64 {
    (n + 2 * SAMPLES_PER_FRAME - 1) / SAMPLES_PER_FRAME
}

/// Silence kept between speech and a cut, on both sides (about 20 ms), so the codec's spread of
/// a word's last and first sounds stays whole.
pub const MARGIN: u64 = 882;
/// Parts shorter than this are not worth a thread.
pub const MIN_PART: u64 = 30 * 44_100;

/// One part: samples `start..end` are mastered (and written to the WAV); `start..mp3_end` go
/// to this part's MP3 encoder, and `mp3_end..end` (silence) are left to the join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub start: u64,
    pub mp3_end: u64,
    pub end: u64,
}

impl Part {
    /// Frames this part's encoder writes (without an info frame).
    pub fn mp3_frames(&self) -> u64 {
        frames_for(self.mp3_end - self.start)
    }

    /// Padding at the end of this part's stream when it is the last one.
    pub fn padding(&self) -> u64 {
        self.mp3_frames() * SAMPLES_PER_FRAME - 576 - (self.mp3_end - self.start)
    }
}

/// Cut `total` samples into at most `parts` parts at the silent ranges `silences`
/// (`start..end`, in order). Fewer parts come out when the pauses are too short or too few.
pub fn plan_parts(total: u64, silences: &[(u64, u64)], parts: usize) -> Vec<Part> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..parts.max(1) as u64 {
        let target = total * i / parts as u64;
        let mut best: Option<u64> = None;
        for &(silent_from, silent_to) in silences {
            // The first frame boundary of this part after the speech and its margin.
            let earliest = silent_from + MARGIN;
            if earliest <= start {
                continue;
            }
            let cut = start + (earliest - start).div_ceil(SAMPLES_PER_FRAME) * SAMPLES_PER_FRAME;
            if cut + SAMPLES_PER_FRAME + MARGIN > silent_to || cut - start < MIN_PART || total - cut < MIN_PART {
                continue;
            }
            if best.is_none_or(|b| cut.abs_diff(target) < b.abs_diff(target)) {
                best = Some(cut);
            }
        }
        if let Some(cut) = best {
            out.push(Part { start, mp3_end: cut, end: cut + SAMPLES_PER_FRAME });
            start = cut + SAMPLES_PER_FRAME;
        }
    }
    out.push(Part { start, mp3_end: total, end: total });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_counts() {
        assert_eq!(frames_for(1), 2);
        assert_eq!(frames_for(1152), 2);
        assert_eq!(frames_for(1153), 3);
        assert_eq!(frames_for(44_100), 40);
    }

    #[test]
    fn cuts_fall_inside_pauses_on_frame_boundaries() {
        let total = 300 * 44_100;
        let silences: Vec<(u64, u64)> = (1..60).map(|s| (s * 5 * 44_100, s * 5 * 44_100 + 11_025)).collect();
        let parts = plan_parts(total, &silences, 2);
        assert_eq!(parts.len(), 2);
        let first = parts[0];
        assert_eq!(first.start, 0);
        assert_eq!(first.mp3_end % SAMPLES_PER_FRAME, 0);
        assert_eq!(first.padding(), 576);
        assert_eq!(parts[1].start, first.end);
        assert_eq!(first.end - first.mp3_end, SAMPLES_PER_FRAME);
        // Inside one pause, with the margins kept.
        assert!(silences.iter().any(|&(a, b)| first.mp3_end >= a + MARGIN && first.end + MARGIN <= b));
        // Near the middle.
        assert!(first.mp3_end.abs_diff(total / 2) < 5 * 44_100);
        assert_eq!(parts[1].end, total);
    }

    #[test]
    fn no_usable_pause_means_one_part() {
        let total = 300 * 44_100;
        // Pauses too short to hold a frame and the margins.
        let silences: Vec<(u64, u64)> = (1..60).map(|s| (s * 5 * 44_100, s * 5 * 44_100 + 2000)).collect();
        assert_eq!(plan_parts(total, &silences, 2), vec![Part { start: 0, mp3_end: total, end: total }]);
        assert_eq!(plan_parts(10, &[], 4).len(), 1);
    }
}
