//! Where assembled PCM goes: an encoder, a measuring pass, or (in tests) memory.

use super::AudioError;

/// A consumer of mono PCM at the episode rate.
pub trait PcmSink {
    fn write(&mut self, samples: &[f32]) -> Result<(), AudioError>;

    /// Write `count` frames of digital silence.
    fn write_silence(&mut self, count: u64) -> Result<(), AudioError> {
        const BLOCK: usize = 4096;
        let zeros = [0.0f32; BLOCK];
        let mut left = count as usize;
        while left > 0 {
            let n = left.min(BLOCK);
            self.write(&zeros[..n])?;
            left -= n;
        }
        Ok(())
    }
}

/// Collects everything in memory; for tests of the stages before encoding.
#[derive(Debug, Default)]
pub struct VecSink {
    pub samples: Vec<f32>,
}

impl PcmSink for VecSink {
    fn write(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        self.samples.extend_from_slice(samples);
        Ok(())
    }
}
