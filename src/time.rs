//! Typed time: sample counts, milliseconds and seconds are different units, so they get different
//! types and are never mixed as bare numbers across module boundaries.

use serde::{Deserialize, Serialize};

/// A duration in whole milliseconds (pause lengths, user settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Millis(pub u64);

/// A count of frames (one sample per channel) at a known sample rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Frames(pub u64);

/// A sample rate in frames per second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SampleRate(pub u32);

impl Millis {
    /// The number of frames this duration lasts at `rate`, rounded to the nearest frame.
    pub fn to_frames(self, rate: SampleRate) -> Frames {
        Frames((self.0 * rate.0 as u64 + 500) / 1000)
    }
}

impl Frames {
    /// Seconds as a float, for manifests and display.
    pub fn seconds(self, rate: SampleRate) -> f64 {
        self.0 as f64 / rate.0 as f64
    }
}

impl std::ops::Add for Frames {
    type Output = Frames;
    fn add(self, other: Frames) -> Frames {
        Frames(self.0 + other.0)
    }
}

impl std::ops::AddAssign for Frames {
    fn add_assign(&mut self, other: Frames) {
        self.0 += other.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_to_frames_rounds_to_nearest() {
        assert_eq!(Millis(250).to_frames(SampleRate(44_100)), Frames(11_025));
        assert_eq!(Millis(1).to_frames(SampleRate(22_050)), Frames(22));
    }

    #[test]
    fn frames_to_seconds() {
        assert!((Frames(66_150).seconds(SampleRate(44_100)) - 1.5).abs() < 1e-9);
    }
}
