//! WAV output with hound: 16-bit PCM, mono, at the episode rate.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::EncodeError;
use crate::atomic_file::AtomicFile;
use crate::audio::{AudioError, PcmSink};
use crate::time::SampleRate;

pub struct WavEncoder {
    file: AtomicFile,
    writer: hound::WavWriter<BufWriter<File>>,
}

impl WavEncoder {
    pub fn create(target: &Path, rate: SampleRate) -> Result<WavEncoder, EncodeError> {
        let io = |source| EncodeError::Io { path: target.to_path_buf(), source };
        let file = AtomicFile::create(target).map_err(io)?;
        let handle = file.try_clone_file().map_err(io)?;
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: rate.0,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let writer = hound::WavWriter::new(BufWriter::new(handle), spec)
            .map_err(|e| EncodeError::Format { path: target.to_path_buf(), reason: e.to_string() })?;
        Ok(WavEncoder { file, writer })
    }

    /// Complete the header and move the file into place.
    pub fn finish(self) -> Result<PathBuf, EncodeError> {
        let target = self.file.target().to_path_buf();
        self.writer
            .finalize()
            .map_err(|e| EncodeError::Format { path: target.clone(), reason: e.to_string() })?;
        self.file.commit().map_err(|source| EncodeError::Io { path: target, source })
    }
}

/// Float to 16-bit with rounding and clipping at full scale.
pub fn to_i16(sample: f32) -> i16 {
    (sample.clamp(-1.0, 1.0) * i16::MAX as f32).round() as i16
}

impl PcmSink for WavEncoder {
    fn write(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        for &s in samples {
            self.writer.write_sample(to_i16(s)).map_err(|e| AudioError::Write {
                path: self.file.target().display().to_string(),
                reason: e.to_string(),
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("episode.wav");
        let mut enc = WavEncoder::create(&path, SampleRate(44_100)).unwrap();
        enc.write(&[0.0, 0.5, -1.0, 2.0]).unwrap();
        enc.write_silence(3).unwrap();
        assert!(!path.exists());
        enc.finish().unwrap();
        let reader = hound::WavReader::open(&path).unwrap();
        assert_eq!(reader.spec().sample_rate, 44_100);
        let samples: Vec<i16> = reader.into_samples().map(|s| s.unwrap()).collect();
        assert_eq!(samples, vec![0, 16_384, -32_767, 32_767, 0, 0, 0]);
    }
}
