//! WAV output: 16-bit PCM, mono, at the episode rate, written by position.
//!
//! The header is fixed once the length is known (after assembly), so every part of the
//! parallel encoding pass writes its own samples at their place in the file, from its own
//! thread, and no part waits for another.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;

use super::EncodeError;
use crate::atomic_file::AtomicFile;
use crate::time::SampleRate;

const HEADER_BYTES: u64 = 44;

pub struct WavFile {
    file: AtomicFile,
    handle: File,
    frames: u64,
}

impl WavFile {
    /// Create `target` (under a temporary name) for `frames` mono samples at `rate`.
    pub fn create(target: &Path, rate: SampleRate, frames: u64) -> Result<WavFile, EncodeError> {
        let io = |source| EncodeError::Io { path: target.to_path_buf(), source };
        let data_bytes = frames.checked_mul(2).and_then(|b| u32::try_from(b + HEADER_BYTES).ok()).ok_or_else(|| {
            EncodeError::Format { path: target.to_path_buf(), reason: "longer than a WAV file can hold (4 GiB)".into() }
        })? - HEADER_BYTES as u32;
        let file = AtomicFile::create(target).map_err(io)?;
        let handle = file.try_clone_file().map_err(io)?;
        let mut header = Vec::with_capacity(HEADER_BYTES as usize);
        header.extend_from_slice(b"RIFF");
        header.extend_from_slice(&(36 + data_bytes).to_le_bytes());
        header.extend_from_slice(b"WAVEfmt ");
        header.extend_from_slice(&16u32.to_le_bytes()); // fmt chunk size
        header.extend_from_slice(&1u16.to_le_bytes()); // PCM
        header.extend_from_slice(&1u16.to_le_bytes()); // mono
        header.extend_from_slice(&rate.0.to_le_bytes());
        header.extend_from_slice(&(rate.0 * 2).to_le_bytes()); // bytes per second
        header.extend_from_slice(&2u16.to_le_bytes()); // block align
        header.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
        header.extend_from_slice(b"data");
        header.extend_from_slice(&data_bytes.to_le_bytes());
        handle.write_all_at(&header, 0).map_err(io)?;
        handle.set_len(HEADER_BYTES + data_bytes as u64).map_err(io)?;
        Ok(WavFile { file, handle, frames })
    }

    /// Write `samples` from frame `start` on. Safe to call from several threads for
    /// different ranges.
    pub fn write_at(&self, start: u64, samples: &[f32], scratch: &mut Vec<u8>) -> Result<(), EncodeError> {
        let path = self.file.target();
        if start + samples.len() as u64 > self.frames {
            return Err(EncodeError::Format {
                path: path.to_path_buf(),
                reason: "samples beyond the announced length".into(),
            });
        }
        scratch.clear();
        scratch.extend(samples.iter().flat_map(|&s| to_i16(s).to_le_bytes()));
        self.handle
            .write_all_at(scratch, HEADER_BYTES + 2 * start)
            .map_err(|source| EncodeError::Io { path: path.to_path_buf(), source })
    }

    /// The finished file, not yet in place: the caller commits it with the episode's other files.
    pub fn finish(self) -> AtomicFile {
        self.file
    }
}

/// Float to 16-bit with rounding and clipping at full scale (the limiter keeps the episode
/// below it; this only guards the conversion).
pub fn to_i16(sample: f32) -> i16 {
    (sample.clamp(-1.0, 1.0) * i16::MAX as f32).round() as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_written_out_of_order_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("episode.wav");
        let wav = WavFile::create(&path, SampleRate(44_100), 6).unwrap();
        let mut scratch = Vec::new();
        wav.write_at(3, &[2.0, 0.0, -0.25], &mut scratch).unwrap();
        wav.write_at(0, &[0.0, 0.5, -1.0], &mut scratch).unwrap();
        assert!(wav.write_at(5, &[0.0, 0.0], &mut scratch).is_err());
        assert!(!path.exists());
        wav.finish().commit().unwrap();
        let reader = hound::WavReader::open(&path).unwrap();
        assert_eq!(reader.spec().sample_rate, 44_100);
        assert_eq!(reader.spec().channels, 1);
        let samples: Vec<i16> = reader.into_samples().map(|s| s.unwrap()).collect();
        assert_eq!(samples, vec![0, 16_384, -32_767, 32_767, 0, -8192]);
    }
}
